using DataPrep.Stages.Quality;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Quality;

public class C4QualityFilterTests
{
    private static readonly C4QualityFilter Filter = new(new C4QualityOptions());

    private static string Reject(string text, C4QualityFilter? filter = null) =>
        StageHarness.Run(filter ?? Filter, Some.Document(text)).SingleCode;

    [Fact]
    public void CleanEnglishKoreanAndMixedProsePassUnchanged()
    {
        var documents = new[] { Some.Document(QualityTexts.English), Some.Document(QualityTexts.Korean), Some.Document(QualityTexts.Mixed) };
        var result = StageHarness.Run(Filter, documents);
        Assert.Empty(result.Rejections);
        Assert.Equal(QualityTexts.English, result.Kept[0].Text);
    }

    [Fact]
    public void LoremIpsumIsRejected() =>
        Assert.Equal("quality.c4.lorem_ipsum", Reject(QualityTexts.English + "\nLorem ipsum dolor sit amet, consectetur adipiscing elit."));

    [Fact]
    public void CodeIsRejectedAsCurlyBracket() =>
        Assert.Equal("quality.c4.curly_bracket", Reject(QualityTexts.English + "\nCall the setup routine init() { x = 1; } before the loop starts."));

    [Fact]
    public void FewSentencesAreRejectedAsTooFewSentences()
    {
        var result = StageHarness.Run(Filter, Some.Document("The keeper lights the lamp. The boats come home."));
        Assert.Equal("quality.c4.too_few_sentences", result.SingleCode);
        Assert.Equal("sentences=2<5", result.Rejections[0].Detail);
    }

    [Fact]
    public void LinesWithoutTerminalPunctuationDoNotCountAsSentences()
    {
        var text = string.Join('\n', QualityTexts.English.Split('\n').Select(line => line.TrimEnd('.')));
        var result = StageHarness.Run(Filter, Some.Document(text));
        Assert.Equal("quality.c4.too_few_sentences", result.SingleCode);
        Assert.Equal(7, result.Stats.Get("lines.dropped.no_terminal_punctuation"));
    }

    [Fact]
    public void KoreanSentenceEndingsCountAsTerminalPunctuation()
    {
        // The Korean text with every period removed: lines end in 다 and still count.
        var text = QualityTexts.Korean.Replace(".", "");
        Assert.Empty(StageHarness.Run(Filter, Some.Document(text)).Rejections);
    }

    [Fact]
    public void JavascriptAndPolicyLinesAreDroppedAndCounted()
    {
        var text = QualityTexts.English + "\nPlease enable JavaScript to view the comments.\nRead our privacy policy before you sign up.\n이 사이트의 이용약관을 확인하십시오.";
        var result = StageHarness.Run(Filter, Some.Document(text));
        Assert.Empty(result.Rejections);
        Assert.Equal(1, result.Stats.Get("lines.dropped.javascript"));
        Assert.Equal(2, result.Stats.Get("lines.dropped.policy"));
        Assert.Equal(text, result.Kept[0].Text);
    }

    [Fact]
    public void RemoveLinesRewritesTextToTheSurvivingLines()
    {
        var filter = new C4QualityFilter(new() { RemoveLines = true });
        var text = QualityTexts.English + "\nPlease enable JavaScript to view the comments.\nMenu";
        var result = StageHarness.Run(filter, Some.Document(text));
        Assert.Equal(QualityTexts.English, result.Kept[0].Text);
    }

    [Fact]
    public void TrailingCitationMarkersDoNotHideTerminalPunctuation()
    {
        // Scraped Wikipedia: every line ends in a reference mark. C4 removes them before its punctuation check.
        var markers = new[] { "[1]", "[12][13]", "[citation needed]", "[edit]", " [편집]", "[]" };
        var lines = QualityTexts.English.Split('\n');
        var text = string.Join('\n', lines.Select((line, i) => line + markers[i % markers.Length]));
        var result = StageHarness.Run(Filter, Some.Document(text));
        Assert.Empty(result.Rejections);
        Assert.Equal(0, result.Stats.Get("lines.dropped.no_terminal_punctuation"));
        Assert.Equal(text, result.Kept[0].Text);

        var strict = new C4QualityFilter(new() { RemoveCitations = false });
        Assert.Equal("quality.c4.too_few_sentences", StageHarness.Run(strict, Some.Document(text)).SingleCode);
    }

    [Fact]
    public void BracketsThatAreNotCitationsStillEndTheLineWithoutPunctuation()
    {
        var lines = QualityTexts.English.Split('\n');
        var text = string.Join('\n', lines.Select(line => line.TrimEnd('.') + " [photo]"));
        Assert.Equal("quality.c4.too_few_sentences", Reject(text));
    }

    [Fact]
    public void RemoveLinesAlsoRemovesCitationMarkersInsideKeptLines()
    {
        var filter = new C4QualityFilter(new() { RemoveLines = true });
        var lines = QualityTexts.English.Split('\n');
        var cited = lines.Select((line, i) => i == 0 ? line.Replace(" ", "[3] ", StringComparison.Ordinal) + "[4]" : line + "[" + i + "]");
        var result = StageHarness.Run(filter, Some.Document(string.Join('\n', cited)));
        Assert.Equal(QualityTexts.English, result.Kept[0].Text);
        Assert.True(result.Stats.Get("citations.removed") > lines.Length);
    }
}
