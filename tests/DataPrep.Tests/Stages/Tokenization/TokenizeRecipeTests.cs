using DataPrep.Configuration;
using DataPrep.Execution;
using DataPrep.Stages.Tokenization;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Tokenization;

public sealed class TokenizeRecipeTests
{
    [Fact]
    public async Task TokenizeRecipeRunsOnSampleDataAndWritesAMegatronDatasetOfEveryKeptDocument()
    {
        var root = TestPaths.RepositoryRoot;
        var output = TestPaths.NewTempDirectory();
        // The dataset prefix is relative to the output folder, so --output moves it too.
        var prefix = Path.Combine(output, "run", "megatron", "o200k");
        // The recipe as shipped, with the model path made absolute.
        var yaml = File.ReadAllText(Path.Combine(root, "configs", "tokenize.yaml"))
            .Replace("../shared/tokenizers/", TestPaths.Tokenizers + "/", StringComparison.Ordinal);
        var config = PipelineConfig.Parse(yaml, "tokenize.yaml", TestPaths.Configs)
            .WithOverrides([Path.Combine(root, "sample-data", "*.jsonl")], Path.Combine(output, "run"));

        var stats = await PipelineDefinition.FromConfig(config).RunAsync();

        Assert.True(stats.Reconciled);
        var reader = IndexedDatasetReader.Open(prefix);
        Assert.Equal(stats.Kept, reader.SequenceLengths.Count);
        Assert.All(Enumerable.Range(0, reader.SequenceLengths.Count), i => Assert.Equal(199999, reader.ReadSequence(i)[^1]));
    }
}
