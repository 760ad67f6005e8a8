namespace DataPrep.Text;

/// <summary>Finds the valid names closest to a misspelt one (edit distance, ignoring case), for error messages.</summary>
internal static class NearestNames
{
    /// <summary>Up to <paramref name="count"/> candidates, closest first; names far from the input are left out
    /// unless nothing is close, in which case the closest are still given.</summary>
    public static IReadOnlyList<string> Find(string input, IEnumerable<string> candidates, int count = 3)
    {
        var scored = candidates
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(c => (Name: c, Distance: Distance(input.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .ToList();
        var close = scored.Where(x => x.Distance <= Math.Max(2, input.Length / 2)
                || x.Name.Contains(input, StringComparison.OrdinalIgnoreCase)
                || input.Contains(x.Name, StringComparison.OrdinalIgnoreCase))
            .Take(count).Select(x => x.Name).ToList();
        return close.Count > 0 ? close : scored.Take(count).Select(x => x.Name).ToList();
    }

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
