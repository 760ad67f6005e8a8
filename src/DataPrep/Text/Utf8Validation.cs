using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text.Unicode;

namespace DataPrep.Text;

/// <summary>
/// UTF-8 validation at memory speed: every input string is checked once when it is read, and on Korean text
/// (three bytes per syllable) the platform's <see cref="Utf8.IsValid"/> runs at about 0.6 GB/s, which made it the
/// largest managed cost of the read → write path. Same answer as <see cref="Utf8.IsValid"/> for every input.
/// </summary>
/// <remarks>
/// The method is the one of Keiser and Lemire, "Validating UTF-8 in less than one instruction per byte" (Software:
/// Practice and Experience, 2021): every error in UTF-8 shows in a pair of adjacent bytes, as a combination of the
/// high nibble of the first, its low nibble and the high nibble of the second. Three 16-entry tables (looked up with
/// byte shuffles) turn the three nibbles into bit sets of the errors each allows; a byte pair is wrong when one bit
/// survives the AND of its three sets. Third and fourth bytes of long sequences are the one pair shape the tables
/// cannot tell (two continuation bytes in a row), so those are checked against the lead bytes two and three back.
/// Blocks of ASCII are skipped after one test of their high bits.
/// </remarks>
internal static class Utf8Validation
{
    // Error classes of a byte pair (first byte, second byte); see the tables below.
    private const byte TooShort = 1 << 0;     // lead byte followed by a lead or ASCII byte
    private const byte TooLong = 1 << 1;      // ASCII followed by a continuation byte
    private const byte Overlong3 = 1 << 2;    // E0 followed by 80..9F
    private const byte TooLarge = 1 << 3;     // F4 followed by 90..BF, or F5..FF
    private const byte Surrogate = 1 << 4;    // ED followed by A0..BF
    private const byte Overlong2 = 1 << 5;    // C0 or C1 followed by a continuation byte
    private const byte TooLarge1000 = 1 << 6; // F5..FF followed by 80..8F
    private const byte Overlong4 = 1 << 6;    // F0 followed by 80..8F
    private const byte TwoContinuations = 1 << 7; // continuation followed by continuation: an error unless a 3/4-byte lead precedes
    private const byte Carry = TooShort | TooLong | TwoContinuations;

    // Indexed by the high nibble of the first byte of a pair.
    private static ReadOnlySpan<byte> FirstHigh =>
    [
        TooLong, TooLong, TooLong, TooLong, TooLong, TooLong, TooLong, TooLong,
        TwoContinuations, TwoContinuations, TwoContinuations, TwoContinuations,
        TooShort | Overlong2,
        TooShort,
        TooShort | Overlong3 | Surrogate,
        TooShort | TooLarge | TooLarge1000 | Overlong4,
    ];

    // Indexed by the low nibble of the first byte of a pair.
    private static ReadOnlySpan<byte> FirstLow =>
    [
        Carry | Overlong3 | Overlong2 | Overlong4,
        Carry | Overlong2,
        Carry,
        Carry,
        Carry | TooLarge,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000 | Surrogate,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
    ];

    // Indexed by the high nibble of the second byte of a pair.
    private static ReadOnlySpan<byte> SecondHigh =>
    [
        TooShort, TooShort, TooShort, TooShort, TooShort, TooShort, TooShort, TooShort,
        TooLong | Overlong2 | TwoContinuations | Overlong3 | TooLarge1000 | Overlong4,
        TooLong | Overlong2 | TwoContinuations | Overlong3 | TooLarge,
        TooLong | Overlong2 | TwoContinuations | Surrogate | TooLarge,
        TooLong | Overlong2 | TwoContinuations | Surrogate | TooLarge,
        TooShort, TooShort, TooShort, TooShort,
    ];

    /// <summary>True when <paramref name="utf8"/> is well-formed UTF-8 (no overlong forms, surrogates, values above
    /// U+10FFFF or cut sequences), exactly as <see cref="Utf8.IsValid"/> decides.</summary>
    public static bool IsValid(ReadOnlySpan<byte> utf8)
    {
        // Short strings (ids, metadata values) are not worth the table setup.
        if (utf8.Length < 32)
        {
            return Utf8.IsValid(utf8);
        }
        if (Avx512BW.IsSupported)
        {
            return IsValidAvx512(utf8);
        }
        if (Avx2.IsSupported)
        {
            return IsValidAvx2(utf8);
        }
        return Utf8.IsValid(utf8);
    }

