namespace DataPrep.Stages.Pii;

/// <summary>Keyword tests around a candidate: the context words that confirm (or veto) a match.</summary>
internal static class PiiContext
{
    /// <summary>Creates a keyword set (ASCII words match ignoring case).</summary>
    public static KeywordSet Words(params string[] words) => new(words);

    /// <summary>True when one of <paramref name="words"/> occurs within <paramref name="before"/> characters before
    /// <paramref name="start"/> or <paramref name="after"/> characters after <paramref name="end"/>.</summary>
    public static bool Near(ReadOnlySpan<char> text, int start, int end, KeywordSet words, int before, int after)
    {
        var from = Math.Max(0, start - before);
        if (from < start && words.IndexIn(text[from..start]) >= 0)
        {
            return true;
        }
        var to = Math.Min(text.Length, end + after);
        return end < to && words.IndexIn(text[end..to]) >= 0;
    }
}
