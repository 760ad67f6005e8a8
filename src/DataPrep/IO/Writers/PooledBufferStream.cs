using System.Buffers;

namespace DataPrep.IO.Writers;

/// <summary>A write-only stream into a pooled buffer, so compressing a block allocates no array of its own.</summary>
internal sealed class PooledBufferStream(int initialCapacity) : Stream
{
    private byte[]? _buffer = BlockBuffers.Pool.Rent(initialCapacity);
    private int _length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var current = _buffer ?? throw new ObjectDisposedException(nameof(PooledBufferStream));
        if (current.Length - _length < buffer.Length)
        {
            var bigger = BlockBuffers.Pool.Rent(Math.Max(current.Length * 2, _length + buffer.Length));
            current.AsSpan(0, _length).CopyTo(bigger);
            BlockBuffers.Pool.Return(current);
            _buffer = current = bigger;
        }
        buffer.CopyTo(current.AsSpan(_length));
        _length += buffer.Length;
    }

    /// <summary>Hands the buffer over to a block (which returns it to the pool when appended).</summary>
    public EncodedBlock Detach(long uncompressedBytes, int documents)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(PooledBufferStream));
        _buffer = null;
        return new EncodedBlock(buffer, _length, uncompressedBytes, documents);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            BlockBuffers.Pool.Return(buffer);
        }
        base.Dispose(disposing);
    }
}
