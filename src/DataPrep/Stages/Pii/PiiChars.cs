using System.Buffers;

namespace DataPrep.Stages.Pii;

/// <summary>
/// Character tests for the PII scanners. Deliberately ASCII-explicit: .NET's <c>\d</c> and <c>\b</c> are
/// Unicode-aware, so a Hangul particle right after a number (<c>010-1234-5678로</c>) would hide it.
/// Full-width digits and hyphens (U+FF10–FF19, U+FF0D), common in Korean web forms, count as digits and hyphens.
/// </summary>
internal static class PiiChars
{
    /// <summary>ASCII and full-width digits, for vectorised searches.</summary>
    public static readonly SearchValues<char> Digits = SearchValues.Create("0123456789０１２３４５６７８９");

    /// <summary>True when the text has any full-width digit (one vectorised pass); scanners then use the slower
    /// two-range digit search, otherwise the ASCII range search.</summary>
    public static bool HasWideDigits(ReadOnlySpan<char> text) => text.IndexOfAnyInRange('０', '９') >= 0;

    /// <summary>
    /// The scan shared by the number detectors: jump to each run of digits (vectorised search), let
    /// <paramref name="tryMatch"/> decide whether a value starts there (it returns the end, or -1), and continue
    /// after the match or after the run. Linear: every position is passed over a bounded number of times.
    /// </summary>
    public static unsafe void ScanDigitRuns(ReadOnlySpan<char> text, List<PiiMatch> matches, PiiType type, int priority,
        delegate*<ReadOnlySpan<char>, int, int> tryMatch)
    {
        var pos = 0;
        var digits = new DigitCursor(text);
        while (pos < text.Length)
        {
            var start = digits.NextNumber(pos);
            if (start < 0)
            {
                return;
            }
            var end = tryMatch(text, start);
            if (end > 0)
            {
                matches.Add(new PiiMatch(start, end - start, type, priority));
                pos = end;
            }
            else
            {
                pos = SkipDigits(text, start);
            }
        }
    }

    /// <summary>Index of the first digit at or after <paramref name="from"/>, or −1.</summary>
    public static int NextDigit(ReadOnlySpan<char> text, int from, bool wide)
    {
        var found = wide ? text[from..].IndexOfAny(Digits) : text[from..].IndexOfAnyInRange('0', '9');
        return found < 0 ? -1 : from + found;
    }

    /// <summary>Cheap first test for numeric scanners: the digit run at <paramref name="start"/> either continues with a
    /// separator and a digit (a grouped number) or has a length in [<paramref name="minAlone"/>, <paramref name="maxAlone"/>].
    /// Most numbers in prose ("2019년", "3개") fail it before any grouping work.</summary>
    public static bool RunCanStart(ReadOnlySpan<char> text, int start, int minAlone, int maxAlone)
    {
        var end = SkipDigits(text, start);
        var length = end - start;
        if (length >= minAlone && length <= maxAlone)
        {
            return true;
        }
        return end + 1 < text.Length && !IsDigit(text[end]) && text[end] is ' ' or '.' or ')' or '-' or '\uFF0D' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2212'
            && IsDigit(text[end + 1]) || (end + 2 < text.Length && text[end] == ')' && text[end + 1] == ' ' && IsDigit(text[end + 2]));
    }

    /// <summary>0–9 for an ASCII or full-width digit, otherwise −1.</summary>
    public static int Digit(char c)
    {
        var ascii = (uint)(c - '0');
        if (ascii <= 9)
        {
            return (int)ascii;
        }
        var wide = (uint)(c - '０');
        return wide <= 9 ? (int)wide : -1;
    }

    public static bool IsDigit(char c) => (uint)(c - '0') <= 9 || (uint)(c - '０') <= 9;

    /// <summary>Hyphen-minus and the dashes people type in its place (full-width, Unicode hyphens, en dash, minus).</summary>
    public static bool IsHyphen(char c) => c is '-' or '\uFF0D' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2212';

    public static bool IsAsciiLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    public static bool IsAsciiLetterOrDigit(char c) => IsAsciiLetter(c) || (uint)(c - '0') <= 9;

    /// <summary>ASCII letter, digit or underscore: what RE2's <c>\w</c> means.</summary>
    public static bool IsAsciiWord(char c) => IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>True when the character before <paramref name="index"/> exists and satisfies <paramref name="test"/>.</summary>
    public static bool Before(ReadOnlySpan<char> text, int index, Func<char, bool> test) => index > 0 && test(text[index - 1]);

    /// <summary>True when the character at <paramref name="index"/> exists and satisfies <paramref name="test"/>.</summary>
    public static bool At(ReadOnlySpan<char> text, int index, Func<char, bool> test) => index < text.Length && test(text[index]);

    /// <summary>Number of consecutive digits from <paramref name="start"/>, counting at most <paramref name="max"/> + 1.</summary>
    public static int CountDigits(ReadOnlySpan<char> text, int start, int max)
    {
        var i = start;
        var limit = Math.Min(text.Length, start + max + 1);
        while (i < limit && IsDigit(text[i]))
        {
            i++;
        }
        return i - start;
    }

    /// <summary>True when a number starting at <paramref name="start"/> would continue an ASCII word or another number
    /// (<c>ab123</c>, <c>12-345</c>, <c>1.234</c>): such digits are part of something else, not a value of their own.</summary>
    public static bool ContinuesWordOrNumber(ReadOnlySpan<char> text, int start) =>
        start > 0 && (IsAsciiWord(text[start - 1])
            || ((IsHyphen(text[start - 1]) || text[start - 1] == '.') && start > 1 && IsDigit(text[start - 2])));

    /// <summary>Index just past the run of digits starting at <paramref name="start"/> (no cap).</summary>
    public static int SkipDigits(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }
        return i;
    }

    /// <summary>The value of <paramref name="count"/> digits from <paramref name="start"/> (all must be digits).</summary>
    public static int Number(ReadOnlySpan<char> text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            value = value * 10 + Digit(text[i]);
        }
        return value;
    }
}
