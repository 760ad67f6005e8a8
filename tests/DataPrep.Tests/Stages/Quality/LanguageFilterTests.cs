using DataPrep.Documents;
using DataPrep.Stages.Quality;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Quality;

public class LanguageFilterTests
{
    private static readonly LanguageFilter Filter = new(new LanguageFilterOptions());

    private static Document With(string? language, double score)
    {
        var document = Some.Document("text");
        if (language is not null)
        {
            document.Metadata[MetadataKeys.Language] = language;
            document.Metadata[MetadataKeys.LanguageScore] = score;
        }
        return document;
    }

    [Fact]
    public void ListedLanguageAboveTheScoreIsKept() =>
        Assert.Single(StageHarness.Run(Filter, With("ko", 0.9)).Kept);

    [Fact]
    public void UnlistedLanguageIsRejectedAsNotListed() =>
        Assert.Equal("quality.language.not_listed", StageHarness.Run(Filter, With("ja", 0.99)).SingleCode);

    [Fact]
    public void LowScoreIsRejectedAsLowScore() =>
        Assert.Equal("quality.language.low_score", StageHarness.Run(Filter, With("en", 0.4)).SingleCode);

    [Fact]
    public void DocumentWithoutLanguageIsRejectedAsMissing() =>
        Assert.Equal("quality.language.missing", StageHarness.Run(Filter, With(null, 0)).SingleCode);
}
