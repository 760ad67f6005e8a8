using System.Globalization;
using System.Runtime.CompilerServices;

namespace DataPrep.Tokenizers;

/// <summary>
/// Linear hand-written scanners for the pre-tokenisation regexes of byte-level BPE tokenizers. Each scanner returns
/// exactly the match a backtracking engine finds for the pattern at a position (the alternatives are tried in order,
/// with the same greedy choices), without a regex engine:
/// <list type="bullet">
/// <item><see cref="ByteLevelPattern.Gpt2"/>: <c>'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+</c> (r50k_base, gpt2, Hugging Face ByteLevel with <c>use_regex</c>).</item>
/// <item><see cref="ByteLevelPattern.Cl100k"/>: <c>(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,D}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+</c>
/// with D = 3 (cl100k_base, Llama 3) or 1 (Qwen2/Qwen3).</item>
/// <item><see cref="ByteLevelPattern.O200k"/>: o200k_base's pattern with upper/lower case classes (see <see cref="MatchO200k"/>).</item>
/// </list>
/// tiktoken now writes cl100k_base with possessive quantifiers and ends it with <c>\s++$|\s*[\r\n]|\s+(?!\S)|\s</c>:
/// the same pieces, except that a whitespace run reaching the end of the text is one piece even when it holds a line
/// break (<c>"a\n "</c> is <c>a</c>, <c>\n </c>, not <c>a</c>, <c>\n</c>, <c> </c>); <see cref="WholeTrailingWhitespace"/> selects that.
/// Every character is covered by some alternative and no alternative matches the empty string, so consecutive
/// matches tile the text. <see cref="CodePoints"/> decides what one "character" is: a Unicode code point (Rust regex
/// engines, as in Hugging Face tokenizers and tiktoken) or a UTF-16 unit (.NET <c>Regex</c>, as in Microsoft.ML.Tokenizers,
/// where the two halves of an emoji are each "not a letter, digit or space"). The two differ only around characters
/// outside the Basic Multilingual Plane. <see cref="UnicodeCaseFolding"/> decides what <c>(?i)</c> matches in the
/// contractions: ASCII case only (.NET <c>Regex</c>, Oniguruma in Hugging Face tokenizers) or Unicode simple case
/// folding (the Rust <c>regex</c> crate under tiktoken), where <c>'ſ</c> (U+017F LATIN SMALL LETTER LONG S) is <c>'s</c>.
/// </summary>
internal sealed class ByteLevelPreTokenizer
{
    private const byte Letter = 1;      // \p{L}
    private const byte Number = 2;      // \p{N}
    private const byte Space = 4;       // \s as .NET defines it: [\f\n\r\t\v\x85\p{Z}]
    private const byte Upper = 8;       // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] (o200k)
    private const byte Lower = 16;      // [\p{Ll}\p{Lm}\p{Lo}\p{M}] (o200k)
    private const byte Mark = 32;       // \p{M}
    private const byte Word = Letter | Number | Space;

    private static readonly byte[] Flags = BuildFlags();

    private readonly ByteLevelPattern _pattern;
    private readonly int _maxDigits;

    /// <summary>Creates a scanner.</summary>
    /// <param name="pattern">Which regex.</param>
    /// <param name="maxDigits">For <see cref="ByteLevelPattern.Cl100k"/>: the longest digit group (3 for cl100k/Llama 3, 1 for Qwen).</param>
    /// <param name="codePoints">True: a character is a code point (Rust engines); false: a UTF-16 unit (.NET Regex).</param>
    /// <param name="unicodeCaseFolding">True: <c>(?i)</c> folds case as the Rust <c>regex</c> crate does (tiktoken); false: ASCII only.</param>
    /// <param name="wholeTrailingWhitespace">For <see cref="ByteLevelPattern.Cl100k"/>: true for tiktoken's current form, where
    /// <c>\s++$</c> makes a whitespace run at the end of the text one piece.</param>
    public ByteLevelPreTokenizer(ByteLevelPattern pattern, int maxDigits, bool codePoints, bool unicodeCaseFolding = false, bool wholeTrailingWhitespace = false)
    {
        _pattern = pattern;
        _maxDigits = pattern == ByteLevelPattern.O200k ? 3 : maxDigits;
        CodePoints = codePoints;
        UnicodeCaseFolding = unicodeCaseFolding;
        WholeTrailingWhitespace = wholeTrailingWhitespace && pattern == ByteLevelPattern.Cl100k;
    }

    /// <summary>True when one regex character is a code point; false when it is a UTF-16 unit.</summary>
    public bool CodePoints { get; }

    /// <summary>True when case-insensitive contractions use Unicode simple case folding (<c>'ſ</c> = <c>'s</c>); false for ASCII case only.</summary>
    public bool UnicodeCaseFolding { get; }

