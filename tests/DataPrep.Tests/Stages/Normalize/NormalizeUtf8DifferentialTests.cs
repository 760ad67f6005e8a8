using System.Text;
using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Stages.Normalize;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Normalize;

/// <summary>
/// The UTF-8 path (one vector scan, then trimming or the byte-level cleaner) against the string path (NFC, then
/// <see cref="NormalizeStage.Clean"/>), which shares none of its code: the same kept text or the same rejection for every
/// option combination, on real corpus text and on text with characters to clean planted at random places and at every
/// offset around the 64-byte blocks the scan works in.
/// </summary>
public class NormalizeUtf8DifferentialTests
{
    private static readonly NormalizeOptions[] AllOptions =
        (from nfc in new[] { true, false }
         from remove in new[] { true, false }
         from collapse in new[] { true, false }
         from max in new[] { 0, 1, 2, 5 }
         select new NormalizeOptions { Nfc = nfc, RemoveControlCharacters = remove, CollapseSpaces = collapse, MaxConsecutiveNewlines = max }).ToArray();

    // Index of the default options in AllOptions (NFC, controls removed, spaces collapsed, two line breaks).
    private const int Defaults = 2;

    // What the cleaner changes or must leave alone, and what NFC changes: each alone, in pairs, in runs.
    private static readonly string[] Pieces =
    [
        " ", "  ", "   ", "\t", " \t ", "\r", "\r\n", "\n", "\n\n", "\n\n\n", "\n\n\n\n\n\n\n", " \n", "\n ", " \n \n ", "\r\n\r\n\r\n",
        "\u0000", "\u0007", "\u001F", "\u007F", "\u0080", "\u0085", "\u009F", "\u00A0", "\u00A1", "\u00AC", "\u00AD", "\u00AE", "\u00E9",
        "\u1680", "\u1681", "\u167F", "\u2000", "\u200A", "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u2010", "\u202F", "\u2030",
        "\u205E", "\u205F", "\u2060", "\u2061", "\u3000", "\u3001", "\u300C", "\uFEFF", "\uFEFE", "\uFF01", "\u2028",
        "\u1100\u1161", "\u1100\u1161\u11A8", "e\u0301", "\u0301", "\u3099", "“", "”", "…", "。", "😀", " \u00A0 ", "\n\u200B\n\n", "\u00A0\n",
    ];

    private static readonly string[] Bases =
    [
        "대한민국은 민주공화국이다. 모든 권력은 국민으로부터 나온다.",
        "The quick brown fox jumps over the lazy dog, again and again.",
        "“인용” 문장과 『책』 그리고 ㅋㅋㅋ ㅠㅠ, ㎡ ★ 가나다 abc 123",
    ];

    [SharedDataFact]
    public void CorpusTextsGiveTheSameResultOnBothPathsForEveryOptionCombination()
    {
        var files = new[] { "ko-wiki.jsonl.gz", "ko-petitions.jsonl.gz", "ko-nsmc-reviews.jsonl.gz", "en-web-cc.jsonl.gz", "en-wiki.jsonl.gz", "ko-en-parallel-news.jsonl.gz" };
        var texts = files.SelectMany(f => CorpusReader.Read(f, limit: 500)).Select(d => d.Text).ToList();
        Assert.True(texts.Count >= 2500, $"only {texts.Count} corpus texts");
        var changedSomewhere = 0;
        foreach (var options in AllOptions)
        {
            var stage = new NormalizeStage(options);
            foreach (var text in texts)
            {
                changedSomewhere += AssertSameOnBothPaths((options, stage), text) ? 1 : 0;
            }
        }
        Assert.True(changedSomewhere > 0, "no corpus text needed cleaning: the comparison proved nothing");
    }

    [Fact]
    public void EveryPieceAtEveryOffsetAroundTheBlockEdgesGivesTheSameResultOnBothPaths()
    {
        // Prefixes of 0..140 bytes (ASCII, or three-byte Hangul then ASCII) put the piece on every offset of the first two
        // blocks, so pairs and runs straddle every block edge.
        Assert.Equal(new NormalizeOptions(), AllOptions[Defaults]);
        var stages = AllOptions.Select(o => (o, new NormalizeStage(o))).ToArray();
        foreach (var piece in Pieces)
        {
            for (var offset = 0; offset <= 140; offset++)
            {
                var ascii = new string('x', offset);
                var hangul = string.Concat(Enumerable.Repeat("가", offset / 3)) + new string('y', offset % 3);
                foreach (var prefix in new[] { ascii, hangul })
                {
                    // One piece only, so that nothing else in the text sends it to the cleaner.
                    var text = prefix + piece + Bases[offset % Bases.Length] + Bases[(offset + 1) % Bases.Length];
                    foreach (var stage in offset % 4 == 0 ? stages : [stages[offset % stages.Length], stages[Defaults]])
                    {
                        AssertSameOnBothPaths(stage, text);
                    }
                }
            }
        }
    }

