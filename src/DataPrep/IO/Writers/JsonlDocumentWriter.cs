using System.Buffers;
using System.IO.Compression;
using DataPrep.Documents;
using DataPrep.IO.Gzip;

namespace DataPrep.IO.Writers;

/// <summary>
/// Writes documents as JSON Lines into <c>{folder}/{stem}-{part:D5}.jsonl[.gz|.zst]</c>, starting a new
/// part after <c>maxFileBytes</c> of uncompressed JSON. Parts are written under hidden temporary names
/// and all renamed into place by <see cref="Complete"/>, so a shard killed mid-way leaves no visible part.
/// </summary>
/// <remarks>
/// Compressed output is a sequence of independent blocks of about <see cref="BlockBytes"/> of text: each
/// block is a complete gzip member or zstd frame. gzip, zcat, Python's gzip module, .NET's
/// <see cref="GZipStream"/> and zstd read such files as one stream (it is what pigz and bgzip write), and it
/// lets the runner compress blocks on all cores (<see cref="Encode(IReadOnlyList{Document})"/>) while one thread only appends them.
/// Parts therefore end on block boundaries: a part may run past <c>maxFileBytes</c> by less than one block.
/// </remarks>
internal sealed class JsonlDocumentWriter : IBlockDocumentWriter
{
    private const int MaxBlockBytes = 1 << 20;
    private const int MinBlockBytes = 1 << 16;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_encodeBuffer;

    private readonly string _folder;
    private readonly string _stem;
    private readonly OutputCompression _compression;
    private readonly CompressionLevel _level;
    private readonly long _maxFileBytes;
    private readonly string _idField;
    private readonly string _textField;
    private readonly ArrayBufferWriter<byte> _buffer = new(MaxBlockBytes * 2);
    private readonly JsonLineWriter _json;
    private readonly List<string> _files = [];
    private readonly List<AtomicFile> _closedParts = [];
    private AtomicFile? _file;
    private long _fileBytes;
    private int _pendingDocuments;
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
        // A quarter of a part at most, so parts stay close to their limit.
        BlockBytes = (int)Math.Clamp(maxFileBytes / 4, MinBlockBytes, MaxBlockBytes);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Files => _files;

    /// <summary>Documents written.</summary>
    public long Documents { get; private set; }

    /// <inheritdoc />
    /// <remarks>1 MiB, or a quarter of <c>maxFileBytes</c> when that is smaller (at least 64 KiB).</remarks>
    public int BlockBytes { get; }

