using System.Runtime.CompilerServices;

namespace DataPrep.Stages.Dedup.Substring;

/// <summary>
/// Writes token ids as fixed 3-byte codes, so that the byte machinery of <see cref="SubstringDedupStage"/> (suffix-array
/// blocks, merge, repeat marking) finds token repeats: the first byte of a code (0x00–0x3F) never equals a later one
/// (0x40–0xFE), so a window that starts on a token boundary only ever equals windows that start on one too, and equal
/// aligned windows of 3·k bytes are exactly equal runs of k tokens. No code contains the separator 0xFF, so no repeat
/// spans two documents. Windows that start inside a code are matched as well; the cut plan ignores them.
/// </summary>
internal static class TokenCodes
{
    /// <summary>Bytes per token in the shard's text.</summary>
    public const int BytesPerToken = 3;

    /// <summary>Ids the codes can hold: 64 lead bytes × 191 × 191 trailing bytes (2,334,784; vocabularies hold up to about 260k).</summary>
    public const int MaxVocabulary = LeadBytes * TrailBytes * TrailBytes;

    private const int LeadBytes = 0x40;
    private const int TrailBase = 0x40;
    private const int TrailBytes = SubstringFiles.Separator - TrailBase;

    /// <summary>Writes the code of <paramref name="id"/> (0 ≤ id &lt; <see cref="MaxVocabulary"/>) into the first 3 bytes of <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(int id, Span<byte> destination)
    {
        var (high, low) = Math.DivRem(id, TrailBytes);
        var (lead, middle) = Math.DivRem(high, TrailBytes);
        destination[2] = (byte)(TrailBase + low);
        destination[1] = (byte)(TrailBase + middle);
        destination[0] = (byte)lead;
    }

    /// <summary>The id whose code is the first 3 bytes of <paramref name="code"/>.</summary>
    public static int Read(ReadOnlySpan<byte> code) =>
        (code[0] * TrailBytes + code[1] - TrailBase) * TrailBytes + code[2] - TrailBase;
}
