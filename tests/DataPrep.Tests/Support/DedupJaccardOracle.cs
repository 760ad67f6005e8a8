namespace DataPrep.Tests.Support;

/// <summary>
/// Ground truth for near-duplicate tests: every pair of sets whose exact Jaccard similarity is at or
/// above a threshold. <see cref="AllPairs"/> uses prefix filtering (tokens ordered rarest first; two sets
/// with Jaccard ≥ t must share a token within their first |s| − ⌈t·|s|⌉ + 1 tokens) and then computes
/// the exact Jaccard of every candidate, so it returns exactly what <see cref="BruteForce"/> (all n²/2
/// pairs) returns, only faster; a test checks the two agree.
/// </summary>
public static class DedupJaccardOracle
{
    public readonly record struct Pair(int Left, int Right, double Jaccard);

    /// <summary>Exact Jaccard of two sorted distinct arrays.</summary>
    public static double Jaccard(uint[] x, uint[] y)
    {
        if (x.Length == 0 && y.Length == 0)
        {
            return 0;
        }
        int i = 0, j = 0, common = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j])
            {
                common++;
                i++;
                j++;
            }
            else if (x[i] < y[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return (double)common / (x.Length + y.Length - common);
    }

    /// <summary>Every pair (Left &lt; Right) with Jaccard ≥ threshold, comparing all pairs.</summary>
    public static List<Pair> BruteForce(IReadOnlyList<uint[]> sets, double threshold)
    {
        var pairs = new List<Pair>();
        for (var i = 0; i < sets.Count; i++)
        {
            for (var j = i + 1; j < sets.Count; j++)
            {
                if (sets[i].Length == 0 || sets[j].Length == 0)
                {
                    continue;
                }
                var jaccard = Jaccard(sets[i], sets[j]);
                if (jaccard >= threshold)
                {
                    pairs.Add(new Pair(i, j, jaccard));
                }
            }
        }
        return pairs;
    }

    /// <summary>The same result as <see cref="BruteForce"/>, via prefix filtering and exact verification.</summary>
    public static List<Pair> AllPairs(IReadOnlyList<uint[]> sets, double threshold)
    {
        var frequency = new Dictionary<uint, int>();
        foreach (var set in sets)
        {
            foreach (var token in set)
            {
                frequency[token] = frequency.GetValueOrDefault(token) + 1;
            }
        }
        // Tokens sorted rarest first, each set re-sorted by that order for its prefix.
        var byRarity = sets.Select(set => set.OrderBy(t => frequency[t]).ThenBy(t => t).ToArray()).ToList();
        var order = Enumerable.Range(0, sets.Count).Where(i => sets[i].Length > 0).OrderBy(i => sets[i].Length).ThenBy(i => i).ToList();
        var index = new Dictionary<uint, List<int>>();
        var found = new HashSet<(int, int)>();
        var pairs = new List<Pair>();
        foreach (var x in order)
        {
            var prefix = PrefixLength(sets[x].Length, threshold);
            var candidates = new HashSet<int>();
            for (var k = 0; k < prefix; k++)
            {
                if (index.TryGetValue(byRarity[x][k], out var list))
                {
                    candidates.UnionWith(list);
                }
            }
            foreach (var y in candidates)
            {
                if (sets[y].Length < threshold * sets[x].Length - 1e-9)
                {
                    continue;
                }
                var jaccard = Jaccard(sets[x], sets[y]);
                var key = (Math.Min(x, y), Math.Max(x, y));
                if (jaccard >= threshold && found.Add(key))
                {
                    pairs.Add(new Pair(key.Item1, key.Item2, jaccard));
                }
            }
            for (var k = 0; k < prefix; k++)
            {
                var token = byRarity[x][k];
                if (!index.TryGetValue(token, out var list))
                {
                    index[token] = list = [];
                }
                list.Add(x);
            }
        }
        pairs.Sort((a, b) => a.Left != b.Left ? a.Left.CompareTo(b.Left) : a.Right.CompareTo(b.Right));
        return pairs;
    }

    private static int PrefixLength(int size, double threshold) =>
        size - (int)Math.Ceiling(threshold * size - 1e-9) + 1;

    /// <summary>Connected components of the pairs; returns for each element the smallest index of its component.</summary>
    public static int[] Components(int count, IEnumerable<Pair> pairs)
    {
        var parent = Enumerable.Range(0, count).ToArray();
        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }
        foreach (var pair in pairs)
        {
            var (a, b) = (Find(pair.Left), Find(pair.Right));
            if (a != b)
            {
                parent[Math.Max(a, b)] = Math.Min(a, b);
            }
        }
        return Enumerable.Range(0, count).Select(Find).ToArray();
    }
}
