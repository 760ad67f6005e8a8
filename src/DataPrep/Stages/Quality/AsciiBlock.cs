using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DataPrep.Stages.Quality;

/// <summary>
/// The character classes the quality pass reads, for a block of <see cref="Length"/> ASCII characters, as bit masks
/// (bit k = the block's k-th character). Classified with a few vector compares instead of one branchy dispatch per
/// character; a block holding any non-ASCII character is not classified (the pass reads it character by character).
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal readonly struct AsciiBlock
{
    /// <summary>Characters per block: one 32-lane byte vector after narrowing two 16-lane char vectors.</summary>
    public const int Length = 32;

    /// <summary>White space as the pass defines it for ASCII: ' ', '\t', '\n', '\v', '\f', '\r'.</summary>
    public readonly uint Space;

    public readonly uint Newline;

    /// <summary>'a'–'z', 'A'–'Z'.</summary>
    public readonly uint Letter;

    public readonly uint Digit;

    public readonly uint Hash;

    public readonly uint Curly;

    public readonly uint Dot;

    /// <summary>'.', '!' and '?': the characters that end a sentence when a <see cref="Follow"/> character comes next.</summary>
    public readonly uint SentenceMark;

    /// <summary>The ASCII characters after which a sentence mark ends a sentence: ' ', '\n', '\t', '\r', '"', '\'', ')'.</summary>
    public readonly uint Follow;

    // In line: called once per 32 chars, and as a call its nine masks go through memory.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private AsciiBlock(Vector256<byte> v)
    {
        Space = (Vector256.Equals(v, Vector256.Create((byte)' ')) | Vector256.LessThanOrEqual(v - Vector256.Create((byte)'\t'), Vector256.Create((byte)4))).ExtractMostSignificantBits();
        Newline = Vector256.Equals(v, Vector256.Create((byte)'\n')).ExtractMostSignificantBits();
        Letter = Vector256.LessThanOrEqual((v | Vector256.Create((byte)0x20)) - Vector256.Create((byte)'a'), Vector256.Create((byte)('z' - 'a'))).ExtractMostSignificantBits();
        Digit = Vector256.LessThanOrEqual(v - Vector256.Create((byte)'0'), Vector256.Create((byte)9)).ExtractMostSignificantBits();
        Hash = Vector256.Equals(v, Vector256.Create((byte)'#')).ExtractMostSignificantBits();
        Curly = Vector256.Equals(v, Vector256.Create((byte)'{')).ExtractMostSignificantBits();
        Dot = Vector256.Equals(v, Vector256.Create((byte)'.')).ExtractMostSignificantBits();
        SentenceMark = Dot | (Vector256.Equals(v, Vector256.Create((byte)'!')) | Vector256.Equals(v, Vector256.Create((byte)'?'))).ExtractMostSignificantBits();
        Follow = (Vector256.Equals(v, Vector256.Create((byte)' ')) | Vector256.Equals(v, Vector256.Create((byte)'\n'))
            | Vector256.Equals(v, Vector256.Create((byte)'\t')) | Vector256.Equals(v, Vector256.Create((byte)'\r'))
            | Vector256.Equals(v, Vector256.Create((byte)'"')) | Vector256.Equals(v, Vector256.Create((byte)'\''))
            | Vector256.Equals(v, Vector256.Create((byte)')'))).ExtractMostSignificantBits();
    }

    /// <summary>Whether blocks are classified with hardware vectors; without them every block is read character by character.</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Classifies the <see cref="Length"/> characters of <paramref name="text"/> from <paramref name="start"/>; false when
    /// any of them is not ASCII. The caller guarantees <c>start + Length &lt;= text.Length</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryClassify(ReadOnlySpan<char> text, int start, out AsciiBlock block)
    {
        ref var first = ref Unsafe.As<char, ushort>(ref Unsafe.Add(ref MemoryMarshal.GetReference(text), start));
        var low = Vector256.LoadUnsafe(ref first);
        var high = Vector256.LoadUnsafe(ref first, 16);
        if (((low | high) & Vector256.Create((ushort)0xFF80)) != Vector256<ushort>.Zero)
        {
            block = default;
            return false;
        }
        // Every lane is below 0x80, so narrowing to bytes keeps each character as it is.
        block = new AsciiBlock(Vector256.Narrow(low, high));
        return true;
    }

    /// <summary>The bits from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), 0 ≤ from ≤ to ≤ 32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Range(int from, int to) =>
        (to >= 32 ? uint.MaxValue : (1u << to) - 1) & ~((1u << from) - 1) & (from >= 32 ? 0u : uint.MaxValue);
}
