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
public static class Nfc
{
    /// <summary>True when <paramref name="text"/> is in NFC.</summary>
    public static bool IsNormalized(string text) => IsTriviallyNormalized(text) || text.IsNormalized(NormalizationForm.FormC);

    /// <summary>Returns the NFC form of <paramref name="text"/> (the same instance when already NFC).</summary>
    public static string Normalize(string text) => IsNormalized(text) ? text : text.Normalize(NormalizationForm.FormC);

    /// <summary>True when every character is one that is NFC whatever surrounds it (a sufficient, not necessary, test).</summary>
    public static bool IsTriviallyNormalized(ReadOnlySpan<char> text)
    {
        var i = text.IndexOfAnyExceptInRange('\u0000', '\u02FF');
        if (i < 0)
        {
            return true;
        }
        // Korean text is mostly ASCII and precomposed syllables: test 32 characters at a time for those two ranges.
        if (Vector512.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(text);
            var low = Vector512.Create((ushort)0x0300);
            var hangulStart = Vector512.Create((ushort)0xAC00);
            var hangulLength = Vector512.Create((ushort)(0xD7A3 - 0xAC00 + 1));
            for (; i + Vector512<ushort>.Count <= text.Length; i += Vector512<ushort>.Count)
            {
                var chars = Vector512.LoadUnsafe(ref Unsafe.As<char, ushort>(ref start), (nuint)i);
                var ok = Vector512.LessThan(chars, low) | Vector512.LessThan(chars - hangulStart, hangulLength);
                if (!Vector512.EqualsAll(ok, Vector512<ushort>.AllBitsSet))
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
    public static bool IsTriviallyNormalized(ReadOnlySpan<byte> utf8)
    {
        var i = utf8.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
        if (i < 0)
        {
            return true;
        }
        ref var start = ref MemoryMarshal.GetReference(utf8);
        while (i < utf8.Length)
        {
            // 64 bytes at a time: ASCII, U+0080-U+02FF and continuation bytes are below 0xCC; precomposed Hangul
            // (U+AC00-U+D77F) starts with 0xEB or 0xEC, or with 0xEA followed by 0xB0 or more, or 0xED followed by less than 0x9E.
            if (Vector512.IsHardwareAccelerated)
            {
                var cc = Vector512.Create((byte)0xCC);
                var eb = Vector512.Create((byte)0xEB);
                var two = Vector512.Create((byte)2);
                var ea = Vector512.Create((byte)0xEA);
                var ed = Vector512.Create((byte)0xED);
                var b0 = Vector512.Create((byte)0xB0);
                var x9e = Vector512.Create((byte)0x9E);
                for (; i + Vector512<byte>.Count + 1 <= utf8.Length; i += Vector512<byte>.Count)
                {
                    var bytes = Vector512.LoadUnsafe(ref start, (nuint)i);
                    var next = Vector512.LoadUnsafe(ref start, (nuint)i + 1);
                    var ok = Vector512.LessThan(bytes, cc)
                        | Vector512.LessThan(bytes - eb, two)
                        | (Vector512.Equals(bytes, ea) & Vector512.GreaterThanOrEqual(next, b0))
                        | (Vector512.Equals(bytes, ed) & Vector512.LessThan(next, x9e));
                    if (!Vector512.EqualsAll(ok, Vector512<byte>.AllBitsSet))
                    {
                        break;
                    }
                }
                if (i >= utf8.Length)
                {
                    return true;
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

    private static bool IsAlwaysNfc(char c) =>
        c < 0x0300
        || (c >= 0xAC00 && c <= 0xD7A3)   // Hangul syllables (a following trailing jamo is not in this list)
        || (c >= 0x4E00 && c <= 0x9FFF)   // CJK unified ideographs
        || (c >= 0x3131 && c <= 0x318E)   // compatibility jamo: ㅋㅋ, ㅠㅠ
        || (c >= 0x3000 && c <= 0x3029)   // CJK punctuation before the combining tone marks
        || (c >= 0x3041 && c <= 0x3096)   // hiragana before the combining voicing marks
        || (c >= 0x30A0 && c <= 0x30FF)   // katakana
        || (c >= 0x2010 && c <= 0x2027)   // dashes, quotes, bullets, ellipsis
        || (c >= 0x2030 && c <= 0x205E)
        || (c >= 0xFF01 && c <= 0xFF5E)   // full-width forms change only under NFKC
        || (c >= 0x2100 && c <= 0x2BFF    // letterlike, number forms, arrows, math, technical, enclosed, box, shapes, symbols, dingbats
            && c is not ('\u2126' or '\u212A' or '\u212B' or '\u2329' or '\u232A' or '\u2ADC')) // Ohm, Kelvin, Angstrom, angle brackets, forking decompose
        || (c >= 0x3200 && c <= 0x33FF);  // enclosed CJK and CJK compatibility (㎎, ㎡): compatibility forms change only under NFKC
}
