using System.Globalization;
using System.Runtime.CompilerServices;

namespace DataPrep.Text;

/// <summary>Character classification by script: the fast, allocation-free basis of language statistics.</summary>
internal static class Scripts
{
    /// <summary>The script of one UTF-16 code unit (surrogates count as <see cref="Script.Other"/> letters
    /// only for the high half, so a supplementary character is counted once).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Script Of(char c)
    {
        if (c < 0x80)
        {
            return (uint)((c | 0x20) - 'a') <= 'z' - 'a' ? Script.Latin : Script.Common;
        }
        if (IsHangul(c))
        {
            return Script.Hangul;
        }
        if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF))
        {
            return Script.Han;
        }
        if (c >= 0x3040 && c <= 0x30FF)
        {
            return Script.Kana;
        }
        if (c >= 0x00C0 && c <= 0x024F && c != 0xD7 && c != 0xF7)
        {
            return Script.Latin;
        }
        if (c >= 0x0400 && c <= 0x04FF)
        {
            return Script.Cyrillic;
        }
        if (char.IsHighSurrogate(c))
        {
            return Script.Other;
        }
        if (char.IsLowSurrogate(c))
        {
            return Script.Common;
        }
        return char.IsLetter(c) ? Script.Other : Script.Common;
    }

    /// <summary>True for Hangul syllables (가–힣), conjoining jamo and compatibility jamo (ㄱ–ㆎ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsHangul(char c) =>
        (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F)
        || (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF);

    /// <summary>True for precomposed Hangul syllables (가–힣).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsHangulSyllable(char c) => c >= 0xAC00 && c <= 0xD7A3;

    /// <summary>True for stand-alone compatibility jamo (ㄱ–ㆎ), as in ㅋㅋ, ㅎㅎ, ㅠㅠ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsCompatibilityJamo(char c) => c >= 0x3131 && c <= 0x318E;

    /// <summary>True for conjoining jamo (U+1100–U+11FF), which appear in decomposed (NFD) Hangul.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsConjoiningJamo(char c) => c >= 0x1100 && c <= 0x11FF;

    /// <summary>Counts the characters of each script in <paramref name="text"/>.</summary>
    public static ScriptCounts Count(ReadOnlySpan<char> text)
    {
        var counts = new ScriptCounts();
        foreach (var c in text)
        {
            counts.Add(Of(c));
        }
        return counts;
    }

    /// <summary>True when the text contains decomposed Hangul (conjoining jamo) that NFC would compose.</summary>
    public static bool HasDecomposedHangul(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (IsConjoiningJamo(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The Unicode category test used for "is this a letter" across scripts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLetter(char c) => c < 0x80 ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' : char.IsLetter(c);

    /// <summary>True for Unicode punctuation and symbols.</summary>
    public static bool IsPunctuationOrSymbol(char c)
    {
        var category = char.GetUnicodeCategory(c);
        return category is >= UnicodeCategory.ConnectorPunctuation and <= UnicodeCategory.OtherSymbol;
    }
}
