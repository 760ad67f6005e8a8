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
            if (c < 0x0300
                || (c >= 0xAC00 && c <= 0xD7A3)   // Hangul syllables (a following trailing jamo is not in this list)
                || (c >= 0x4E00 && c <= 0x9FFF)   // CJK unified ideographs
                || (c >= 0x3131 && c <= 0x318E)   // compatibility jamo: ㅋㅋ, ㅠㅠ
                || (c >= 0x3000 && c <= 0x3029)   // CJK punctuation before the combining tone marks
                || (c >= 0x3041 && c <= 0x3096)   // hiragana before the combining voicing marks
                || (c >= 0x30A0 && c <= 0x30FF)   // katakana
                || (c >= 0x2010 && c <= 0x2027)   // dashes, quotes, bullets, ellipsis
                || (c >= 0x2030 && c <= 0x205E)
                || (c >= 0xFF01 && c <= 0xFF5E)   // full-width forms change only under NFKC
                || (c >= 0x2190 && c <= 0x21FF)   // arrows
                || (c >= 0x25A0 && c <= 0x25FF))  // geometric shapes
            {
                continue;
            }
            return false;
        }
        return true;
    }
}
