using System.Text;
using DataPrep.Documents;
using DataPrep.Stages.Quality;
using DataPrep.Tests.Shared;
using DataPrep.Tests.Support;
using Xunit;

namespace DataPrep.Tests.Stages.Quality;

/// <summary>
/// The character pass reads blocks of 32 ASCII characters from their class masks; everything else character by
/// character. Both ways must give the same analysis: every count, word, core, flag and line, and so every decision.
/// </summary>
public sealed class DocumentAnalysisAsciiBlockTests
{
    // Pieces that meet block boundaries in every combination: ASCII words and punctuation, runs of dots, sentence
    // marks before each kind of follower, every white space, CRLF, NBSP, Hangul, jamo, emoji, lone surrogates,
    // replacement characters, full-width forms, Latin-1 letters and a word longer than a C4 line allows.
    private static readonly string[] Pieces =
    [
        "the", "Word", "x", "a1b2", "2024", " ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\f", "\v", ".", "..", "...", "....",
        "!", "?", "#", "##", "{", "}", "(x)", ")", "\"", "'", "\"quoted.\"", "end.", "end!", "end?)", "-", "•", "e.g.", "U.S.",
        "\u00A0", "\u3000", "\u2028", "한국어", "입니다.", "했다", "ㅋㅋ", "😀", "\uD83D", "\uDE00", "\uFFFD", "…", "”", "’", "。",
        "ｆｕｌｌ", "１２", "é", "café", "Ã©", "Ω", "中文", "カナ", "два", new string('w', 1001), "http://a.b/c?d=e", "--", "~",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void BlocksGiveTheSameAnalysisAsCharacterByCharacterOnMixedText(int seed)
    {
        var random = new Random(seed);
        for (var document = 0; document < 400; document++)
        {
            var text = new StringBuilder();
            var pieces = random.Next(0, 120);
            // Mostly plain ASCII prose, so that many blocks are all ASCII and meet the other pieces at their edges.
            for (var p = 0; p < pieces; p++)
            {
                text.Append(random.Next(3) == 0 ? Pieces[random.Next(Pieces.Length)] : Pieces[random.Next(8)]);
            }
            AssertSameAnalysis(text.ToString());
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("                                                                ")]
    [InlineData("\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\nend")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.. next words of the second block are here")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.. next words of the second block are here")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa. next words of the second block are here")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.” next words of the second block are here")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.x next words of the second block are here")]
    [InlineData("first line of text here, ok...\r\nsecond line of text here, ok.\r\n\r\nthird paragraph!")]
    [InlineData("- a bullet line that is long enough\n- another bullet line that is long enough\n- a third one")]
    [InlineData("tab\tseparated\tcolumns\tof\tascii\ttext\tin\tone\tline\tthat\tgoes\ton\tand\ton")]
    [InlineData("The quick brown fox jumps over the lazy dog.  The quick brown fox jumps over the lazy dog.")]
    [InlineData("#hash {curly} #hash {curly} #hash {curly} #hash {curly} #hash {curly} #hash {curly}")]
    [InlineData("exactly thirty-two chars here.!")]
    [InlineData("exactly thirty-two chars here. ?")]
    public void BlocksGiveTheSameAnalysisAsCharacterByCharacterOnEdgeCases(string text) => AssertSameAnalysis(text);

    [Fact]
    public void ALongWordAcrossBlocksMarksItsLineAndKeepsItsCore()
    {
        var text = "start (" + new string('a', 1001) + "), end of the line\nnext line";

        AssertSameAnalysis(text);
        var analysis = DocumentAnalysis.AnalyzeUncached(text, asciiBlocks: true);
        Assert.True((analysis.Lines[0].Flags & LineFlags.HasLongWord) != 0);
        Assert.Equal(1001, analysis.Words[1].CoreLength);
    }

    [Fact]
    public void ABlockCountsEveryClassOfCharacter()
    {
        var text = "Two words. #1 {x}! Is it? Yes...\nNew line\tand tab 42 ";

        var analysis = DocumentAnalysis.AnalyzeUncached(text, asciiBlocks: true);

        AssertSameAnalysis(text);
        Assert.Equal(12, analysis.WordCount);
        Assert.Equal(2, analysis.LineCount);
        Assert.Equal(1, analysis.Newlines);
        Assert.Equal(1, analysis.HashChars);
        Assert.Equal(1, analysis.CurlyBrackets);
        Assert.Equal(1, analysis.Ellipses);
        Assert.Equal(3, analysis.Digits);
        Assert.Equal(4, analysis.Lines[0].Sentences);
    }

    [Fact]
    public void InvalidUtf8ReplacedByTheReaderIsAnalysedAsReplacementCharacters()
    {
        var invalid = Encoding.UTF8.GetBytes("plain ascii words before the bad bytes and some after them ").Concat(new byte[] { 0xC3, 0x28, 0xFF, 0x20 })
            .Concat(Encoding.UTF8.GetBytes("and more plain ascii words after the bad bytes, for a block")).ToArray();
        // Readers hand over valid UTF-8: each invalid sequence became U+FFFD's three bytes.
        var bytes = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(invalid));
        var document = Document.FromUtf8("bad", bytes);

        var analysis = DocumentAnalysis.Of(document);

        Assert.Equal(2, analysis.ReplacementChars);
        Assert.Equal(Describe(DocumentAnalysis.AnalyzeUncached(Encoding.UTF8.GetString(bytes), asciiBlocks: false)), Describe(analysis));
    }

