using DataPrep.IO;

namespace DataPrep.Stages.Dedup;

/// <summary>
/// A dedup work file being written: it lives under a hidden temporary name (<see cref="TemporaryFiles"/>) until
/// <see cref="Commit"/> renames it into place, so a pass killed half-way never leaves a short file under the name
/// the next pass reads. Disposing without committing (a failed or cancelled pass) deletes it.
/// </summary>
/// <remarks>
/// A wrapper, not a <see cref="FileStream"/> subclass: a derived FileStream sends span writes through
/// <see cref="Stream"/>'s array-renting fallback, and the dedup passes write millions of 8–32-byte records.
/// </remarks>
internal sealed class WorkFileStream : Stream
{
    private readonly FileStream _file;
    private readonly string _finalPath;
    private readonly string _temporaryPath;
    private bool _finished;

    private WorkFileStream(string finalPath)
    {
        _finalPath = finalPath;
        _temporaryPath = TemporaryFiles.PathFor(finalPath);
        _file = new FileStream(_temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    public static WorkFileStream Create(string finalPath) => new(finalPath);

    /// <summary>Flushes, closes and renames the file into place (replacing a file a failed earlier attempt committed).</summary>
    public void Commit()
    {
        if (_finished)
        {
            return;
        }
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        _finished = true;
        File.Move(_temporaryPath, _finalPath, overwrite: true);
    }

    public override bool CanRead => false;

    public override bool CanSeek => _file.CanSeek;

    public override bool CanWrite => !_finished;

    public override long Length => _file.Length;

    public override long Position
    {
        get => _file.Position;
        set => _file.Position = value;
    }

    public override void Write(ReadOnlySpan<byte> buffer) => _file.Write(buffer);

    public override void Write(byte[] buffer, int offset, int count) => _file.Write(buffer, offset, count);

    public override void WriteByte(byte value) => _file.WriteByte(value);

    public override void Flush() => _file.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);

    public override void SetLength(long value) => _file.SetLength(value);

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_finished)
        {
            _finished = true;
            _file.Dispose();
            try
            {
                File.Delete(_temporaryPath);
            }
            catch (IOException)
            {
                // A leftover hidden temporary is swept by the next run.
            }
        }
        base.Dispose(disposing);
    }
}
