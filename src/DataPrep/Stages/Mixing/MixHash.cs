using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace DataPrep.Stages.Mixing;

/// <summary>
/// The sampler's coin: a 64-bit hash of (seed, source name, document id). A document is taken when its hash is below
/// its cell's threshold, so inclusion depends on nothing but these three values — not on reading order, threads or
/// <c>--world-size</c> — and every shard of a run, and every rerun, takes the same documents.
/// </summary>
internal sealed class MixHash
{
    private readonly long _sourceSeed;

    /// <summary>Creates the hash of one source under <paramref name="seed"/>.</summary>
    public MixHash(long seed, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        // The source name goes into the seed so two sources sharing ids (file:line) still get independent coins.
        _sourceSeed = unchecked((long)XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(sourceName), seed));
    }

    /// <summary>The document's coin, uniform over all 64-bit values.</summary>
    public ulong Of(string documentId)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        var max = Encoding.UTF8.GetMaxByteCount(documentId.Length);
        if (max <= 512)
        {
            Span<byte> buffer = stackalloc byte[512];
            var length = Encoding.UTF8.GetBytes(documentId, buffer);
            return XxHash3.HashToUInt64(buffer[..length], _sourceSeed);
        }
        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var length = Encoding.UTF8.GetBytes(documentId, rented);
            return XxHash3.HashToUInt64(rented.AsSpan(0, length), _sourceSeed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
