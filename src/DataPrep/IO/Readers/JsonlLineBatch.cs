using System.Buffers;
using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.IO.Readers;

/// <summary>
/// Raw JSONL lines of one file, copied end to end into one pooled buffer by the reader's thread and parsed
/// by <see cref="Open(IRejectionSink?)"/> on a worker. The buffer goes back to the pool once the lines are parsed (documents
/// own copies of their text).
/// </summary>
internal sealed class JsonlLineBatch : RecordBatch
{
    private readonly InputFile _file;
    private readonly InputContext _context;
    private readonly int[] _ends;
    private readonly long[] _lineNumbers;
    private byte[]? _buffer;
    private int _length;

    public JsonlLineBatch(InputFile file, InputContext context, int maxLines, int initialBytes)
    {
        _file = file;
        _context = context;
        _ends = new int[maxLines];
        _lineNumbers = new long[maxLines];
        _buffer = BlockBuffers.Pool.Rent(initialBytes);
    }

    /// <summary>Lines held.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes held.</summary>
    public int Bytes => _length;

    /// <summary>True when no more lines fit.</summary>
    public bool IsFull => Count == _ends.Length;

    /// <summary>Copies one line in.</summary>
    public void Add(ReadOnlySpan<byte> line, long lineNumber)
    {
        var buffer = _buffer!;
        if (buffer.Length - _length < line.Length)
        {
            var bigger = BlockBuffers.Pool.Rent(Math.Max(buffer.Length * 2, _length + line.Length));
            buffer.AsSpan(0, _length).CopyTo(bigger);
            BlockBuffers.Pool.Return(buffer);
            _buffer = buffer = bigger;
        }
        line.CopyTo(buffer.AsSpan(_length));
        _length += line.Length;
        _ends[Count] = _length;
        _lineNumbers[Count] = lineNumber;
        Count++;
    }

    /// <inheritdoc />
    public override IReadOnlyList<Document> Open(IRejectionSink? rejections)
    {
        var buffer = _buffer ?? throw new InvalidOperationException("The batch was already opened.");
        var context = rejections is null ? _context : _context.WithRejections(rejections);
        var documents = new List<Document>(Count);
        try
        {
            var start = 0;
            for (var i = 0; i < Count; i++)
            {
                var document = JsonlDocumentReader.Parse(buffer.AsSpan(start, _ends[i] - start), _file, _lineNumbers[i], context);
                if (document is not null)
                {
                    context.CountDocument(document);
                    documents.Add(document);
                }
                start = _ends[i];
            }
        }
        finally
        {
            _buffer = null;
            BlockBuffers.Pool.Return(buffer);
        }
        return documents;
    }
}
