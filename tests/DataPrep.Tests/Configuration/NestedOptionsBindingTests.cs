using DataPrep.Configuration;
using DataPrep.Stages.Pii;
using DataPrep.Stages.Quality;

namespace DataPrep.Tests.Configuration;

/// <summary>Records nested inside a stage's options (per-language thresholds, per-PII-type settings) bind by the top level's rules.</summary>
public class NestedOptionsBindingTests
{
    [Fact]
    public void MisspeltOptionInsideANestedBlockIsNamedWithItsPathAndTheNearestName()
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfig.Parse("""
            stages:
              - Normalize
              - GopherQuality: { english: { minWord: 10 } }
            """, "nested.yaml"));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("stages[1].GopherQuality.english.minWord", problem.Path);
        Assert.StartsWith("unknown option 'minWord'. Did you mean 'minWords'", problem.Message);
        Assert.DoesNotContain("expected a mapping", error.Message);
    }

    [Fact]
    public void EveryProblemInNestedBlocksIsReportedTogetherWithTheTopLevelOnes()
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfig.Parse("""
            stages:
              - GopherQuality: { english: { minWord: 10, maxWords: lots }, korean: { minWords: 5 }, englsh: {} }
              - PiiScrub: { phone: { acton: mask }, email: { action: shout } }
            """));
        Assert.Equal(
            [
                "stages[0].GopherQuality.english.minWord",
                "stages[0].GopherQuality.english.maxWords",
                "stages[0].GopherQuality.englsh",
                "stages[1].PiiScrub.phone.acton",
                "stages[1].PiiScrub.email.action",
            ],
            error.Problems.Select(p => p.Path));
        Assert.Contains("expected a whole number or null, got the string \"lots\"", error.Problems[1].Message);
        Assert.Contains("Did you mean 'english'", error.Problems[2].Message);
        Assert.Contains("Did you mean 'action'", error.Problems[3].Message);
        Assert.Contains("one of 'tag', 'mask', 'hash', 'reject'", error.Problems[4].Message);
    }

    [Fact]
    public void NestedNamesMatchIgnoringCaseAndUnsetValuesKeepTheirDefaults()
    {
        var config = PipelineConfig.Parse("""
            stages:
              - GopherQuality: { English: { MINWORDS: 10 } }
              - FineWebQuality: { korean: { shortLineLength: 12 } }
              - PiiScrub: { Phone: { Action: Mask } }
            """);
        var gopher = Assert.IsType<GopherQualityOptions>(config.Stages[0].Options);
        Assert.Equal(10, gopher.English.MinWords);
        Assert.Null(gopher.English.MaxWords);
        Assert.Equal(new GopherQualityOptions().Korean, gopher.Korean);
        var fineWeb = Assert.IsType<FineWebQualityOptions>(config.Stages[1].Options);
        Assert.Equal(12, fineWeb.Korean.ShortLineLength);
        Assert.Equal(new FineWebQualityOptions().English, fineWeb.English);
        var pii = Assert.IsType<PiiScrubOptions>(config.Stages[2].Options);
        Assert.Equal(PiiAction.Mask, pii.ActionFor(PiiType.Phone));
    }

    [Fact]
    public void AValueWhereANestedBlockBelongsSaysWhichOptionsTheBlockHas()
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfig.Parse("""
            stages:
              - GopherQuality: { english: 10 }
            """));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("stages[0].GopherQuality.english", problem.Path);
        Assert.Contains("expected a mapping", problem.Message);
        Assert.Contains("got the number 10", problem.Message);
    }
}
