using System.Buffers;

namespace DataPrep.IO.Writers;

/// <summary>
/// Documents serialised and compressed into one self-contained piece of a file: a complete gzip member or
/// zstd frame (readers decompress concatenated members and frames as one stream), or plain JSON Lines.
/// Made on a worker thread by <see cref="IBlockDocumentWriter.Encode"/>, appended in order by
/// <see cref="IBlockDocumentWriter.Append"/>, which returns its pooled buffer.
/// </summary>
internal sealed class EncodedBlock
{
    private byte[]? _buffer;

    internal EncodedBlock(byte[] pooledBuffer, int length, long uncompressedBytes, int documents)
    {
        _buffer = pooledBuffer;
        Length = length;
        UncompressedBytes = uncompressedBytes;
        Documents = documents;
    }

    /// <summary>The bytes to append to the file.</summary>
    public ReadOnlySpan<byte> Bytes => _buffer is { } buffer ? buffer.AsSpan(0, Length) : throw new ObjectDisposedException(nameof(EncodedBlock));

    /// <summary>Length of <see cref="Bytes"/>.</summary>
    public int Length { get; }

    /// <summary>Size of the JSON before compression (what part rotation counts).</summary>
    public long UncompressedBytes { get; }

    /// <summary>Documents in the block.</summary>
    public int Documents { get; }

    /// <summary>Gives the buffer back to the pool; <see cref="Bytes"/> is unusable afterwards.</summary>
    internal void Release()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            BlockBuffers.Pool.Return(buffer);
        }
    }
}
