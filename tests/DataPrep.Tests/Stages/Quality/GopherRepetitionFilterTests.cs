using DataPrep.Stages.Quality;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Quality;

public class GopherRepetitionFilterTests
{
    private static readonly GopherRepetitionFilter Filter = new(new GopherRepetitionOptions());

    private static readonly double[] NoTop = [1, 1, 1];
    private static readonly double[] NoDuplicate = [1, 1, 1, 1, 1, 1];

    private static string Reject(string text, GopherRepetitionFilter? filter = null) =>
        StageHarness.Run(filter ?? Filter, Some.Document(text)).SingleCode;

    /// <summary>A filter where only the n-gram rule under test is active, so a plain repeated phrase
    /// trips exactly that rule.</summary>
    private static GopherRepetitionFilter OnlyNGramRule(int n)
    {
        var top = (double[])NoTop.Clone();
        var duplicate = (double[])NoDuplicate.Clone();
        if (n <= 4)
        {
            top[n - 2] = new[] { 0.20, 0.18, 0.16 }[n - 2];
        }
        else
        {
            duplicate[n - 5] = new[] { 0.15, 0.14, 0.13, 0.12, 0.11, 0.10 }[n - 5];
        }
        return new GopherRepetitionFilter(new() { English = new() { MaxTopNGramCharRatios = top, MaxDuplicateNGramCharRatios = duplicate } });
    }

    [Fact]
    public void CleanEnglishKoreanAndMixedProsePass()
    {
        var result = StageHarness.Run(Filter, Some.Document(QualityTexts.English), Some.Document(QualityTexts.Korean), Some.Document(QualityTexts.Mixed));
        Assert.Empty(result.Rejections);
    }

    [Fact]
    public void RepeatedLinesAreRejectedAsDuplicateLines() =>
        Assert.Equal("quality.gopher_repetition.duplicate_lines", Reject("buy now\nbuy now\nbuy now\nfree shipping today"));

    [Fact]
    public void RepeatedParagraphIsRejectedAsDuplicateParagraphs() =>
        Assert.Equal("quality.gopher_repetition.duplicate_paragraphs",
            Reject("short note\n\n" + string.Join('\n', QualityTexts.English.Split('\n')[..5]) + "\n\nshort note"));

    [Fact]
    public void RepeatedLongLineIsRejectedAsDuplicateLineChars()
    {
        var lines = QualityTexts.English.Split('\n');
        var text = string.Join('\n', lines[0], "one", "two", "three", "four", "five", "six", lines[0]);
        Assert.Equal("quality.gopher_repetition.duplicate_line_chars", Reject(text));
    }

    [Fact]
    public void RepeatedParagraphOfShortLinesIsRejectedAsDuplicateParagraphChars()
    {
        // Ten one-character lines repeated as a paragraph: 10 of 34 lines (≤ 30%) and 1 of 4 paragraphs
        // are duplicates, 10 characters of lines (≤ 20%) but 19 characters of paragraph (> 20%).
        var digits = string.Join('\n', "0123456789".Select(c => c.ToString()));
        var letters1 = string.Join('\n', "abcdefg".Select(c => c.ToString()));
        var letters2 = string.Join('\n', "hijklmn".Select(c => c.ToString()));
        var text = string.Join("\n\n", digits, letters1, letters2, digits);
        Assert.Equal("quality.gopher_repetition.duplicate_paragraph_chars", Reject(text));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void DominantPhraseIsRejectedAsTopNGram(int n)
    {
        var phrase = string.Join(' ', QualityTexts.DistinctWords(n, length: 7, seed: 1).Split(' '));
        var text = string.Join(' ', Enumerable.Repeat(phrase, 4)) + " " + QualityTexts.DistinctWords(10, seed: 2);
        Assert.Equal($"quality.gopher_repetition.top_{n}gram", Reject(text, OnlyNGramRule(n)));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    public void RepeatedPassageIsRejectedAsDuplicateNGrams(int n)
    {
        var passage = QualityTexts.DistinctWords(12, seed: 3);
        var text = passage + " " + QualityTexts.DistinctWords(8, seed: 4) + " " + passage;
        Assert.Equal($"quality.gopher_repetition.duplicate_{n}grams", Reject(text, OnlyNGramRule(n)));
    }

    [Fact]
    public void DefaultThresholdsCatchARepeatedPhraseWithTheFirstNGramRule() =>
        Assert.Equal("quality.gopher_repetition.top_2gram", Reject("click here click here click here to win a prize today"));

    [Fact]
    public void KoreanUsesTheLooserFineWeb2Thresholds()
    {
        // Duplicate lines 1 of 3 (0.33): over English's 0.30, under Korean's 0.374; the long line keeps characters low.
        var english = "a b\n" + QualityTexts.English.Replace('\n', ' ') + "\na b";
        Assert.Equal("quality.gopher_repetition.duplicate_lines", Reject(english));
        var korean = "가 나\n" + QualityTexts.Korean.Replace('\n', ' ') + "\n가 나";
        Assert.Empty(StageHarness.Run(Filter, Some.Document(korean)).Rejections);
    }
}
