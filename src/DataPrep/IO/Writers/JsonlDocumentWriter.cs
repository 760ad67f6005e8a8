using System.Buffers;
using System.IO.Compression;
using DataPrep.Documents;

namespace DataPrep.IO.Writers;

/// <summary>
/// Writes documents as JSON Lines into <c>{folder}/{stem}-{part:D5}.jsonl[.gz|.zst]</c>, starting a new
/// part after <c>maxFileBytes</c> of uncompressed JSON. Parts are written under hidden temporary names
/// and all renamed into place by <see cref="Complete"/>, so a shard killed mid-way leaves no visible part.
/// </summary>
public sealed class JsonlDocumentWriter : IDocumentWriter
{
    private const int FlushThreshold = 1 << 20;
    private readonly string _folder;
    private readonly string _stem;
    private readonly OutputCompression _compression;
    private readonly CompressionLevel _level;
    private readonly long _maxFileBytes;
    private readonly string _idField;
    private readonly string _textField;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly JsonLineWriter _json;
    private readonly List<string> _files = [];
    private readonly List<AtomicFile> _closedParts = [];
    private AtomicFile? _file;
    private Stream? _stream;
    private long _fileBytes;
    private int _part;

    /// <summary>Creates a writer; no file is created until the first document.</summary>
    public JsonlDocumentWriter(string folder, string stem, OutputCompression compression, CompressionLevel level,
        long maxFileBytes, string idField = "id", string textField = "text")
    {
        _folder = folder;
        _stem = stem;
        _compression = compression;
        _level = level;
        _maxFileBytes = maxFileBytes;
        _idField = idField;
        _textField = textField;
        _json = new JsonLineWriter(_buffer);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Files => _files;

    /// <summary>Documents written.</summary>
    public long Documents { get; private set; }

    /// <inheritdoc />
    public ValueTask WriteAsync(Document document, CancellationToken cancellationToken)
    {
        Write(document);
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes one document (synchronously; the runner calls it on the writer's own thread).</summary>
    public void Write(Document document)
    {
        _json.StartObject();
        _json.Property(_idField, document.Id);
        _json.Property(_textField, document.Text);
        _json.Metadata(document.Metadata, _idField, _textField);
        _json.EndLine();
        Documents++;
        if (_buffer.WrittenCount >= FlushThreshold)
        {
            FlushBuffer();
        }
        if (_fileBytes + _buffer.WrittenCount >= _maxFileBytes)
        {
            FlushBuffer();
            CommitPart();
        }
    }

    private void FlushBuffer()
    {
        if (_buffer.WrittenCount == 0)
        {
            return;
        }
        if (_stream is null)
        {
            var path = Path.Combine(_folder, $"{_stem}-{_part:D5}.jsonl{CompressedStreams.Extension(_compression)}");
            _file = new AtomicFile(path);
            _stream = CompressedStreams.WrapForWrite(_file.Stream, _compression, _level);
        }
        _stream.Write(_buffer.WrittenSpan);
        _fileBytes += _buffer.WrittenCount;
        _buffer.ResetWrittenCount();
    }

    private void CommitPart()
    {
        if (_stream is null || _file is null)
        {
            return;
        }
        // Disposing the compressor writes its trailer; the file stream stays open until Commit.
        if (_compression != OutputCompression.None)
        {
            _stream.Dispose();
        }
        _file.Close();
        _closedParts.Add(_file);
        _file = null;
        _stream = null;
        _fileBytes = 0;
        _part++;
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        Complete();
        return ValueTask.CompletedTask;
    }

    /// <summary>Flushes and commits the open part.</summary>
    public void Complete()
    {
        FlushBuffer();
        CommitPart();
        foreach (var part in _closedParts)
        {
            part.Commit();
            _files.Add(part.FinalPath);
            part.Dispose();
        }
        _closedParts.Clear();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            try
            {
                _stream?.Dispose();
            }
            catch (IOException)
            {
                // The temporary file is deleted below; an error closing it changes nothing.
            }
            _file.Dispose();
        }
        foreach (var part in _closedParts)
        {
            part.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
