namespace DataPrep.IO.Gzip;

/// <summary>
/// A forward-only stream that can only be read: what the decompressing streams (zlib's member stream, its feed, ISA-L's
/// inflate) have in common, so each states only how it reads. <see cref="Position"/> is the bytes read so far when the
/// stream counts them (<see cref="BytesRead"/>), else unsupported.
/// </summary>
internal abstract class ReadOnlyStream : Stream
{
    public sealed override bool CanRead => true;
    public sealed override bool CanSeek => false;
    public sealed override bool CanWrite => false;
    public sealed override long Length => throw new NotSupportedException();

    public sealed override long Position
    {
        get => BytesRead ?? throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Bytes this stream has returned so far, or null when it does not count them.</summary>
    protected virtual long? BytesRead => null;

    public abstract override int Read(Span<byte> buffer);

    public sealed override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public sealed override void Flush()
    {
    }

    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public sealed override void SetLength(long value) => throw new NotSupportedException();
    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
