using System.IO.Compression;
using DataPrep.IO.Gzip;

namespace DataPrep.IO.Writers;

/// <summary>
/// Compresses one block of output into one complete, independent gzip member in a pooled buffer: with ISA-L
/// (<see cref="IsalDeflate"/>) for <see cref="CompressionLevel.Fastest"/> when ISA-L is the engine, else with zlib.
/// Thread-safe.
/// </summary>
internal static class GzipMemberCompressor
{
    /// <summary>A member holding <paramref name="data"/> in a pooled buffer, made by <paramref name="engine"/> (default: <see cref="GzipEngine.Active"/>).</summary>
    public static EncodedBlock Compress(ReadOnlySpan<byte> data, CompressionLevel level, int documents, GzipEngine? engine = null)
    {
        if (level == CompressionLevel.Fastest && (engine ?? GzipEngine.Active).Isal is { } isal
            && IsalDeflate.Compress(isal, data, BlockBuffers.Pool, out var length) is { } member)
        {
            return new EncodedBlock(member, length, data.Length, documents);
        }
        using var output = new PooledBufferStream(data.Length / 2 + 4096);
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return output.Detach(data.Length, documents);
    }
}
