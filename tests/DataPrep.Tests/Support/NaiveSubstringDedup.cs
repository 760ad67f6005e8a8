using System.Text;

namespace DataPrep.Tests.Support;

/// <summary>
/// The oracle of SubstringDedup by brute force: every window of k bytes of every document is searched (plain
/// substring search) in the documents before it and earlier in its own document — or, without keep-first,
/// anywhere else; the bytes of found windows are cut, the cut ranges shrunk to UTF-8 character boundaries.
/// </summary>
public static class NaiveSubstringDedup
{
    public static List<string> Cut(IReadOnlyList<string> texts, int k, bool keepFirst)
    {
        var bytes = texts.Select(Encoding.UTF8.GetBytes).ToList();
        var result = new List<string>();
        for (var d = 0; d < bytes.Count; d++)
        {
            var text = bytes[d];
            var removed = new bool[text.Length];
            for (var p = 0; p + k <= text.Length; p++)
            {
                var window = text.AsSpan(p, k);
                var repeated = keepFirst
                    ? OccursIn(bytes.Take(d), window) || text.AsSpan(0, p + k - 1).IndexOf(window) >= 0
                    : OccursIn(bytes.Where((_, i) => i != d), window) || text.AsSpan(0, p + k - 1).IndexOf(window) >= 0 || text.AsSpan(p + 1).IndexOf(window) >= 0;
                if (repeated)
                {
                    removed.AsSpan(p, k).Fill(true);
                }
            }
            result.Add(Encoding.UTF8.GetString(Keep(text, removed)));
        }
        return result;
    }

    /// <summary>Whether some window of <paramref name="k"/> bytes of <paramref name="text"/> occurs in <paramref name="others"/> or twice in the text.</summary>
    public static bool HasRepeat(IEnumerable<string> others, string text, int k)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var otherBytes = others.Select(Encoding.UTF8.GetBytes).ToList();
        for (var p = 0; p + k <= bytes.Length; p++)
        {
            var window = bytes.AsSpan(p, k);
            if (OccursIn(otherBytes, window) || bytes.AsSpan(0, p + k - 1).IndexOf(window) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    private static bool OccursIn(IEnumerable<byte[]> documents, ReadOnlySpan<byte> window)
    {
        foreach (var document in documents)
        {
            if (document.AsSpan().IndexOf(window) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Removes each maximal removed range, shrunk so that both ends are character boundaries.</summary>
    private static byte[] Keep(byte[] text, bool[] removed)
    {
        var kept = new List<byte>(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (!removed[i])
            {
                kept.Add(text[i++]);
                continue;
            }
            var end = i;
            while (end < text.Length && removed[end])
            {
                end++;
            }
            var start = i;
            while (start < end && (text[start] & 0xC0) == 0x80)
            {
                start++;
            }
            var stop = end;
            while (stop > start && stop < text.Length && (text[stop] & 0xC0) == 0x80)
            {
                stop--;
            }
            for (var j = i; j < start; j++)
            {
                kept.Add(text[j]);
            }
            for (var j = stop; j < end; j++)
            {
                kept.Add(text[j]);
            }
            i = end;
        }
        return [.. kept];
    }
}