    [Fact]
    public void AReusedAnalysisAllocatesNothingPerDocument()
    {
        var texts = new[] { "The cat and the dog. " + string.Concat(Enumerable.Repeat("the same words again and again ", 40)), "한국어 문장입니다. 그리고 the end..." };
        var analysis = DocumentAnalysis.AnalyzeUncached(texts[0], asciiBlocks: true);
        // Warm up: the buffers grow to these documents' sizes once.
        foreach (var text in texts)
        {
            Sum(DocumentAnalysis.AnalyzeUncached(text, asciiBlocks: true, analysis));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 10; round++)
        {
            foreach (var text in texts)
            {
                Sum(DocumentAnalysis.AnalyzeUncached(text, asciiBlocks: true, analysis));
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static long Sum(DocumentAnalysis a) => a.WordCount + a.DuplicateLines + a.TopNGramChars(2) + a.RepeatedFiveGramCoverage();
    }

    [SharedDataTheory]
    [InlineData("en-wiki.jsonl.gz")]
    [InlineData("ko-wiki.jsonl.gz")]
    [InlineData("en-web-cc.jsonl.gz")]
    [InlineData("ko-petitions.jsonl.gz")]
    public void BlocksGiveTheSameAnalysisAsCharacterByCharacterOnRealText(string corpus)
    {
        foreach (var document in CorpusReader.Read(corpus, limit: 300))
        {
            AssertSameAnalysis(document.Text);
        }
    }

    private static void AssertSameAnalysis(string text)
    {
        var expected = Describe(DocumentAnalysis.AnalyzeUncached(text, asciiBlocks: false));
        var actual = Describe(DocumentAnalysis.AnalyzeUncached(text, asciiBlocks: true));
        Assert.Equal(expected, actual);
    }

    // Everything a rule can read, as text, so a difference shows where it is.
    internal static string Describe(DocumentAnalysis a)
    {
        var text = new StringBuilder();
        text.Append($"length {a.Length} words {a.WordCount} lines {a.LineCount}\n");
        text.Append($"nonsymbol {a.NonSymbolWords}/{a.NonSymbolCoreChars} hangul {a.HangulNonSymbolWords}/{a.HangulCoreChars} latin {a.LatinNonSymbolWords}/{a.LatinCoreChars}\n");
        text.Append($"alpha {a.AlphaWords} stop {a.EnglishStopWords} hangulwords {a.HangulWords} latinonly {a.LatinOnlyWords} particles {a.ParticleWords} mask {a.CaseParticleMask}\n");
        text.Append($"newlines {a.Newlines} ws {a.WhitespaceChars} hash {a.HashChars} ellipses {a.Ellipses} curly {a.CurlyBrackets} syllables {a.HangulSyllables} jamo {a.CompatibilityJamo}\n");
        text.Append($"latin {a.LatinLetters} han {a.HanLetters} kana {a.KanaLetters} cyrillic {a.CyrillicLetters} letters {a.Letters} digits {a.Digits} fffd {a.ReplacementChars} mojibake {a.MojibakeChars}\n");
        text.Append($"terminal {a.TerminalLines} fineweb {a.FineWebTerminalLines} ellipsislines {a.EllipsisLines} bullets {a.BulletLines} paragraphs {a.ParagraphCount}\n");
        text.Append($"duplicates {a.DuplicateLines}/{a.DuplicateLineChars} {a.DuplicateParagraphs}/{a.DuplicateParagraphChars} ngramwords {a.NGramWords}\n");
        text.Append($"top {a.TopNGramChars(2)} {a.TopNGramChars(3)} {a.TopNGramChars(4)} bounds {a.TopNGramCharsUpperBound(3)} {a.TopNGramCharsUpperBound(4)} five {a.RepeatedFiveGramCoverage()}\n");
        for (var n = 5; n <= 10; n++)
        {
            text.Append($"dup{n} {a.DuplicateNGramChars(n)} ");
        }
        text.Append('\n');
        foreach (var w in a.Words)
        {
            text.Append($"w {w.Start} {w.Length} {w.CoreStart} {w.CoreLength} {w.Flags}\n");
        }
        foreach (var l in a.Lines)
        {
            text.Append($"l {l.Start} {l.Length} {l.FirstWord} {l.Words} {l.Sentences} {l.Flags}\n");
        }
        return text.ToString();
    }
}
