using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.Execution;
using DataPrep.IO;
using DataPrep.Pipeline;
using DataPrep.Stages.Normalize;
using DataPrep.Tests.Support;

namespace DataPrep.Tests;

/// <summary>The library example of README.md, with paths made absolute.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task TheReadmeLibraryExampleRuns()
    {
        var root = TestPaths.RepositoryRoot;
        var output = TestPaths.NewTempDirectory();

        var config = PipelineConfig.Load(Path.Combine(root, "configs/default.yaml"))
            .WithOverrides([Path.Combine(root, "sample-data/*.jsonl")], Path.Combine(output, "from-code"));
        var stats = await PipelineDefinition.FromConfig(config).RunAsync();
        Assert.True(stats.Reconciled);
        Assert.True(stats.Kept > 0);

        var pipeline = new PipelineBuilder()
            .ReadFrom(new InputOptions { Path = [Path.Combine(root, "sample-data/*.jsonl")] })
            .Add(new NormalizeStage(new NormalizeOptions()))
            .WriteTo(new OutputOptions { Path = Path.Combine(output, "builder") })
            .Build();
        var built = await pipeline.RunAsync();
        Assert.True(built.Reconciled);

        static async IAsyncEnumerable<Document> Source()
        {
            yield return new Document("a", "한국어  문장입니다.\r\n");
            await Task.Yield();
            yield return new Document("b", "   ");
        }
        var kept = new List<Document>();
        await foreach (var document in StreamingPipeline.RunAsync(Source(), [new NormalizeStage(new NormalizeOptions())]))
        {
            kept.Add(document);
        }
        Assert.Equal("한국어 문장입니다.", Assert.Single(kept).Text);
    }
}
