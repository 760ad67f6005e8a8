using System.Text;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Tokenizers;

/// <summary>Texts that exercise every branch of the byte-level pre-tokenisers: digit runs, apostrophes and
/// contractions in both cases, CR/LF mixes, combining marks, emoji and other characters outside the BMP, case classes,
/// special tokens inside text, very long pieces; plus samples of every shared corpus.</summary>
internal static class AdversarialText
{
    private static readonly string[] Handmade =
    [
        "𝐀bc 𠀀가 😀abc a😀b ❤️ 👨‍👩‍👧 x\u0301y 'ſ 'S 'LL 'Re it's IT'S we'd You'Ve",
        "😀ㅋㅋ 🇰🇷한국 𝟏𝟐𝟑𝟒 ①②③④ ½¼ Ⅻ 12345678 a1b22c333 1,234,567.89 ٣٤٥٦",
        "\r\n\r\n  \n\t x\r\r\n  \r\n\r\n", "  a  \n  b\u00A0\u3000c\u2028d\u0085e\u000Bf\u000Cg   ",
        "<|endoftext|>abc<|begin_of_text|><think>x</think><|im_start|><|fim_prefix|> <|endofprompt|><", "<|endoftext|",
        "ǅungla ǈ ʰello ˈa ÀÉ̃ a\u0301\u0302b HELLOworld HelloWORLD hELLO ΣΑΣ ǲ", "Hello/World/\n/x !!/\r\n ..., --- ***",
        "가\u0301나 \u1100\u1161\u11A8 각 \u1112\u1161\u11AB\u1100\u1173\u11AF", "'", " ", "\n", "a", "'s", " 's", "''s", "x'", "😀",
        "https://example.com/a/b?c=1&d=2#x  user@example.com  010-1234-5678", "    def f(x):\n        return x  # comment\n\n\n",
    ];

    private static readonly string[] Alphabet =
    [
        "a", "B", "ǅ", "ʰ", "가", "\u0301", "1", "٣", "Ⅻ", " ", "  ", "\n", "\r", "\t", "'", "s", "S", "t", "re", "LL", "VE", "!", "/",
        ".", "😀", "𝐀", "𠀀", "𝟏", "\u00A0", "\u3000", "-", "_", "<|endoftext|>", "<think>", "ſ", "\u0085",
    ];

    /// <summary>The handmade strings, <paramref name="random"/> seeded random strings over a class-covering alphabet
    /// (with lone surrogates when <paramref name="loneSurrogates"/>; without the characters outside the BMP and <c>ſ</c>
    /// unless <paramref name="beyondBmp"/>), and one piece far longer than the quadratic-merge limit.</summary>
    public static IReadOnlyList<string> Strings(int random, bool loneSurrogates, bool beyondBmp = true)
    {
        lock (StringsCache)
        {
            var key = (random, loneSurrogates, beyondBmp);
            if (!StringsCache.TryGetValue(key, out var strings))
            {
                StringsCache[key] = strings = MakeStrings(random, loneSurrogates, beyondBmp);
            }
            return strings;
        }
    }

    private static readonly Dictionary<(int, bool, bool), IReadOnlyList<string>> StringsCache = [];
    private static readonly Dictionary<int, IReadOnlyList<string>> SamplesCache = [];

    private static List<string> MakeStrings(int random, bool loneSurrogates, bool beyondBmp)
    {
        var list = new List<string>(Handmade);
        var alphabet = beyondBmp ? Alphabet : [.. Alphabet.Where(a => !a.Any(char.IsSurrogate) && a != "ſ")];
        var rng = new Random(20261128);
        for (var n = 0; n < random; n++)
        {
            var text = new StringBuilder();
            var length = rng.Next(1, 30);
            for (var k = 0; k < length; k++)
            {
                text.Append(loneSurrogates && rng.Next(40) == 0 ? (rng.Next(2) == 0 ? "\ud800" : "\udfff") : alphabet[rng.Next(alphabet.Length)]);
            }
            list.Add(text.ToString());
        }
        list.Add(new string('가', 400) + " " + string.Concat(Enumerable.Repeat("ab", 300)) + " " + new string('!', 500) + " " + new string('1', 50)
            + new string(' ', 300) + "x " + string.Concat(Enumerable.Repeat("안녕하세요", 100)));
        return list;
    }

    /// <summary>The first <paramref name="perCorpus"/> texts of every shared corpus (both sides of the parallel news).</summary>
    public static IReadOnlyList<string> CorpusSamples(int perCorpus)
    {
        lock (SamplesCache)
        {
            if (!SamplesCache.TryGetValue(perCorpus, out var samples))
            {
                SamplesCache[perCorpus] = samples = [.. ReadSamples(perCorpus)];
            }
            return samples;
        }
    }

    private static IEnumerable<string> ReadSamples(int perCorpus)
    {
        foreach (var corpus in new[] { "ko-nsmc-reviews", "ko-wiki", "ko-petitions", "en-wiki", "en-web-cc" })
        {
            foreach (var document in CorpusReader.Read(corpus + ".jsonl.gz", limit: perCorpus))
            {
                yield return document.Text;
            }
        }
        foreach (var document in CorpusReader.Read("ko-en-parallel-news.jsonl.gz", limit: perCorpus))
        {
            yield return document.Text;
            yield return document.Metadata.GetString("text_en") ?? "";
        }
    }
}
