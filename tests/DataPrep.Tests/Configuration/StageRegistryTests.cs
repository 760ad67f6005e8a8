using DataPrep.Configuration;
using DataPrep.Stages.Normalize;
using DataPrep.Stages.Pii;

namespace DataPrep.Tests.Configuration;

/// <summary>Built-in stages are described only when looked up, and a table name that disagrees with the attribute is caught.</summary>
public class StageRegistryTests
{
    [Fact]
    public void ABuiltInStageIsDescribedOnlyWhenItsNameIsLookedUp()
    {
        var described = new List<string>();
        var registry = new StageRegistry()
            .AddBuiltIn("Normalize", () => { described.Add("Normalize"); return StageDescriptor.For<NormalizeStage>(); })
            .AddBuiltIn("PiiScrub", () => { described.Add("PiiScrub"); return StageDescriptor.For<PiiScrubber>(); });

        Assert.Equal(["Normalize", "PiiScrub"], registry.Names);
        Assert.Empty(described);

        Assert.True(registry.TryGet("piiscrub", out var pii));
        Assert.True(registry.TryGet("PiiScrub", out var again));
        Assert.Equal(typeof(PiiScrubber), pii.StageType);
        Assert.Same(pii, again);
        Assert.Equal(["PiiScrub"], described);

        Assert.Equal(2, registry.Stages.Count);
        Assert.Equal(["PiiScrub", "Normalize"], described);
    }

    [Fact]
    public void ABuiltInNameThatDiffersFromTheStageAttributeNamesBoth()
    {
        var registry = new StageRegistry().AddBuiltIn("Normalise", () => StageDescriptor.For<NormalizeStage>());

        var error = Assert.Throws<InvalidOperationException>(() => registry.TryGet("Normalise", out _));
        Assert.Contains("'Normalise'", error.Message);
        Assert.Contains("'Normalize'", error.Message);
    }
}
