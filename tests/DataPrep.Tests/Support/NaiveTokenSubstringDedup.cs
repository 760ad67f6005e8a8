using System.Text;
using DataPrep.Tokenizers;

namespace DataPrep.Tests.Support;

/// <summary>
/// The oracle of SubstringDedup's token unit by brute force: every window of k token ids of every document is searched
/// (plain sequence search) in the documents before it and earlier in its own document — or, without keep-first,
/// anywhere else; the tokens of found windows are cut, each maximal run of cut tokens mapped to the bytes its tokens
/// spell and shrunk to UTF-8 character boundaries.
/// </summary>
public static class NaiveTokenSubstringDedup
{
    public static List<string> Cut(IReadOnlyList<string> texts, ITextTokenizer tokenizer, int k, bool keepFirst)
    {
        var ids = texts.Select(t =>
        {
            var list = new List<int>();
            tokenizer.Encode(t, list);
            return list.ToArray();
        }).ToList();
        var result = new List<string>();
        for (var d = 0; d < texts.Count; d++)
        {
            var tokens = ids[d];
            var removed = new bool[tokens.Length];
            for (var p = 0; p + k <= tokens.Length; p++)
            {
                var window = tokens.AsSpan(p, k);
                var repeated = tokens.AsSpan(0, p + k - 1).IndexOf(window) >= 0 || (!keepFirst && tokens.AsSpan(p + 1).IndexOf(window) >= 0);
                for (var other = 0; other < (keepFirst ? d : ids.Count) && !repeated; other++)
                {
                    repeated = other != d && ids[other].AsSpan().IndexOf(window) >= 0;
                }
                if (repeated)
                {
                    removed.AsSpan(p, k).Fill(true);
                }
            }
            result.Add(Keep(Encoding.UTF8.GetBytes(texts[d]), tokens, removed, tokenizer));
        }
        return result;
    }

    private static string Keep(byte[] text, int[] tokens, bool[] removed, ITextTokenizer tokenizer)
    {
        var starts = new int[tokens.Length + 1];
        for (var i = 0; i < tokens.Length; i++)
        {
            starts[i + 1] = starts[i] + tokenizer.GetTokenBytes(tokens[i]).Length;
        }
        Assert.Equal(text.Length, starts[^1]);
        var kept = new List<byte>(text.Length);
        var position = 0;
        for (var i = 0; i < tokens.Length;)
        {
            if (!removed[i])
            {
                i++;
                continue;
            }
            var last = i;
            while (last < tokens.Length && removed[last])
            {
                last++;
            }
            var (from, to) = (starts[i], starts[last]);
            while (from < to && (text[from] & 0xC0) == 0x80)
            {
                from++;
            }
            while (to > from && to < text.Length && (text[to] & 0xC0) == 0x80)
            {
                to--;
            }
            kept.AddRange(text[position..from]);
            position = Math.Max(position, to);
            i = last;
        }
        kept.AddRange(text[position..]);
        return Encoding.UTF8.GetString([.. kept]);
    }
}
