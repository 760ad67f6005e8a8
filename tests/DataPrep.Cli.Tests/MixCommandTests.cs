using System.IO.Compression;
using System.Text.Json;

namespace DataPrep.Cli.Tests;

/// <summary><c>dataprep mix plan</c> and <c>dataprep mix run</c>.</summary>
public class MixCommandTests
{
    private static readonly string Corpora = SharedData.Corpora;

    // The first lines of shared corpora, read in place, as small JSONL sources.
    private static string WriteSlices(string folder)
    {
        foreach (var (corpus, lines, name) in new[] { ("ko-petitions.jsonl.gz", 80, "ko.jsonl"), ("en-web-cc.jsonl.gz", 50, "en.jsonl") })
        {
            using var input = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(Corpora, corpus)), CompressionMode.Decompress));
            using var output = new StreamWriter(Path.Combine(folder, name));
            for (var i = 0; i < lines && input.ReadLine() is { } line; i++)
            {
                output.WriteLine(line);
            }
        }
        return folder;
    }

    private static string WriteConfig(string folder, string targets, long budget, string extra = "")
    {
        var path = Path.Combine(folder, "mix.yaml");
        File.WriteAllText(path, $$"""
            mix:
              tokenBudget: {{budget}}
              targets: {{targets}}
            {{extra}}
              sources:
                - { name: petitions, path: "{{Path.Combine(folder, "ko.jsonl")}}" }
                - { name: web, path: "{{Path.Combine(folder, "en.jsonl")}}" }
            output: { path: "{{Path.Combine(folder, "out")}}" }
            """);
        return path;
    }

    [SharedDataFact]
    public async Task PlanWithABadConfigExitsTwoNamingEveryConfigPathAndReadsNothing()
    {
        var folder = WriteSlices(CliRunner.NewTempDirectory());
        var config = WriteConfig(folder, "{ kr: 0.3, en: 0.6 }", 1000);

        var (code, _, error) = await CliRunner.RunAsync("mix", "plan", config);

        Assert.Equal(2, code);
        Assert.Contains("mix.targets.kr: unknown language 'kr'. Did you mean 'ko'", error, StringComparison.Ordinal);
        Assert.Contains("mix.targets: the shares sum to 0.9", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [SharedDataFact]
    public async Task PlanPrintsRatesAndRunWritesTheMixWithTargetAgainstAchieved()
    {
        var folder = WriteSlices(CliRunner.NewTempDirectory());
        var config = WriteConfig(folder, "{ ko: 0.5, en: 0.5 }", 100_000);

        var (planCode, plan, planError) = await CliRunner.RunAsync("mix", "plan", config);
        Assert.True(planCode == 0, planError);
        Assert.Contains("Mix plan: 100,000 o200k_base tokens", plan, StringComparison.Ordinal);
        Assert.Matches(@"web\s+en\s+50\s", plan);
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "out"), "mix*"));

        var (runCode, run, runError) = await CliRunner.RunAsync("mix", "run", config, "--world-size", "2");
        Assert.True(runCode == 0, runError);
        Assert.Contains("2/2 shards", run, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "out", "mix.json")));
        var ko = json.RootElement.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "ko");
        // 80 petitions of ~850 tokens: the share can miss by about half a document (the 0.5-point test runs on more documents).
        Assert.InRange(ko.GetProperty("achieved_share").GetDouble(), 0.49, 0.51);
        Assert.True(File.Exists(Path.Combine(folder, "out", "report.html")));
    }

    [SharedDataFact]
    public async Task RunWithATargetTheCapsCannotMeetExitsOneAndWritesNoMix()
    {
        var folder = WriteSlices(CliRunner.NewTempDirectory());
        var config = WriteConfig(folder, "{ ko: 0.5, en: 0.5 }", 10_000_000, "  maxEpochs: 2");

        var (code, _, error) = await CliRunner.RunAsync("mix", "run", config);

        Assert.Equal(1, code);
        Assert.Contains("The mix cannot meet its targets; nothing was written.", error, StringComparison.Ordinal);
        Assert.Contains("target 'en' wants 5,000,000 tokens", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "out"), "mix-*"));
    }
    [SharedDataFact]
    public async Task ATokenizerFileThatCannotBeLoadedExitsTwoNamingTheOption()
    {
        var folder = WriteSlices(CliRunner.NewTempDirectory());
        var broken = Path.Combine(folder, "broken.model");
        File.WriteAllText(broken, "not a SentencePiece model");
        var config = WriteConfig(folder, "{ ko: 0.5, en: 0.5 }", 1000, $"  tokenizer: \"{broken}\"");

        var (code, _, error) = await CliRunner.RunAsync("mix", "plan", config);

        Assert.Equal(2, code);
        Assert.Contains("mix.tokenizer:", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }
}
