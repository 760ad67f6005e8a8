using System.Text;
using DataPrep.Stages.Normalize;
using DataPrep.Tests.Support;
using DataPrep.Text;

namespace DataPrep.Tests.Stages.Normalize;

/// <summary>
/// Normalize's UTF-8 scans (<see cref="Utf8CleanScanner.Scan(ReadOnlySpan{byte}, NormalizeOptions, bool, VectorWidth)"/>,
/// <see cref="Utf8CleanScanner.NextStop(ReadOnlySpan{byte}, int, VectorWidth)"/>) with two 256-bit registers per block
/// (AVX2, the default native binary) and one 512-bit register against the byte-by-byte answer, every width this machine
/// accelerates run directly: on real text, and with what the cleaner changes planted at every offset around the 64-byte
/// blocks and their 32-byte halves.
/// </summary>
public class CleanScanWidthTests
{
    private static readonly NormalizeOptions[] Options =
        (from collapse in new[] { true, false }
         from max in new[] { 0, 1, 2, 5, 63, 64, 65 }
         select new NormalizeOptions { CollapseSpaces = collapse, MaxConsecutiveNewlines = max }).ToArray();

    // What the cleaner or NFC changes, multi-byte characters that look like them, and runs that cross a block edge.
    private static readonly string[] Pieces =
    [
        " ", "  ", "   ", "\t", "\r", "\r\n", "\n", "\n\n", "\n\n\n", " \n", "\n ", "\r\n\r\n\r\n", "\u0000", "\u001F", "\u007F",
        "\u0080", "\u009F", "\u00A0", "\u00A1", "\u00AD", "\u00E9", "\u1680", "\u1681", "\u2000", "\u200B", "\u200C", "\u200E",
        "\u2010", "\u2027", "\u2028", "\u202F", "\u205F", "\u2060", "\u2061", "\u3000", "\u3001", "\u3029", "\u302A", "\u3099",
        "\uFEFF", "\uFF01", "\uFF5F", "\uAC00", "\uD7A3", "\uD7A4", "\u1100\u1161", "e\u0301", "\u0301", "😀", "ㅋ", "㎡",
        new string(' ', 40), new string('\n', 70), string.Concat(Enumerable.Repeat(" \n", 20)), string.Concat(Enumerable.Repeat("\u00A0", 30)),
    ];

    [SharedDataFact]
    public void CorpusTextsGiveTheScalarAnswerAtEveryWidth()
    {
        var files = new[] { "ko-wiki.jsonl.gz", "ko-petitions.jsonl.gz", "ko-nsmc-reviews.jsonl.gz", "en-web-cc.jsonl.gz", "en-wiki.jsonl.gz", "ko-en-parallel-news.jsonl.gz" };
        var texts = files.SelectMany(f => CorpusReader.Read(f, limit: 300)).Select(d => Encoding.UTF8.GetBytes(d.Text)).ToList();
        Assert.True(texts.Count >= 1500, $"only {texts.Count} corpus texts");
        var findings = new int[3];
        foreach (var text in texts)
        {
            foreach (var options in Options)
            {
                findings[(int)AssertSameScan(text, options, checkNfc: true)]++;
                AssertSameScan(text, options, checkNfc: false);
            }
            AssertSameStops(text);
        }
        // Real text reaches every finding, so each path's early returns were compared too.
        Assert.All(findings, count => Assert.True(count > 0, string.Join(", ", findings)));
    }

    [Fact]
    public void EveryPieceAtEveryOffsetAroundTheBlockEdgesGivesTheScalarAnswer()
    {
        var bases = new[] { "대한민국은 민주공화국이다. 모든 권력은 국민으로부터 나온다.", "The quick brown fox jumps over the lazy dog, again and again." };
        foreach (var piece in Pieces)
        {
            for (var offset = 0; offset <= 200; offset++)
            {
                // ASCII, or three-byte Hangul then ASCII: the piece (and the characters around it) starts on every byte of the
                // first three blocks, so multi-byte sequences, pairs and runs are split at every block and half-block edge.
                var ascii = new string('x', offset);
                var hangul = string.Concat(Enumerable.Repeat("가", offset / 3)) + new string('y', offset % 3);
                foreach (var prefix in new[] { ascii, hangul })
                {
                    foreach (var suffix in new[] { "", bases[offset % 2], bases[0] + bases[1] + bases[0] })
                    {
                        var text = Encoding.UTF8.GetBytes(prefix + piece + suffix);
                        var options = Options[(offset + suffix.Length) % Options.Length];
                        AssertSameScan(text, options, checkNfc: true);
                        AssertSameScan(text, options, checkNfc: false);
                        AssertSameStops(text);
                    }
                }
            }
        }
    }