    /// <inheritdoc />
    public ValueTask WriteAsync(Document document, CancellationToken cancellationToken)
    {
        Write(document);
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes one document (synchronously, on the caller's thread): serialised at once, compressed a block at a time.</summary>
    public void Write(Document document)
    {
        Serialise(_json, document);
        _pendingDocuments++;
        if (_buffer.WrittenCount >= BlockBytes || _fileBytes + _buffer.WrittenCount >= _maxFileBytes)
        {
            FlushPending();
        }
    }

    /// <inheritdoc />
    public EncodedBlock Encode(IReadOnlyList<Document> documents) => Encode(ReadOnlySpan<byte>.Empty, 0, documents);

    /// <summary>Like <see cref="Encode(IReadOnlyList{Document})"/>, for a block whose first <paramref name="prefixDocuments"/>
    /// documents were serialised earlier (<see cref="Serialise(IReadOnlyList{Document})"/>, kept by a checkpoint): the block
    /// holds the same bytes as if they had been encoded with the rest. Thread-safe.</summary>
    public EncodedBlock Encode(ReadOnlySpan<byte> prefix, int prefixDocuments, IReadOnlyList<Document> documents)
    {
        var buffer = t_encodeBuffer ??= new ArrayBufferWriter<byte>(MaxBlockBytes * 2);
        buffer.ResetWrittenCount();
        buffer.Write(prefix);
        var json = new JsonLineWriter(buffer);
        foreach (var document in documents)
        {
            Serialise(json, document);
        }
        var block = Compress(buffer.WrittenSpan, prefixDocuments + documents.Count);
        // A rare huge block would otherwise keep its buffer alive on this thread for good.
        if (buffer.Capacity > MaxBlockBytes * 4)
        {
            t_encodeBuffer = null;
        }
        return block;
    }

    /// <inheritdoc />
    public void Append(EncodedBlock block)
    {
        try
        {
            if (block.Documents == 0)
            {
                return;
            }
            if (_file is null)
            {
                _file = new AtomicFile(Path.Combine(_folder, $"{_stem}-{_part:D5}.jsonl{CompressedStreams.Extension(_compression)}"));
            }
            _file.Stream.Write(block.Bytes);
            _fileBytes += block.UncompressedBytes;
            Documents += block.Documents;
            if (_fileBytes >= _maxFileBytes)
            {
                CommitPart();
            }
        }
        finally
        {
            block.Release();
        }
    }

    /// <summary>The JSON lines of <paramref name="documents"/> as this writer writes them, uncompressed. Thread-safe.</summary>
    public byte[] Serialise(IReadOnlyList<Document> documents)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        var json = new JsonLineWriter(buffer);
        foreach (var document in documents)
        {
            Serialise(json, document);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Flushes what was appended to disk and returns where the writer stands, for a run that may be killed and resumed
    /// (<see cref="Resume"/>). Call between blocks, on the appending thread: every block is self-contained, so the open
    /// part ends on a boundary a reader can stop at and a resumed writer can append to. Documents given to
    /// <see cref="Write"/> and not yet compressed are cut into a block first.
    /// </summary>
    public DocumentWriterCheckpoint Checkpoint()
    {
        FlushPending();
        FileCheckpoint? open = null;
        if (_file is not null)
        {
            open = new FileCheckpoint(_file.FinalPath, _file.TempPath, _file.FlushToDisk());
        }
        var closed = _closedParts.Select(p => new FileCheckpoint(p.FinalPath, p.TempPath, new FileInfo(p.TempPath).Length)).ToList();
        return new DocumentWriterCheckpoint(closed, open, _part, _fileBytes, Documents);
    }

    /// <summary>Takes over the files of an earlier attempt at <paramref name="checkpoint"/>, truncating them back to it;
    /// call before writing anything.</summary>
    /// <exception cref="FileNotFoundException">A file of the checkpoint is gone.</exception>
    public void Resume(DocumentWriterCheckpoint checkpoint)
    {
        if (_file is not null || _closedParts.Count > 0 || Documents > 0)
        {
            throw new InvalidOperationException("A writer resumes before it writes.");
        }
        foreach (var part in checkpoint.ClosedParts)
        {
            var file = AtomicFile.Reopen(part.FinalPath, part.TempPath, part.Length);
            _closedParts.Add(file);
            file.Close();
        }
        if (checkpoint.OpenPart is { } open)
        {
            _file = AtomicFile.Reopen(open.FinalPath, open.TempPath, open.Length);
        }
        _part = checkpoint.Part;
        _fileBytes = checkpoint.OpenPartJsonBytes;
        Documents = checkpoint.Documents;
    }

    /// <summary>Stops without committing and keeps the temporary files as they are (disposal deletes them otherwise):
    /// after a checkpoint, what a later run resumes from.</summary>
    public void Abandon()
    {
        _file?.Abandon();
        _file = null;
        foreach (var part in _closedParts)
        {
            part.Abandon();
        }
        _closedParts.Clear();
    }

    private void Serialise(JsonLineWriter json, Document document)
    {
        json.StartObject();
        json.Property(_idField, document.Id);
        json.TextProperty(_textField, document);
        json.Metadata(document.Metadata, _idField, _textField);
        json.EndLine();
    }

    private EncodedBlock Compress(ReadOnlySpan<byte> json, int documents)
    {
        switch (_compression)
        {
            case OutputCompression.Gzip:
                return GzipMemberCompressor.Compress(json, _level, documents);
            case OutputCompression.Zstd:
            {
                var bound = ZstdSharp.Compressor.GetCompressBound(json.Length);
                var buffer = BlockBuffers.Pool.Rent(bound);
                using var compressor = new ZstdSharp.Compressor(CompressedStreams.ZstdLevel(_level));
                var length = compressor.Wrap(json, buffer);
                return new EncodedBlock(buffer, length, json.Length, documents);
            }
            default:
            {
                var buffer = BlockBuffers.Pool.Rent(Math.Max(json.Length, 1));
                json.CopyTo(buffer);
                return new EncodedBlock(buffer, json.Length, json.Length, documents);
            }
        }
    }

    private void FlushPending()
    {
        if (_pendingDocuments == 0)
        {
            return;
        }
        var block = Compress(_buffer.WrittenSpan, _pendingDocuments);
        _buffer.ResetWrittenCount();
        _pendingDocuments = 0;
        Append(block);
    }

    private void CommitPart()
    {
        if (_file is null)
        {
            return;
        }
        _file.Close();
        _closedParts.Add(_file);
        _file = null;
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
        FlushPending();
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
        _file?.Dispose();
        foreach (var part in _closedParts)
        {
            part.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
