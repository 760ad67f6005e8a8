using System.Text.Json;
using DataPrep.Configuration;
using DataPrep.Execution;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Execution;

public class RunManifestTests
{
    private static PipelineDefinition Load(string input, string output, string newlines = "2", ExistingOutput existing = ExistingOutput.Resume)
    {
        var config = PipelineConfig.Parse($$"""
            input: { path: "{{input}}" }
            stages:
              - Normalize: { maxConsecutiveNewlines: {{newlines}} }
              - ExactDedup
            output: { path: "{{output}}" }
            """, "test.yaml");
        var pipeline = PipelineDefinition.FromConfig(config);
        return pipeline.With(execution: pipeline.Execution with { ExistingOutput = existing });
    }

    private static (string Input, string Output) MakeRun(string folder)
    {
        var input = Path.Combine(folder, "in");
        Directory.CreateDirectory(input);
        TestFiles.WriteJsonl(input, "a.jsonl", Enumerable.Range(0, 5).Select(i => (object)new { id = $"a{i}", text = $"문서 {i} 입니다" }));
        TestFiles.WriteJsonl(input, "b.jsonl", Enumerable.Range(0, 5).Select(i => (object)new { id = $"b{i}", text = $"문서 {i} 입니다" }));
        return (input, Path.Combine(folder, "out"));
    }

    [Fact]
    public async Task RunJsonRecordsEveryInputFileWithSizeAndTimeAndTheResolvedOptions()
    {
        var (input, output) = MakeRun(TestPaths.NewTempDirectory());
        await Load(input, output).RunAsync();
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run.json")));
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("world_size").GetInt32());
        var inputs = root.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal([Path.Combine(input, "a.jsonl"), Path.Combine(input, "b.jsonl")], inputs.Select(i => i.GetProperty("path").GetString()));
        Assert.Equal(new FileInfo(Path.Combine(input, "a.jsonl")).Length, inputs[0].GetProperty("bytes").GetInt64());
        Assert.True(inputs[0].TryGetProperty("modified_utc", out _));
        var options = root.GetProperty("options");
        Assert.Equal(2, options.GetProperty("stages[0].Normalize").GetProperty("maxConsecutiveNewlines").GetInt32());
        Assert.True(options.TryGetProperty("stages[1].ExactDedup", out _));
        Assert.True(options.TryGetProperty("output", out var outputOptions) && !outputOptions.TryGetProperty("path", out _));
    }

    [Fact]
    public async Task ARerunOfTheSameRunResumesAndOneOfOtherInputOrOptionsIsRefusedNamingTheChange()
    {
        var (input, output) = MakeRun(TestPaths.NewTempDirectory());
        await Load(input, output).RunAsync();
        Assert.Equal(10, (await Load(input, output).RunAsync()).Read);

        var error = await Assert.ThrowsAsync<PipelineConfigException>(() => Load(input, output, newlines: "3").RunAsync());
        Assert.Contains("stages[0].Normalize.maxConsecutiveNewlines: 2 -> 3", error.Message);
        Assert.Contains("--overwrite", error.Message);
        Assert.Contains("--force-resume", error.Message);

        TestFiles.WriteJsonl(input, "c.jsonl", [new { id = "c0", text = "새 문서" }]);
        File.AppendAllText(Path.Combine(input, "a.jsonl"), """{"id":"a5","text":"하나 더"}""" + "\n");
        error = await Assert.ThrowsAsync<PipelineConfigException>(() => Load(input, output).RunAsync());
        Assert.Contains($"'{Path.Combine(input, "c.jsonl")}' added", error.Message);
        Assert.Contains($"'{Path.Combine(input, "a.jsonl")}' changed size", error.Message);
        Assert.Equal("output.path", error.Problems.Single().Path);
    }

    [Fact]
    public async Task OverwriteStartsFreshAndForceResumeKeepsFinishedShards()
    {
        var (input, output) = MakeRun(TestPaths.NewTempDirectory());
        await Load(input, output).RunAsync();
        TestFiles.WriteJsonl(input, "c.jsonl", [new { id = "c0", text = "새 문서" }]);

        // The only shard is finished: force-resume keeps it (and its counts), and records the new input.
        var resumed = await Load(input, output, existing: ExistingOutput.ForceResume).RunAsync();
        Assert.Equal(10, resumed.Read);
        Assert.Equal(10, (await Load(input, output).RunAsync()).Read);

        var fresh = await Load(input, output, existing: ExistingOutput.Overwrite).RunAsync();
        Assert.Equal(11, fresh.Read);
        Assert.Equal(11, TestFiles.ReadOutput(output).Count + TestFiles.ReadRejected(output).Count);
    }

    [Fact]
    public async Task AnotherWorldSizeIsRefusedEvenWithForceResume()
    {
        var (input, output) = MakeRun(TestPaths.NewTempDirectory());
        await Load(input, output).RunAsync(worldSize: 2);
        var error = await Assert.ThrowsAsync<PipelineConfigException>(() => Load(input, output, existing: ExistingOutput.ForceResume).RunAsync(worldSize: 1));
        Assert.Contains("world size 2 -> 1", error.Message);
    }

    [Fact]
    public void AnOutputPathThatIsAFileIsAConfigError()
    {
        var folder = TestPaths.NewTempDirectory();
        var (input, _) = MakeRun(folder);
        var file = Path.Combine(folder, "out.txt");
        File.WriteAllText(file, "not a folder");
        var error = Assert.Throws<PipelineConfigException>(() => new PipelineRunner(Load(input, file)));
        Assert.Contains("output path is a file", error.Message);
    }
}