    [Fact]
    public void LineBreakRunsOfEveryLengthAtEveryOffsetGiveTheScalarAnswer()
    {
        // The run-length test carries runs from block to block: runs of 1..140 line breaks (or CR LF pairs) starting anywhere.
        foreach (var max in new[] { 1, 2, 3, 31, 32, 33, 63, 64, 65, 100 })
        {
            var options = new NormalizeOptions { MaxConsecutiveNewlines = max };
            for (var offset = 0; offset < 130; offset += 3)
            {
                for (var run = 1; run <= 140; run += run < 70 ? 1 : 7)
                {
                    foreach (var lineBreak in new[] { "\n", "\r\n" })
                    {
                        var text = Encoding.UTF8.GetBytes(new string('a', offset) + string.Concat(Enumerable.Repeat(lineBreak, run)) + new string('b', 70));
                        AssertSameScan(text, options, checkNfc: true);
                    }
                }
            }
        }
    }

    [Fact]
    public void RandomTextsOfPiecesGiveTheScalarAnswer()
    {
        var random = new Random(20261206);
        var words = new[] { "word ", "단어 ", "한국어", "text", ". ", ", ", "“인용”", "1948", "漢字" };
        for (var round = 0; round < 4000; round++)
        {
            var builder = new StringBuilder();
            var parts = random.Next(1, 60);
            for (var k = 0; k < parts; k++)
            {
                builder.Append(random.Next(5) == 0 ? Pieces[random.Next(Pieces.Length)] : words[random.Next(words.Length)]);
            }
            var text = Encoding.UTF8.GetBytes(builder.ToString());
            var options = Options[random.Next(Options.Length)];
            AssertSameScan(text, options, checkNfc: round % 2 == 0);
            AssertSameStops(text);
        }
    }

    private static Utf8CleanScanner.Finding AssertSameScan(byte[] text, NormalizeOptions options, bool checkNfc)
    {
        var expected = Utf8CleanScanner.Scan(text, options, checkNfc, VectorWidth.None);
        foreach (var width in VectorWidths.Accelerated)
        {
            var actual = Utf8CleanScanner.Scan(text, options, checkNfc, width);
            if (actual != expected)
            {
                Assert.Fail($"{width} scan gives {actual}, scalar {expected} ({text.Length} bytes, checkNfc {checkNfc}, collapse {options.CollapseSpaces}, "
                    + $"max {options.MaxConsecutiveNewlines}, text {Convert.ToHexString(text.AsSpan(0, Math.Min(text.Length, 300)))})");
            }
        }
        return expected;
    }

    // Walks the text from stop to stop the way the cleaner does, asking every width at each character boundary it visits.
    private static void AssertSameStops(byte[] text)
    {
        var at = 0;
        while (at < text.Length)
        {
            var expected = Utf8CleanScanner.NextStop(text, at, VectorWidth.None);
            foreach (var width in VectorWidths.Accelerated)
            {
                var actual = Utf8CleanScanner.NextStop(text, at, width);
                if (actual != expected)
                {
                    Assert.Fail($"{width} NextStop from {at} gives {actual}, scalar {expected} ({text.Length} bytes, text "
                        + $"{Convert.ToHexString(text.AsSpan(0, Math.Min(text.Length, 300)))})");
                }
            }
            at = expected > at ? expected : at + 1;
            while (at < text.Length && (text[at] & 0xC0) == 0x80)
            {
                at++;
            }
        }
    }
}
