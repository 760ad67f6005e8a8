using System.Buffers;

namespace DataPrep.Stages.Pii;

/// <summary>Keyword tests around a candidate: the context words that confirm (or veto) a match.</summary>
internal static class PiiContext
{
    /// <summary>Creates a case-insensitive multi-string search for keywords.</summary>
    public static SearchValues<string> Words(params string[] words) => SearchValues.Create(words, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when one of <paramref name="words"/> occurs within <paramref name="before"/> characters before
    /// <paramref name="start"/> or <paramref name="after"/> characters after <paramref name="end"/>.</summary>
    public static bool Near(ReadOnlySpan<char> text, int start, int end, SearchValues<string> words, int before, int after)
    {
        var from = Math.Max(0, start - before);
        if (from < start && text[from..start].IndexOfAny(words) >= 0)
        {
            return true;
        }
        var to = Math.Min(text.Length, end + after);
        return end < to && text[end..to].IndexOfAny(words) >= 0;
    }
}
