using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.Stages.Quality;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Quality;

public class GopherQualityFilterTests
{
    private static readonly GopherQualityFilter Filter = new(new GopherQualityOptions());

    private static string Reject(string text, GopherQualityFilter? filter = null) =>
        StageHarness.Run(filter ?? Filter, Some.Document(text)).SingleCode;

    [Fact]
    public void CleanEnglishKoreanAndMixedProsePass()
    {
        var result = StageHarness.Run(Filter, Some.Document(QualityTexts.English), Some.Document(QualityTexts.Korean), Some.Document(QualityTexts.Mixed));
        Assert.Empty(result.Rejections);
        Assert.Equal(3, result.Stats.Get("docs.out"));
    }

    [Fact]
    public void ShortDocumentIsRejectedAsTooFewWords() =>
        Assert.Equal("quality.gopher.too_few_words", Reject("The cat sat on the mat and that was the end of it."));

    [Fact]
    public void ShortKoreanDocumentIsRejectedAsTooFewWordsCountingEojeols()
    {
        var result = StageHarness.Run(Filter, Some.Document("서울의 오래된 시장은 새벽부터 사람들로 붐빈다."));
        Assert.Equal("quality.gopher.too_few_words", result.SingleCode);
        Assert.Equal("words=6<30", result.Rejections[0].Detail);
    }

    [Fact]
    public void DocumentAboveMaxWordsIsRejectedAsTooManyWords()
    {
        var filter = new GopherQualityFilter(new() { English = new() { MaxWords = 60 } });
        Assert.Equal("quality.gopher.too_many_words", Reject(QualityTexts.English, filter));
    }

    [Fact]
    public void TinyWordsAreRejectedAsShortMeanWordLength() =>
        Assert.Equal("quality.gopher.short_mean_word_length", Reject(string.Join(' ', Enumerable.Repeat("to be of a an it the and", 8))));

    [Fact]
    public void HugeWordsAreRejectedAsLongMeanWordLength() =>
        Assert.Equal("quality.gopher.long_mean_word_length", Reject("the and " + QualityTexts.DistinctWords(60, length: 14)));

    [Fact]
    public void HashtagsAreRejectedAsHashToWordRatio() =>
        Assert.Equal("quality.gopher.hash_to_word_ratio", Reject(QualityTexts.English + "\n" + string.Join(' ', Enumerable.Range(0, 20).Select(i => "#tag" + i))));

    [Fact]
    public void TrailingOffTextIsRejectedAsEllipsisToWordRatio() =>
        Assert.Equal("quality.gopher.ellipsis_to_word_ratio", Reject(QualityTexts.English.Replace(" ", "... ")));

    [Fact]
    public void BulletListIsRejectedAsBulletLines()
    {
        var lines = QualityTexts.English.Split('\n').Select(line => "- " + line);
        Assert.Equal("quality.gopher.bullet_lines", Reject(string.Join('\n', lines)));
    }

    [Fact]
    public void OneLineStartingWithADashIsNotAList()
    {
        var result = StageHarness.Run(Filter, Some.Document("- " + QualityTexts.English.Replace('\n', ' ')));
        Assert.Empty(result.Rejections);
    }

    [Fact]
    public void LinesTrailingOffAreRejectedAsEllipsisLines()
    {
        var lines = QualityTexts.English.Split('\n').Select((line, i) => i % 2 == 0 ? line.TrimEnd('.') + "..." : line);
        Assert.Equal("quality.gopher.ellipsis_lines", Reject(string.Join('\n', lines)));
    }

    [Fact]
    public void NumberTableIsRejectedAsAlphaWords()
    {
        var numbers = string.Join(' ', Enumerable.Range(1000, 40).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("quality.gopher.alpha_words", Reject("the and of " + QualityTexts.DistinctWords(20) + " " + numbers));
    }

    [Fact]
    public void KeywordSoupIsRejectedAsTooFewStopWords() =>
        Assert.Equal("quality.gopher.too_few_stop_words", Reject(QualityTexts.DistinctWords(60)));

    [Fact]
    public void KoreanWithOneParticleKindIsRejectedAsTooFewStopWords()
    {
        var text = string.Join(' ', Enumerable.Range(0, 35).Select(i => "사과" + (char)('가' + i * 28) + "는"));
        var result = StageHarness.Run(Filter, Some.Document(text));
        Assert.Equal("quality.gopher.too_few_stop_words", result.SingleCode);
        Assert.StartsWith("case_particles=1<2", result.Rejections[0].Detail);
    }

    [Fact]
    public void KoreanNounListIsRejectedAsTooFewParticles()
    {
        var nouns = string.Join(' ', Enumerable.Range(0, 40).Select(i => "상품" + (char)('감' + i * 28)));
        Assert.Equal("quality.gopher.too_few_particles", Reject("학교는 친구를 " + nouns));
    }

    [Fact]
    public void LanguageMetadataChoosesTheThresholdSet()
    {
        // 40 English-like words: too few for English (50) but enough for the Korean set (30).
        var document = Some.Document(string.Join(' ', QualityTexts.English.Split(' ').Take(40)));
        document.Metadata[MetadataKeys.Language] = "ko";
        var result = StageHarness.Run(Filter, document);
        Assert.DoesNotContain(result.Rejections, r => r.Reason.Code == "quality.gopher.too_few_words");
    }
}

public class GopherQualityConfigTests
{
    [Fact]
    public void PartialKoreanOverrideFromConfigKeepsTheOtherKoreanDefaults()
    {
        var config = DataPrep.Configuration.PipelineConfig.Parse("""
            input:  { path: "in.jsonl" }
            stages:
              - GopherQuality: { korean: { minWords: 10 } }
            output: { path: out }
            """);
        var stage = Assert.IsType<GopherQualityFilter>(PipelineDefinition.FromConfig(config).Stages[0]);
        // 17 eojeols with a mean length under 3: kept only if the Korean word-length bounds (1.8-8) still apply.
        var text = string.Join('\n', QualityTexts.Korean.Split('\n')[..2]);
        var result = StageHarness.Run(stage, Some.Document(text));
        Assert.Empty(result.Rejections);
        Assert.Equal(10, stage.Options.Korean.MinWords);
    }
}