    [SharedDataFact]
    public void RandomlyMutatedTextsGiveTheSameResultOnBothPaths()
    {
        var random = new Random(20261128);
        var stages = AllOptions.Select(o => (o, new NormalizeStage(o))).ToArray();
        var corpus = CorpusReader.Read("ko-wiki.jsonl.gz", limit: 300).Select(d => d.Text).Where(t => t.Length > 0).ToList();
        for (var round = 0; round < 3000; round++)
        {
            var source = round % 2 == 0 ? corpus[random.Next(corpus.Count)] : Bases[random.Next(Bases.Length)];
            var text = new StringBuilder(source.Length > 600 ? source[..random.Next(1, 600)] : source);
            if (char.IsHighSurrogate(text[^1]))
            {
                text.Length--;
            }
            var inserts = random.Next(1, 8);
            for (var k = 0; k < inserts; k++)
            {
                var at = random.Next(text.Length + 1);
                if (at > 0 && at < text.Length && char.IsLowSurrogate(text[at]))
                {
                    at--;
                }
                text.Insert(at, Pieces[random.Next(Pieces.Length)]);
            }
            AssertSameOnBothPaths(stages[random.Next(stages.Length)], text.ToString());
        }
    }

    [Fact]
    public void ASingleSpaceBetweenWordsIsCopiedAndEveryOtherSpaceRunIsCleaned()
    {
        var stage = new NormalizeStage(new NormalizeOptions());
        var words = string.Join(' ', Enumerable.Repeat("한국어 문장은 띄어쓰기로 나뉜다", 20));
        Assert.Equal(words, RunUtf8(stage, words));
        Assert.Equal(words, RunUtf8(stage, words.Replace("나뉜다", "나뉜다  ").Replace("  한", " 한")));
        var dirty = words.Insert(words.IndexOf(' ', 100), " \t") + "\n\n\n\n" + words.Insert(words.IndexOf(' ', 70), "\u00A0 ");
        Assert.Equal(words + "\n\n" + words, RunUtf8(stage, dirty));
    }

    // Runs the text through the stage as UTF-8 and as a string; true when the stage changed or rejected it.
    private static bool AssertSameOnBothPaths((NormalizeOptions Options, NormalizeStage Stage) configured, string text)
    {
        var (options, stage) = configured;
        var viaString = RunString(stage, text);
        var viaUtf8 = RunUtf8(stage, text);
        if (viaString != viaUtf8)
        {
            Assert.Fail($"UTF-8 and string paths differ (text of {text.Length} chars, codes {Codes(text)}): "
                + $"string gives {Describe(viaString)}, UTF-8 gives {Describe(viaUtf8)}");
        }
        // Text that is NFC (or not composed) must also match the old character-by-character cleaner.
        if (!options.Nfc || text.IsNormalized(NormalizationForm.FormC))
        {
            var cleaned = NormalizeUtf8Oracle.Clean(text, options);
            var expected = string.IsNullOrWhiteSpace(cleaned) ? null : cleaned;
            if (expected != viaUtf8)
            {
                Assert.Fail($"UTF-8 path differs from the oracle (text of {text.Length} chars, codes {Codes(text)}): "
                    + $"oracle gives {Describe(expected)}, UTF-8 gives {Describe(viaUtf8)}");
            }
        }
        return viaString != text;
    }

    private static string? RunString(NormalizeStage stage, string text)
    {
        var document = new Document("s", text);
        return stage.Process(document, new StageContext("normalize", ShardSpec.Single)) ? document.Text : null;
    }

    private static string? RunUtf8(NormalizeStage stage, string text)
    {
        var document = Document.FromUtf8("u", Encoding.UTF8.GetBytes(text));
        Assert.True(document.TryGetUtf8Text(out _));
        return stage.Process(document, new StageContext("normalize", ShardSpec.Single)) ? document.Text : null;
    }

    private static string Describe(string? text) => text is null ? "a rejection" : $"{text.Length} chars [{Codes(text)}]";

    // Code points only where they are not letters, so a failure shows what differs without printing the text.
    private static string Codes(string text) =>
        text.Length > 400 ? $"{text.Length} chars" : string.Join(' ', text.Select(c => char.IsLetterOrDigit(c) ? "L" : $"U+{(int)c:X4}"));
}
