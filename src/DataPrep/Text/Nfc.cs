using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace DataPrep.Text;

/// <summary>
/// Unicode NFC with a fast path: most Korean and English text is already NFC, and proving it for the
/// characters such text is made of (ASCII and Latin-1, precomposed Hangul syllables, compatibility jamo,
/// CJK ideographs, kana, common punctuation, full-width forms) needs no table lookup. Anything else
/// (combining marks, conjoining jamo, compatibility ideographs) goes to the platform's normaliser.
/// </summary>
internal static class Nfc
{
    /// <summary>True when <paramref name="text"/> is in NFC.</summary>
    public static bool IsNormalized(string text) => IsTriviallyNormalized(text) || text.IsNormalized(NormalizationForm.FormC);

    /// <summary>Returns the NFC form of <paramref name="text"/> (the same instance when already NFC).</summary>
    public static string Normalize(string text) => IsNormalized(text) ? text : text.Normalize(NormalizationForm.FormC);

    /// <summary>True when every character is one that is NFC whatever surrounds it (a sufficient, not necessary, test).</summary>
    public static bool IsTriviallyNormalized(ReadOnlySpan<char> text) => IsTriviallyNormalized(text, VectorWidths.Widest);

    /// <summary>The test with vectors of the given width (the same answer for each); internal so tests can run every width.</summary>
    internal static bool IsTriviallyNormalized(ReadOnlySpan<char> text, VectorWidth width)
    {
        var i = text.IndexOfAnyExceptInRange('\u0000', '\u02FF');
        if (i < 0)
        {
            return true;
        }
        // Korean text is mostly ASCII and precomposed syllables: test 32 (or 16) characters at a time for those two ranges.
        ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        if (width == VectorWidth.Bits512)
        {
            var low = Vector512.Create((ushort)0x0300);
            var hangulStart = Vector512.Create((ushort)0xAC00);
            var hangulLength = Vector512.Create((ushort)(0xD7A3 - 0xAC00 + 1));
            for (; i + Vector512<ushort>.Count <= text.Length; i += Vector512<ushort>.Count)
            {
                var chars = Vector512.LoadUnsafe(ref start, (nuint)i);
                var ok = Vector512.LessThan(chars, low) | Vector512.LessThan(chars - hangulStart, hangulLength);
                if (!Vector512.EqualsAll(ok, Vector512<ushort>.AllBitsSet))
                {
                    break;
                }
            }
        }
        else if (width == VectorWidth.Bits256)
        {
            var low = Vector256.Create((ushort)0x0300);
            var hangulStart = Vector256.Create((ushort)0xAC00);
            var hangulLength = Vector256.Create((ushort)(0xD7A3 - 0xAC00 + 1));
            for (; i + Vector256<ushort>.Count <= text.Length; i += Vector256<ushort>.Count)
            {
                var chars = Vector256.LoadUnsafe(ref start, (nuint)i);
                var ok = Vector256.LessThan(chars, low) | Vector256.LessThan(chars - hangulStart, hangulLength);
                if (!Vector256.EqualsAll(ok, Vector256<ushort>.AllBitsSet))
                {
                    break;
                }
            }
        }
        foreach (var c in text[i..])
        {
            if (!IsAlwaysNfc(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The same test on valid UTF-8, without decoding it: true when every character is one that is NFC whatever surrounds it.</summary>
    public static bool IsTriviallyNormalized(ReadOnlySpan<byte> utf8) => IsTriviallyNormalized(utf8, VectorWidths.Widest);

    /// <summary>The UTF-8 test with vectors of the given width (the same answer for each); internal so tests can run every width.</summary>
    internal static bool IsTriviallyNormalized(ReadOnlySpan<byte> utf8, VectorWidth width)
    {
        var i = utf8.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
        if (i < 0)
        {
            return true;
        }
        ref var start = ref MemoryMarshal.GetReference(utf8);
        while (i < utf8.Length)
        {
            // 64 (or 32) bytes at a time, each byte judged with the two after it (a lead byte and its continuation bytes).
            // Accepted: bytes below 0xCC (ASCII, U+0080-U+02FF, continuation bytes), and the lead bytes of these
            // three-byte ranges: U+2010-U+2027 (E2 80 90-A7: dashes, quotes, ellipsis), U+3000-U+3029 (E3 80 80-A9),
            // U+3040-U+307F and U+30C0-U+30FF (E3 81, E3 83: kana, without the voicing marks U+3099-U+309A),
            // U+3100-U+3FFF (E3 84-BF: bopomofo, compatibility jamo, enclosed and squared forms, CJK extension A),
            // U+4000-U+9FFF (E4-E9: CJK), U+AC00-U+D77F (EA B0-, EB, EC, ED -9D: Hangul syllables) and
            // U+FF00-U+FF5E (EF BC, EF BD 80-9E: full-width forms). None of them decomposes or combines under NFC.
            if (width == VectorWidth.Bits512)
            {
                for (; i + Vector512<byte>.Count + 2 <= utf8.Length; i += Vector512<byte>.Count)
                {
                    var bytes = Vector512.LoadUnsafe(ref start, (nuint)i);
                    var next = Vector512.LoadUnsafe(ref start, (nuint)i + 1);
                    var next2 = Vector512.LoadUnsafe(ref start, (nuint)i + 2);
                    if (!IsTriviallyNfcBlock(bytes, next, next2))
                    {
                        break;
                    }
                }
            }
            else if (width == VectorWidth.Bits256)
            {
                for (; i + Vector256<byte>.Count + 2 <= utf8.Length; i += Vector256<byte>.Count)
                {
                    var bytes = Vector256.LoadUnsafe(ref start, (nuint)i);
                    var next = Vector256.LoadUnsafe(ref start, (nuint)i + 1);
                    var next2 = Vector256.LoadUnsafe(ref start, (nuint)i + 2);
                    if (!IsTriviallyNfcBlock(bytes, next, next2))
                    {
                        break;
                    }
                }
            }
            // One block's worth (or the rest) character by character, starting on a character boundary.
            while (i > 0 && (utf8[i] & 0xC0) == 0x80)
            {
                i--;
            }
            var stop = Math.Min(utf8.Length, i + 64);
            while (i < stop || (i < utf8.Length && (utf8[i] & 0xC0) == 0x80))
            {
                if (System.Text.Rune.DecodeFromUtf8(utf8[i..], out var rune, out var length) != System.Buffers.OperationStatus.Done
                    || !rune.IsBmp || !IsAlwaysNfc((char)rune.Value))
                {
                    return false;
                }
                i += length;
            }
        }
        return true;
    }

    /// <summary>
    /// The 64-byte UTF-8 block test of <see cref="IsTriviallyNormalized(ReadOnlySpan{byte})"/>, each byte judged with the
    /// two after it (<paramref name="next"/> and <paramref name="next2"/> are the block loaded one and two bytes on): true
    /// when every byte is below 0xCC or leads a character of the ranges listed there. Normalize's one-pass scan uses it too.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsTriviallyNfcBlock(Vector512<byte> bytes, Vector512<byte> next, Vector512<byte> next2)
    {
        var ok = Vector512.LessThan(bytes, Vector512.Create((byte)0xCC))
            | Vector512.LessThan(bytes - Vector512.Create((byte)0xE4), Vector512.Create((byte)6))
            | Vector512.LessThan(bytes - Vector512.Create((byte)0xEB), Vector512.Create((byte)2))
            | (Vector512.Equals(bytes, Vector512.Create((byte)0xEA)) & Vector512.GreaterThanOrEqual(next, Vector512.Create((byte)0xB0)))
            | (Vector512.Equals(bytes, Vector512.Create((byte)0xED)) & Vector512.LessThan(next, Vector512.Create((byte)0x9E)));
        if (Vector512.EqualsAll(ok, Vector512<byte>.AllBitsSet))
        {
            return true;
        }
        var e2 = Vector512.Equals(bytes, Vector512.Create((byte)0xE2)) & Vector512.Equals(next, Vector512.Create((byte)0x80))
            & Vector512.LessThan(next2 - Vector512.Create((byte)0x90), Vector512.Create((byte)0x18));
        var e3 = Vector512.Equals(bytes, Vector512.Create((byte)0xE3))
            & (Vector512.GreaterThanOrEqual(next, Vector512.Create((byte)0x84))
                | Vector512.Equals(next, Vector512.Create((byte)0x81))
                | Vector512.Equals(next, Vector512.Create((byte)0x83))
                | (Vector512.Equals(next, Vector512.Create((byte)0x80)) & Vector512.LessThan(next2, Vector512.Create((byte)0xAA))));
        var ef = Vector512.Equals(bytes, Vector512.Create((byte)0xEF))
            & (Vector512.Equals(next, Vector512.Create((byte)0xBC))
                | (Vector512.Equals(next, Vector512.Create((byte)0xBD)) & Vector512.LessThan(next2, Vector512.Create((byte)0x9F))));
        return Vector512.EqualsAll(ok | e2 | e3 | ef, Vector512<byte>.AllBitsSet);
    }

    /// <summary>The same test on 32 bytes (the 256-bit registers of AVX2 machines and of the default native binary).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsTriviallyNfcBlock(Vector256<byte> bytes, Vector256<byte> next, Vector256<byte> next2)
    {
        var ok = Vector256.LessThan(bytes, Vector256.Create((byte)0xCC))
            | Vector256.LessThan(bytes - Vector256.Create((byte)0xE4), Vector256.Create((byte)6))
            | Vector256.LessThan(bytes - Vector256.Create((byte)0xEB), Vector256.Create((byte)2))
            | (Vector256.Equals(bytes, Vector256.Create((byte)0xEA)) & Vector256.GreaterThanOrEqual(next, Vector256.Create((byte)0xB0)))
            | (Vector256.Equals(bytes, Vector256.Create((byte)0xED)) & Vector256.LessThan(next, Vector256.Create((byte)0x9E)));
        if (Vector256.EqualsAll(ok, Vector256<byte>.AllBitsSet))
        {
            return true;
        }
        var e2 = Vector256.Equals(bytes, Vector256.Create((byte)0xE2)) & Vector256.Equals(next, Vector256.Create((byte)0x80))
            & Vector256.LessThan(next2 - Vector256.Create((byte)0x90), Vector256.Create((byte)0x18));
        var e3 = Vector256.Equals(bytes, Vector256.Create((byte)0xE3))
            & (Vector256.GreaterThanOrEqual(next, Vector256.Create((byte)0x84))
                | Vector256.Equals(next, Vector256.Create((byte)0x81))
                | Vector256.Equals(next, Vector256.Create((byte)0x83))
                | (Vector256.Equals(next, Vector256.Create((byte)0x80)) & Vector256.LessThan(next2, Vector256.Create((byte)0xAA))));
        var ef = Vector256.Equals(bytes, Vector256.Create((byte)0xEF))
            & (Vector256.Equals(next, Vector256.Create((byte)0xBC))
                | (Vector256.Equals(next, Vector256.Create((byte)0xBD)) & Vector256.LessThan(next2, Vector256.Create((byte)0x9F))));
        return Vector256.EqualsAll(ok | e2 | e3 | ef, Vector256<byte>.AllBitsSet);
    }

    // Every range the UTF-8 block test accepts is in here too; the UTF-16 path and the character-by-character rest use it.
    private static bool IsAlwaysNfc(char c) =>
        c < 0x0300
        || (c >= 0xAC00 && c <= 0xD7A3)   // Hangul syllables (a following trailing jamo is not in this list)
        || (c >= 0x3100 && c <= 0x9FFF)   // bopomofo, compatibility jamo (ㅋㅋ, ㅠㅠ), enclosed and squared CJK (㎎, ㎡), CJK ext. A, CJK
        || (c >= 0x3000 && c <= 0x3029)   // CJK punctuation before the combining tone marks
        || (c >= 0x3040 && c <= 0x3098)   // hiragana before the combining voicing marks
        || (c >= 0x30A0 && c <= 0x30FF)   // katakana
        || (c >= 0x2010 && c <= 0x2027)   // dashes, quotes, bullets, ellipsis
        || (c >= 0x2030 && c <= 0x205E)
        || (c >= 0xFF00 && c <= 0xFF5E)   // full-width forms change only under NFKC
        || (c >= 0x2100 && c <= 0x2BFF    // letterlike, number forms, arrows, math, technical, enclosed, box, shapes, symbols, dingbats
            && c is not ('\u2126' or '\u212A' or '\u212B' or '\u2329' or '\u232A' or '\u2ADC')); // Ohm, Kelvin, Angstrom, angle brackets, forking decompose
}
