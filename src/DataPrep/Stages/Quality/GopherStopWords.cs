namespace DataPrep.Stages.Quality;

/// <summary>Gopher's English stop words (Rae et al. 2021, App. A): the, be, to, of, and, that, have, with.</summary>
internal static class GopherStopWords
{
    /// <summary>True when <paramref name="word"/> is one of the eight, ignoring ASCII case.</summary>
    public static bool Contains(ReadOnlySpan<char> word)
    {
        switch (word.Length)
        {
            case 2:
                return Is(word, "be") || Is(word, "to") || Is(word, "of");
            case 3:
                return Is(word, "the") || Is(word, "and");
            case 4:
                return Is(word, "that") || Is(word, "have") || Is(word, "with");
            default:
                return false;
        }
    }

    private static bool Is(ReadOnlySpan<char> word, string stopWord)
    {
        for (var i = 0; i < stopWord.Length; i++)
        {
            if ((word[i] | 0x20) != stopWord[i])
            {
                return false;
            }
        }
        return true;
    }
}