    /// <summary>True when a whitespace run reaching the end of the text is one piece (tiktoken's cl100k_base <c>\s++$</c>).</summary>
    public bool WholeTrailingWhitespace { get; }

    /// <summary>The pattern this scanner implements.</summary>
    public ByteLevelPattern Pattern => _pattern;

    /// <summary>The end (exclusive) of the piece that starts at <paramref name="start"/> (which must be inside the text).</summary>
    public int NextEnd(ReadOnlySpan<char> text, int start) => _pattern switch
    {
        ByteLevelPattern.Gpt2 => MatchGpt2(text, start),
        ByteLevelPattern.Cl100k => MatchCl100k(text, start),
        _ => MatchO200k(text, start),
    };

    /// <summary>The regex class bits of a BMP character (for the tests that compare them with .NET Regex classes).</summary>
    internal static byte FlagsOf(char c) => Flags[c];

    private int MatchGpt2(ReadOnlySpan<char> t, int i)
    {
        var c = t[i];
        if (c == '\'' && Contraction(t, i, ignoreCase: false) is > 0 and var length)
        {
            return i + length;
        }
        var j = c == ' ' ? i + 1 : i;
        if (j < t.Length)
        {
            var f = At(t, j, out _);
            if ((f & Letter) != 0)
            {
                return Run(t, j, Letter);
            }
            if ((f & Number) != 0)
            {
                return Run(t, j, Number);
            }
            if ((f & Word) == 0)
            {
                return RunOther(t, j);
            }
        }
        return Whitespace(t, i, Run(t, i, Space));
    }

    private int MatchCl100k(ReadOnlySpan<char> t, int i)
    {
        var c = t[i];
        if (c == '\'' && Contraction(t, i, ignoreCase: true, UnicodeCaseFolding) is > 0 and var length)
        {
            return i + length;
        }
        var f = At(t, i, out var w);
        // [^\r\n\p{L}\p{N}]?\p{L}+
        if ((f & Letter) != 0)
        {
            return Run(t, i, Letter);
        }
        if ((f & (Letter | Number)) == 0 && c != '\r' && c != '\n' && i + w < t.Length && (At(t, i + w, out _) & Letter) != 0)
        {
            return Run(t, i + w, Letter);
        }
        // \p{N}{1,D}
        if ((f & Number) != 0)
        {
            return RunDigits(t, i);
        }
        // ' ?[^\s\p{L}\p{N}]+[\r\n]*'
        var j = c == ' ' ? i + 1 : i;
        if (j < t.Length && (At(t, j, out _) & Word) == 0)
        {
            return LineBreaks(t, RunOther(t, j), slash: false);
        }
        return SpaceRun(t, i);
    }

    /// <summary>
    /// o200k_base: <c>[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
    /// |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
    /// |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+</c>.
    /// </summary>
    private int MatchO200k(ReadOnlySpan<char> t, int i)
    {
        var c = t[i];
        var f = At(t, i, out var w);
        // The optional prefix is tried with one character first, then without (a mark is both a prefix and a letter class).
        var prefix = (f & (Letter | Number)) == 0 && c != '\r' && c != '\n' && i + w < t.Length;
        var end = prefix ? UpperThenLower(t, i + w) : -1;
        if (end < 0)
        {
            end = UpperThenLower(t, i);
        }
        if (end < 0 && prefix)
        {
            end = UpperRun(t, i + w);
        }
        if (end < 0)
        {
            end = UpperRun(t, i);
        }
        if (end >= 0)
        {
            return end < t.Length && t[end] == '\'' && Contraction(t, end, ignoreCase: true, UnicodeCaseFolding) is > 0 and var length ? end + length : end;
        }
        if ((f & Number) != 0)
        {
            return RunDigits(t, i);
        }
        var j = c == ' ' ? i + 1 : i;
        if (j < t.Length && (At(t, j, out _) & Word) == 0)
        {
            return LineBreaks(t, RunOther(t, j), slash: true);
        }
        return SpaceRun(t, i);
    }

    /// <summary><c>U*L+</c> from <paramref name="s"/> as a backtracking engine matches it (U* greedy, giving back
    /// characters until L+ can start), or -1.</summary>
    private int UpperThenLower(ReadOnlySpan<char> t, int s)
    {
        var j = s;
        var lastLowerEnd = -1;
        while (j < t.Length)
        {
            var f = At(t, j, out var w);
            if ((f & Upper) == 0)
            {
                break;
            }
            j += w;
            if ((f & Lower) != 0)
            {
                lastLowerEnd = j;
            }
        }
        if (j < t.Length && (At(t, j, out _) & Lower) != 0)
        {
            return Run(t, j, Lower);
        }
        // U* gives back characters: L+ starts at the last character of the U run that is also in L, and stops right after it.
        return lastLowerEnd;
    }

