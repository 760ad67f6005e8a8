using DataPrep.Documents;

namespace DataPrep.Tests.Support;

/// <summary>Arbitrary values for tests.</summary>
public static class Some
{
    private static int _counter;

    public static Document Document(string text, string? id = null) =>
        new(id ?? $"doc-{Interlocked.Increment(ref _counter)}", text);

    /// <summary><paramref name="count"/> distinct plausible English words joined by spaces.</summary>
    public static string Words(int count)
    {
        string[] pool = ["the", "river", "flows", "through", "a", "quiet", "valley", "where", "farmers", "grow", "rice", "and", "barley", "every", "summer", "while", "children", "play", "near", "old", "stone", "bridge"];
        return string.Join(' ', Enumerable.Range(0, count).Select(i => pool[i % pool.Length]));
    }
}
