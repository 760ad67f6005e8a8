using System.Buffers;
using System.IO.Compression;
using DataPrep.Pipeline;

namespace DataPrep.IO.Writers;

/// <summary>
/// Writes every rejection of a shard to <c>rejected/{stem}.jsonl.gz</c>: id, stage, reason code, detail,
/// <c>duplicate_of</c>, source <c>file:line</c>, and (unless the reason is sensitive or text is switched off)
/// the document's text and metadata, so "why was this dropped?" is answered from the output alone.
/// Thread-safe; the file is renamed into place by <see cref="Complete"/>. A shard with no rejection writes no file
/// (an empty <c>.gz</c> is not valid gzip, and a valid empty one only makes readers open a file to find nothing).
/// </summary>
internal sealed class RejectsWriter : IRejectionSink, IDisposable
{
    private readonly object _gate = new();
    private readonly bool _includeText;
    private readonly string _textField;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly JsonLineWriter _json;
    private readonly OutputCompression _compression;
    private readonly CompressionLevel _level;
    private AtomicFile? _file;
    private Stream? _stream;
    private bool _completed;

    /// <summary>Prepares <c>{folder}/{stem}.jsonl[.gz]</c>; the file is created (under a temporary name until complete)
    /// with the first rejection.</summary>
    public RejectsWriter(string folder, string stem, OutputCompression compression, CompressionLevel level, bool includeText, string textField = "text")
    {
        _includeText = includeText;
        _textField = textField;
        _compression = compression;
        _level = level;
        FinalPath = Path.Combine(folder, $"{stem}.jsonl{CompressedStreams.Extension(compression)}");
        _json = new JsonLineWriter(_buffer);
    }

    /// <summary>Number of rejections written.</summary>
    public long Count { get; private set; }

    /// <summary>The final path of the file (which exists after <see cref="Complete"/> only when <see cref="Count"/> &gt; 0).</summary>
    public string FinalPath { get; }

    /// <inheritdoc />
    public void Reject(Rejection rejection)
    {
        lock (_gate)
        {
            if (_completed)
            {
                throw new InvalidOperationException("The rejects file is already complete.");
            }
            _json.StartObject();
            _json.Property("id", rejection.DocumentId);
            _json.Property("stage", rejection.StageId);
            _json.Property("reason", rejection.Reason.Code);
            if (rejection.Detail is not null)
            {
                _json.Property("detail", rejection.Detail);
            }
            if (rejection.DuplicateOf is not null)
            {
                _json.Property("duplicate_of", rejection.DuplicateOf);
            }
            if (rejection.Source.FileOrdinal >= 0)
            {
                _json.Property("source", rejection.Source.ToString());
            }
            if (_includeText && !rejection.Reason.Sensitive && rejection.Document is { } document)
            {
                _json.TextProperty(_textField, document);
                if (document.Metadata.Count > 0)
                {
                    _json.MetadataObject("metadata", document.Metadata);
                }
            }
            _json.EndLine();
            if (_buffer.WrittenCount > 1 << 16)
            {
                Open().Write(_buffer.WrittenSpan);
                _buffer.ResetWrittenCount();
            }
            Count++;
        }
    }

    /// <summary>Flushes and renames the file into place.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }
            _completed = true;
            if (Count == 0)
            {
                // A rerun that rejects nothing must not leave an older run's rejects looking current.
                if (File.Exists(FinalPath))
                {
                    File.Delete(FinalPath);
                }
                return;
            }
            // After a checkpoint with nothing rejected since, the file already ends with a complete member.
            if (_buffer.WrittenCount > 0)
            {
                Open().Write(_buffer.WrittenSpan);
                _buffer.ResetWrittenCount();
            }
            EndMember();
            _file!.Commit();
        }
    }

    private Stream Open()
    {
        _file ??= new AtomicFile(FinalPath);
        return _stream ??= CompressedStreams.WrapForWrite(_file.Stream, _compression, _level);
    }

    // Ends the compressed stream (a complete gzip member or zstd frame); later rejections start a new one in the same file.
    private void EndMember()
    {
        if (_stream is not null && !ReferenceEquals(_stream, _file!.Stream))
        {
            _stream.Dispose();
            _stream = null;
        }
    }

    /// <summary>
    /// Writes what is buffered, ends the compressed stream there (a complete gzip member or zstd frame; later rejections
    /// start a new one in the same file, which gzip, zcat and zstd read as one stream) and flushes to disk, so a run killed
    /// later can resume at this point (<see cref="Resume"/>). Returns the file and its length, or null while nothing was rejected.
    /// </summary>
    /// <remarks>The member ends where the caller checkpoints; a runner that checkpoints at fixed input positions makes the
    /// same file whether or not a run was killed and resumed.</remarks>
    public FileCheckpoint? Checkpoint()
    {
        lock (_gate)
        {
            if (Count == 0)
            {
                return null;
            }
            if (_buffer.WrittenCount > 0)
            {
                Open().Write(_buffer.WrittenSpan);
                _buffer.ResetWrittenCount();
            }
            EndMember();
            return new FileCheckpoint(FinalPath, _file!.TempPath, _file.FlushToDisk());
        }
    }

    /// <summary>Takes over the rejects file of an earlier attempt at a checkpoint (truncating it back to it), holding
    /// <paramref name="count"/> rejections; call before anything is rejected.</summary>
    /// <exception cref="FileNotFoundException">The file is gone.</exception>
    public void Resume(FileCheckpoint file, long count)
    {
        lock (_gate)
        {
            if (Count > 0 || _file is not null)
            {
                throw new InvalidOperationException("A rejects file resumes before anything is rejected.");
            }
            _file = AtomicFile.Reopen(FinalPath, file.TempPath, file.Length);
            Count = count;
        }
    }

    /// <summary>Stops without completing and keeps the temporary file as it is (disposal deletes it otherwise): after a
    /// checkpoint, what a later run resumes from.</summary>
    public void Abandon()
    {
        lock (_gate)
        {
            _completed = true;
            _file?.Abandon();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_completed)
            {
                try
                {
                    _stream?.Dispose();
                }
                catch (IOException)
                {
                    // The temporary file is deleted next.
                }
            }
            _file?.Dispose();
        }
    }
}
