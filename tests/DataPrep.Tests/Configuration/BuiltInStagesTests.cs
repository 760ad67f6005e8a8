using System.Reflection;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Tests.Configuration;

/// <summary>The stage names configs bind against: the explicit table of DataPrep's own stages (what the native binary uses instead of scanning the assembly)
/// against what a scan finds.</summary>
public class BuiltInStagesTests
{
    private static readonly Assembly Library = typeof(StageRegistry).Assembly;

    [Fact]
    public void EveryStageAttributedClassOfTheLibraryIsInTheBuiltInTable()
    {
        var registered = StageRegistry.CreateDefault().Stages.Select(s => s.StageType).ToHashSet();
        var missing = Library.GetTypes()
            .Where(t => !t.IsAbstract && t.GetCustomAttribute<StageAttribute>() is not null && !registered.Contains(t))
            .Select(t => $"{t.FullName} ([Stage(\"{t.GetCustomAttribute<StageAttribute>()!.Name}\")])")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0,
            "Stages with [Stage] that src/DataPrep/Pipeline/BuiltInStages.cs does not list (add one .Add<TheStage>() line each, " +
            "and the options record to Configuration/OptionsJsonContext.cs): " + string.Join(", ", missing));
    }

    [Fact]
    public void TheBuiltInTableEqualsAScanOfTheLibraryByReflection()
    {
        var scanned = new StageRegistry().AddAssembly(Library).Stages;
        var table = StageRegistry.CreateDefault().Stages;
        Assert.Equal(scanned.Select(Describe), table.Select(Describe));
    }

    [Fact]
    public void AddingAClassWithoutTheStageAttributeNamesTheClass()
    {
        var error = Assert.Throws<ArgumentException>(() => new StageRegistry().Add<UnmarkedStage>());
        Assert.Contains(nameof(UnmarkedStage), error.Message);
        Assert.Contains("[Stage]", error.Message);
    }

    private static string Describe(StageDescriptor d) =>
        $"{d.Name} {d.StageType.FullName} {d.OptionsType.FullName} family {d.Family} [{string.Join(",", d.RejectionReasons.Select(r => r.Code))}] {d.Description}";

    public sealed class UnmarkedStage : IStage
    {
        public string Id => "test.unmarked";

        public IAsyncEnumerable<DataPrep.Documents.Document> RunAsync(IAsyncEnumerable<DataPrep.Documents.Document> input, StageContext context,
            CancellationToken cancellationToken) => input;
    }
}
