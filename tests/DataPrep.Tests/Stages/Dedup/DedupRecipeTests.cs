using DataPrep.Configuration;
using DataPrep.Execution;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Dedup;

/// <summary>configs/dedup.yaml end to end over the sample data, whose dedup cases name their original (<c>dup_of</c>).</summary>
public sealed class DedupRecipeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task RecipeRemovesEveryMarkedCopyAsDuplicateOfItsOriginalAndNothingElse(int worldSize)
    {
        var output = TestPaths.NewTempDirectory();
        var config = PipelineConfig.Load(Path.Combine(TestPaths.Configs, "dedup.yaml"))
            .WithOverrides(inputPaths: [Path.Combine(TestPaths.SampleData, "docs.jsonl")], outputPath: output);

        var stats = await PipelineDefinition.FromConfig(config).RunAsync(worldSize: worldSize);

        Assert.True(stats.Reconciled);
        var expected = TestFiles.ReadOutput(output).Concat(TestFiles.ReadRejected(output))
            .Where(e => e.TryGetProperty("dup_of", out _) || (e.TryGetProperty("metadata", out var m) && m.TryGetProperty("dup_of", out _)))
            .ToList();
        var duplicates = TestFiles.ReadRejected(output)
            .Where(r => r.GetProperty("reason").GetString()!.StartsWith("dedup.", StringComparison.Ordinal))
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("duplicate_of").GetString());
        Assert.Equal(5, expected.Count);
        foreach (var record in expected)
        {
            var id = record.GetProperty("id").GetString()!;
            var dupOf = (record.TryGetProperty("metadata", out var m) ? m : record).GetProperty("dup_of").GetString();
            Assert.True(duplicates.TryGetValue(id, out var keptId), $"{id} was kept");
            Assert.Equal(dupOf, keptId);
        }
        Assert.Equal(5, duplicates.Count);
        Assert.Contains(TestFiles.ReadOutput(output), e => e.GetProperty("id").GetString() == "near-half-overlap-en");
    }
}
