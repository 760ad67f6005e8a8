using DataPrep.Stages.Quality;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Quality;

public class FineWebQualityFilterTests
{
    private static readonly FineWebQualityFilter Filter = new(new FineWebQualityOptions());

    private static string Reject(string text) => StageHarness.Run(Filter, Some.Document(text)).SingleCode;

    [Fact]
    public void CleanEnglishKoreanAndMixedProsePass() =>
        Assert.Empty(StageHarness.Run(Filter, Some.Document(QualityTexts.English), Some.Document(QualityTexts.Korean), Some.Document(QualityTexts.Mixed)).Rejections);

    [Fact]
    public void BlankDocumentIsRejectedAsEmpty() => Assert.Equal("quality.fineweb.empty", Reject(" \n \n"));

    [Fact]
    public void LinesWithoutPunctuationAreRejectedAsLinePunctuation()
    {
        var text = string.Join('\n', QualityTexts.English.Split('\n').Select(line => line.TrimEnd('.')));
        Assert.Equal("quality.fineweb.line_punctuation", Reject(text));
    }

    [Fact]
    public void MenuOfShortLinesIsRejectedAsShortLines()
    {
        var text = QualityTexts.English.Split('\n')[0] + "\nHome.\nAbout us.\nContact.\nShop now.\nNews.";
        Assert.Equal("quality.fineweb.short_lines", Reject(text));
    }

    [Fact]
    public void ARepeatedLineIsRejectedAsDuplicateLineChars() =>
        Assert.Equal("quality.fineweb.duplicate_line_chars", Reject(QualityTexts.English + "\nShare this article.\nShare this article."));

    [Fact]
    public void OneWordPerLineIsRejectedAsNewlineRatio()
    {
        // Long enough lines (no short-line rule) holding one word each: one newline per word.
        var words = QualityTexts.DistinctWords(12, length: 32).Split(' ');
        Assert.Equal("quality.fineweb.newline_ratio", Reject(string.Join('\n', words.Select(w => w + "."))));
    }

    [Fact]
    public void KoreanShortLinesAreMeasuredAgainstTheDenserKoreanLength()
    {
        // Lines of 16-29 characters: short for English (30), not for Korean (15).
        var text = "시장은 새벽부터 사람들로 붐빈다.\n상인들은 가게 문을 일찍 연다.\n손님들은 물건을 천천히 고른다.\n관광객도 많이 찾아오게 되었다.";
        Assert.Empty(StageHarness.Run(Filter, Some.Document(text)).Rejections);
    }
}