    /// <summary><c>U+L*</c> from <paramref name="s"/>, or -1.</summary>
    private int UpperRun(ReadOnlySpan<char> t, int s)
    {
        if (s >= t.Length || (At(t, s, out _) & Upper) == 0)
        {
            return -1;
        }
        return Run(t, Run(t, s, Upper), Lower);
    }

    /// <summary><c>\s*[\r\n]+|\s+(?!\S)|\s+</c> at <paramref name="i"/>, a whitespace character (after <c>\s++$</c> when
    /// <see cref="WholeTrailingWhitespace"/>).</summary>
    private int SpaceRun(ReadOnlySpan<char> t, int i)
    {
        var e = Run(t, i, Space);
        if (e == t.Length && WholeTrailingWhitespace)
        {
            return e;
        }
        // \s* is greedy, so [\r\n]+ starts at the last line break of the run and ends right after it.
        var lastBreak = t[i..e].LastIndexOfAny('\r', '\n');
        return lastBreak >= 0 ? i + lastBreak + 1 : Whitespace(t, i, e);
    }

    /// <summary><c>\s+(?!\S)|\s+</c> for the whitespace run [i, e): all of it at the end of the text, else all but the
    /// last character (which belongs to the next piece), unless that leaves nothing.</summary>
    private static int Whitespace(ReadOnlySpan<char> t, int i, int e) => e == t.Length || e - 1 == i ? e : e - 1;

    private int RunDigits(ReadOnlySpan<char> t, int i)
    {
        var n = 0;
        while (i < t.Length && n < _maxDigits && (At(t, i, out var w) & Number) != 0)
        {
            i += w;
            n++;
        }
        return i;
    }

    private static int LineBreaks(ReadOnlySpan<char> t, int i, bool slash)
    {
        while (i < t.Length && (t[i] == '\r' || t[i] == '\n' || (slash && t[i] == '/')))
        {
            i++;
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Run(ReadOnlySpan<char> t, int i, byte mask)
    {
        while (i < t.Length && (At(t, i, out var w) & mask) != 0)
        {
            i += w;
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int RunOther(ReadOnlySpan<char> t, int i)
    {
        while (i < t.Length && (At(t, i, out var w) & Word) == 0)
        {
            i += w;
        }
        return i;
    }

    /// <summary>Length of <c>'s|'t|'re|'ve|'m|'ll|'d</c> at <paramref name="i"/> (an apostrophe), or 0.
    /// Case-insensitive means ASCII case, as in .NET Regex, plus, with <paramref name="folding"/>, the one other character
    /// whose simple case folding is one of these letters: U+017F <c>ſ</c> folds to <c>s</c> (CaseFolding.txt; the Kelvin
    /// sign folds to <c>k</c>, which no contraction has).</summary>
    private static int Contraction(ReadOnlySpan<char> t, int i, bool ignoreCase, bool folding = false)
    {
        if (i + 1 >= t.Length)
        {
            return 0;
        }
        if (folding && t[i + 1] == '\u017F')
        {
            return 2;
        }
        var a = Lower(t[i + 1], ignoreCase);
        if (a is 's' or 't' or 'm' or 'd')
        {
            return 2;
        }
        if (i + 2 >= t.Length)
        {
            return 0;
        }
        var b = Lower(t[i + 2], ignoreCase);
        return (a, b) is ('r', 'e') or ('v', 'e') or ('l', 'l') ? 3 : 0;

        static char Lower(char c, bool ignoreCase) => ignoreCase && c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
    }

    /// <summary>The class bits of the character at <paramref name="i"/> and its width in UTF-16 units.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte At(ReadOnlySpan<char> t, int i, out int width)
    {
        var c = t[i];
        width = 1;
        if (!char.IsSurrogate(c))
        {
            return Flags[c];
        }
        return CodePoints ? Surrogate(t, i, out width) : (byte)0;
    }

    private static byte Surrogate(ReadOnlySpan<char> t, int i, out int width)
    {
        width = 1;
        if (char.IsHighSurrogate(t[i]) && i + 1 < t.Length && char.IsLowSurrogate(t[i + 1]))
        {
            width = 2;
            return FlagsOf(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(t[i], t[i + 1])));
        }
        // A lone surrogate becomes U+FFFD when the text is converted to UTF-8: a symbol.
        return 0;
    }

    private static byte[] BuildFlags()
    {
        var flags = new byte[65536];
        for (var c = 0; c < flags.Length; c++)
        {
            var f = FlagsOf(CharUnicodeInfo.GetUnicodeCategory((char)c));
            if (c is >= 0x09 and <= 0x0D or 0x85)
            {
                f |= Space;
            }
            flags[c] = f;
        }
        return flags;
    }

    private static byte FlagsOf(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter => Letter | Upper,
        UnicodeCategory.LowercaseLetter => Letter | Lower,
        UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => Letter | Upper | Lower,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => Upper | Lower | Mark,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Number,
        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => Space,
        _ => 0,
    };
}
