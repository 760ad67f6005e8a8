using DataPrep.Configuration;
using DataPrep.Stages.Normalize;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Configuration;

public class PipelineConfigTests
{
    [Fact]
    public void YamlAndJsonConfigsBindToTheSamePipeline()
    {
        var yaml = PipelineConfig.Parse("""
            input: { path: "data/*.jsonl", textField: body }
            stages:
              - Normalize
              - Normalize: { maxConsecutiveNewlines: 3, nfc: false }
            output: { path: out/, compression: zstd }
            """, "inline.yaml");
        var json = PipelineConfig.Parse("""
            { "input": { "path": ["data/*.jsonl"], "textField": "body" },
              "stages": ["Normalize", { "normalize": { "MaxConsecutiveNewlines": 3, "nfc": false } }],
              "output": { "path": "out/", "compression": "Zstd" } }
            """, "inline.json");
        foreach (var config in new[] { yaml, json })
        {
            Assert.Equal(["data/*.jsonl"], config.Input.Path);
            Assert.Equal("body", config.Input.TextField);
            Assert.Equal(2, config.Stages.Count);
            Assert.Equal(new NormalizeOptions(), config.Stages[0].Options);
            Assert.Equal(new NormalizeOptions { MaxConsecutiveNewlines = 3, Nfc = false }, config.Stages[1].Options);
            Assert.Equal(DataPrep.IO.OutputCompression.Zstd, config.Output.Compression);
        }
    }

    [Fact]
    public void UnknownStageNameListsNearestCandidates()
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfig.Parse("""
            stages:
              - Normalize
              - Normalise
            """, "c.yaml"));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("stages[1]", problem.Path);
        Assert.Contains("unknown stage 'Normalise'", problem.Message);
        Assert.Contains("Did you mean 'Normalize'", problem.Message);
        Assert.Contains("c.yaml", error.Message);
    }

    [Fact]
    public void UnknownOptionNamesItsPathAndTheNearestValidNames()
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfig.Parse("""
            stages:
              - Normalize: { maxConsecutiveNewline: 2 }
            """));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("stages[0].Normalize.maxConsecutiveNewline", problem.Path);
        Assert.Contains("'maxConsecutiveNewlines'", problem.Message);
    }

    [Fact]
    public void WrongTypeSaysWhatWasExpected()
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfig.Parse("""
            stages:
              - Normalize: { maxConsecutiveNewlines: lots }
            """));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("stages[0].Normalize.maxConsecutiveNewlines", problem.Path);
        Assert.Contains("expected a whole number", problem.Message);
    }

    [Fact]
    public void EveryProblemIsReportedTogether()
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfig.Parse("""
            inptu: { path: x }
            input: { textField: "" }
            stages:
              - Nope
              - Normalize: { maxConsecutiveNewlines: -1 }
            output: { compression: brotli }
            execution: { threads: -2 }
            """));
        Assert.Equal(
            new[] { "execution.threads", "inptu", "input.textField", "output.compression", "stages[0]", "stages[1].Normalize.maxConsecutiveNewlines" },
            error.Problems.Select(p => p.Path).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(error.Problems, p => p.Path == "inptu" && p.Message.Contains("'input'"));
        Assert.Contains(error.Problems, p => p.Path == "output.compression" && p.Message.Contains("'gzip', 'zstd', 'none'"));
    }

    [Fact]
    public void OutOfRangeValueIsReportedByTheOptionsOwnValidation()
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfig.Parse("output: { maxFileMegabytes: 0 }"));
        Assert.Equal("output.maxFileMegabytes", Assert.Single(error.Problems).Path);
    }

    [Fact]
    public void ASingleInputPathIsAOneItemList()
    {
        var config = PipelineConfig.Parse("input: { path: a.jsonl }");
        Assert.Equal(["a.jsonl"], config.Input.Path);
    }

    [Fact]
    public void InvalidYamlIsAConfigErrorWithItsLine()
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfig.Parse("stages:\n  - Normalize: { a: [\n", "bad.yaml"));
        Assert.Contains("not valid YAML", error.Message);
    }

    [Fact]
    public void MissingConfigFileIsAConfigError()
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfig.Load("does/not/exist.yaml"));
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void PluginAssemblyStagesLoadWhenTheConfigNamesThem()
    {
        var plugin = Path.Combine(AppContext.BaseDirectory, "DataPrep.TestStages.dll");
        Assert.True(File.Exists(plugin), "the test plugin is copied next to the tests");
        var config = PipelineConfig.Parse($$"""
            plugins: [ "{{plugin}}" ]
            stages:
              - Shout: { marks: 3 }
            """);
        var stage = Assert.Single(config.Stages);
        Assert.Equal("Shout", stage.Name);
        var built = PipelineDefinition.FromConfig(config);
        var result = StageHarness.Run(built.Stages[0], Some.Document("hi"));
        Assert.Equal("HI!!!", Assert.Single(result.Kept).Text);
        Assert.Equal(1, result.Stats.Get("shouted"));
    }

    [Fact]
    public void PluginStagesAreUnknownWithoutTheirAssembly()
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfig.Parse("stages: [ Shout ]"));
        Assert.Contains("unknown stage 'Shout'", error.Message);
    }

    [Fact]
    public void MissingPluginIsAConfigError()
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfig.Parse("plugins: [ nothing-here.dll ]"));
        Assert.Equal("plugins[0]", Assert.Single(error.Problems).Path);
    }
}
