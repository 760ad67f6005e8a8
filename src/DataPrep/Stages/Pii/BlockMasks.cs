using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DataPrep.Stages.Pii;

/// <summary>
/// What the scan's pass (<see cref="DigitRunIndex"/>) needs to know about 64 characters, one bit per character (bit
/// i = character i): ASCII digits, token characters (<see cref="TokenRun.IsTokenChar"/>), ':' or '=', full-width digits.
/// </summary>
internal readonly record struct BlockMasks(ulong Digits, ulong Tokens, ulong Assignments, ulong Wide)
{
    /// <summary>Characters per block.</summary>
    public const int Length = 64;

    /// <summary>True when the machine has 256-bit vectors (or wider), which the pass needs.</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    /// <summary>The masks of <paramref name="block"/> (64 characters), from the widest vectors the machine has
    /// (<see cref="IsSupported"/> must be true).</summary>
    public static BlockMasks Of(ReadOnlySpan<char> block) => Vector512.IsHardwareAccelerated ? Of512(block) : Of256(block);

    /// <summary>The masks of <paramref name="block"/> (64 characters) from two 512-bit vectors.</summary>
    internal static BlockMasks Of512(ReadOnlySpan<char> block)
    {
        ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(block));
        ulong digits = 0, tokens = 0, assignments = 0, wide = 0;
        for (var part = 0; part < 2; part++)
        {
            var v = Vector512.LoadUnsafe(ref first, (nuint)(32 * part));
            var shift = 32 * part;
            var digit = Vector512.LessThan(v - Vector512.Create((ushort)'0'), Vector512.Create((ushort)10));
            var letter = Vector512.LessThan((v | Vector512.Create((ushort)0x20)) - Vector512.Create((ushort)'a'), Vector512.Create((ushort)26));
            var sign = Vector512.Equals(v, Vector512.Create((ushort)'_')) | Vector512.Equals(v, Vector512.Create((ushort)'-'))
                | Vector512.Equals(v, Vector512.Create((ushort)'+')) | Vector512.Equals(v, Vector512.Create((ushort)'/'));
            var equals = Vector512.Equals(v, Vector512.Create((ushort)'='));
            digits |= digit.ExtractMostSignificantBits() << shift;
            tokens |= (digit | letter | sign | equals).ExtractMostSignificantBits() << shift;
            assignments |= (equals | Vector512.Equals(v, Vector512.Create((ushort)':'))).ExtractMostSignificantBits() << shift;
            wide |= Vector512.LessThan(v - Vector512.Create((ushort)'０'), Vector512.Create((ushort)10)).ExtractMostSignificantBits() << shift;
        }
        return new(digits, tokens, assignments, wide);
    }

    /// <summary>The masks of <paramref name="block"/> (64 characters) from four 256-bit vectors.</summary>
    internal static BlockMasks Of256(ReadOnlySpan<char> block)
    {
        ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(block));
        ulong digits = 0, tokens = 0, assignments = 0, wide = 0;
        for (var part = 0; part < 4; part++)
        {
            var v = Vector256.LoadUnsafe(ref first, (nuint)(16 * part));
            var shift = 16 * part;
            var digit = Vector256.LessThan(v - Vector256.Create((ushort)'0'), Vector256.Create((ushort)10));
            var letter = Vector256.LessThan((v | Vector256.Create((ushort)0x20)) - Vector256.Create((ushort)'a'), Vector256.Create((ushort)26));
            var sign = Vector256.Equals(v, Vector256.Create((ushort)'_')) | Vector256.Equals(v, Vector256.Create((ushort)'-'))
                | Vector256.Equals(v, Vector256.Create((ushort)'+')) | Vector256.Equals(v, Vector256.Create((ushort)'/'));
            var equals = Vector256.Equals(v, Vector256.Create((ushort)'='));
            digits |= (ulong)digit.ExtractMostSignificantBits() << shift;
            tokens |= (ulong)(digit | letter | sign | equals).ExtractMostSignificantBits() << shift;
            assignments |= (ulong)(equals | Vector256.Equals(v, Vector256.Create((ushort)':'))).ExtractMostSignificantBits() << shift;
            wide |= (ulong)Vector256.LessThan(v - Vector256.Create((ushort)'０'), Vector256.Create((ushort)10)).ExtractMostSignificantBits() << shift;
        }
        return new(digits, tokens, assignments, wide);
    }

    /// <summary>The masks one character at a time (the reference the vector forms are tested against).</summary>
    public static BlockMasks OfScalar(ReadOnlySpan<char> block)
    {
        ulong digits = 0, tokens = 0, assignments = 0, wide = 0;
        for (var i = 0; i < Length; i++)
        {
            var c = block[i];
            var bit = 1UL << i;
            digits |= char.IsAsciiDigit(c) ? bit : 0;
            tokens |= TokenRun.IsTokenChar(c) ? bit : 0;
            assignments |= c is ':' or '=' ? bit : 0;
            wide |= c is >= '０' and <= '９' ? bit : 0;
        }
        return new(digits, tokens, assignments, wide);
    }
}