    /// <summary>The 64-byte version (AVX-512 BW). Internal so tests can run it next to the 32-byte one.</summary>
    internal static bool IsValidAvx512(ReadOnlySpan<byte> utf8)
    {
        var firstHigh = Repeat512(FirstHigh);
        var firstLow = Repeat512(FirstLow);
        var secondHigh = Repeat512(SecondHigh);
        // Subtracted with saturation from a block's last three bytes: non-zero when a sequence starts there and cannot end in the block.
        var incompleteLimit = Vector512.Create(
            Vector256<byte>.AllBitsSet,
            Vector256.Create(Vector128<byte>.AllBitsSet, Vector128.Create(
                (byte)0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1)));
        var error = Vector512<byte>.Zero;
        var previous = Vector512<byte>.Zero;
        var incomplete = Vector512<byte>.Zero;
        ref var start = ref MemoryMarshal.GetReference(utf8);
        var i = 0;
        for (; i + 64 <= utf8.Length; i += 64)
        {
            var input = Vector512.LoadUnsafe(ref start, (nuint)i);
            Block512(input, ref previous, ref incomplete, ref error, firstHigh, firstLow, secondHigh, incompleteLimit);
        }
        // The rest, padded with zeros: ASCII, so a sequence cut at the end shows as one followed by ASCII.
        Span<byte> tail = stackalloc byte[64];
        tail.Clear();
        utf8[i..].CopyTo(tail);
        Block512(Vector512.Create<byte>(tail), ref previous, ref incomplete, ref error, firstHigh, firstLow, secondHigh, incompleteLimit);
        return error == Vector512<byte>.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block512(Vector512<byte> input, ref Vector512<byte> previous, ref Vector512<byte> incomplete, ref Vector512<byte> error,
        Vector512<byte> firstHigh, Vector512<byte> firstLow, Vector512<byte> secondHigh, Vector512<byte> incompleteLimit)
    {
        if (input.ExtractMostSignificantBits() == 0)
        {
            // ASCII after a sequence that needed more bytes is the only error an ASCII block can hold.
            error |= incomplete;
            incomplete = Vector512<byte>.Zero;
        }
        else
        {
            // The 16-byte lanes shifted by one lane, the previous block's last lane first: the source for bytes 1-3 back.
            var shifted = Avx512F.AlignRight32(input.AsUInt32(), previous.AsUInt32(), 12).AsByte();
            var prev1 = Avx512BW.AlignRight(input, shifted, 15);
            var prev2 = Avx512BW.AlignRight(input, shifted, 14);
            var prev3 = Avx512BW.AlignRight(input, shifted, 13);
            var nibble = Vector512.Create((byte)0x0F);
            var special = Avx512BW.Shuffle(firstHigh, Vector512.ShiftRightLogical(prev1.AsUInt16(), 4).AsByte() & nibble)
                & Avx512BW.Shuffle(firstLow, prev1 & nibble)
                & Avx512BW.Shuffle(secondHigh, Vector512.ShiftRightLogical(input.AsUInt16(), 4).AsByte() & nibble);
            // 0x80 where the byte must be a third (after E0..FF two back) or fourth (after F0..FF three back) byte.
            var mustContinue = (Avx512BW.SubtractSaturate(prev2, Vector512.Create((byte)(0xE0 - 0x80)))
                | Avx512BW.SubtractSaturate(prev3, Vector512.Create((byte)(0xF0 - 0x80)))) & Vector512.Create((byte)0x80);
            error |= mustContinue ^ special;
            incomplete = Avx512BW.SubtractSaturate(input, incompleteLimit);
        }
        previous = input;
    }

    /// <summary>The 32-byte version (AVX2), for processors without AVX-512.</summary>
    internal static bool IsValidAvx2(ReadOnlySpan<byte> utf8)
    {
        var firstHigh = Repeat256(FirstHigh);
        var firstLow = Repeat256(FirstLow);
        var secondHigh = Repeat256(SecondHigh);
        var incompleteLimit = Vector256.Create(Vector128<byte>.AllBitsSet, Vector128.Create(
            (byte)0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1));
        var error = Vector256<byte>.Zero;
        var previous = Vector256<byte>.Zero;
        var incomplete = Vector256<byte>.Zero;
        ref var start = ref MemoryMarshal.GetReference(utf8);
        var i = 0;
        for (; i + 32 <= utf8.Length; i += 32)
        {
            var input = Vector256.LoadUnsafe(ref start, (nuint)i);
            Block256(input, ref previous, ref incomplete, ref error, firstHigh, firstLow, secondHigh, incompleteLimit);
        }
        Span<byte> tail = stackalloc byte[32];
        tail.Clear();
        utf8[i..].CopyTo(tail);
        Block256(Vector256.Create<byte>(tail), ref previous, ref incomplete, ref error, firstHigh, firstLow, secondHigh, incompleteLimit);
        return error == Vector256<byte>.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block256(Vector256<byte> input, ref Vector256<byte> previous, ref Vector256<byte> incomplete, ref Vector256<byte> error,
        Vector256<byte> firstHigh, Vector256<byte> firstLow, Vector256<byte> secondHigh, Vector256<byte> incompleteLimit)
    {
        if (input.ExtractMostSignificantBits() == 0)
        {
            error |= incomplete;
            incomplete = Vector256<byte>.Zero;
        }
        else
        {
            var shifted = Avx2.Permute2x128(previous, input, 0x21);
            var prev1 = Avx2.AlignRight(input, shifted, 15);
            var prev2 = Avx2.AlignRight(input, shifted, 14);
            var prev3 = Avx2.AlignRight(input, shifted, 13);
            var nibble = Vector256.Create((byte)0x0F);
            var special = Avx2.Shuffle(firstHigh, Vector256.ShiftRightLogical(prev1.AsUInt16(), 4).AsByte() & nibble)
                & Avx2.Shuffle(firstLow, prev1 & nibble)
                & Avx2.Shuffle(secondHigh, Vector256.ShiftRightLogical(input.AsUInt16(), 4).AsByte() & nibble);
            var mustContinue = (Avx2.SubtractSaturate(prev2, Vector256.Create((byte)(0xE0 - 0x80)))
                | Avx2.SubtractSaturate(prev3, Vector256.Create((byte)(0xF0 - 0x80)))) & Vector256.Create((byte)0x80);
            error |= mustContinue ^ special;
            incomplete = Avx2.SubtractSaturate(input, incompleteLimit);
        }
        previous = input;
    }

    private static Vector512<byte> Repeat512(ReadOnlySpan<byte> table)
    {
        var lane = Vector128.Create(table);
        return Vector512.Create(Vector256.Create(lane, lane), Vector256.Create(lane, lane));
    }

    private static Vector256<byte> Repeat256(ReadOnlySpan<byte> table)
    {
        var lane = Vector128.Create(table);
        return Vector256.Create(lane, lane);
    }
}
