using System.Text.Json;

namespace DataPrep.Cli.Tests;

public class CommandTests
{
    [Fact]
    public async Task ValidatePrintsTheResolvedPipelineWithDefaults()
    {
        var (code, output, _) = await CliRunner.RunAsync("validate", "configs/minimal.json");
        Assert.Equal(0, code);
        Assert.Contains("configs/minimal.json: valid", output);
        Assert.Contains("stages[0] Normalize: {\"nfc\":true", output);
    }

    [Fact]
    public async Task ABadConfigExitsWithTwoAndNamesEveryProblemWithItsPath()
    {
        var folder = CliRunner.NewTempDirectory();
        var config = Path.Combine(folder, "bad.yaml");
        File.WriteAllText(config, """
            input: { path: sample-data }
            stages:
              - Normalise
              - Normalize: { maxConsecutiveNewline: 2 }
            output: { path: out, format: xml }
            """);
        var (code, output, error) = await CliRunner.RunAsync("run", config);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(config, error);
        Assert.Contains("stages[0]: unknown stage 'Normalise'. Did you mean 'Normalize'", error);
        Assert.Contains("stages[1].Normalize.maxConsecutiveNewline: unknown option", error);
        Assert.Contains("'maxConsecutiveNewlines'", error);
        Assert.Contains("output.format: expected one of 'jsonl', 'parquet'", error);
    }

    [Fact]
    public async Task StagesListsOptionsDefaultsAndRejectionCodes()
    {
        var (code, output, _) = await CliRunner.RunAsync("stages");
        Assert.Equal(0, code);
        Assert.Contains("Normalize", output);
        Assert.Contains("maxConsecutiveNewlines = 2", output);
        Assert.Contains("normalize.empty", output);
        Assert.Contains("input.malformed_json", output);
    }

    [Fact]
    public async Task SchemaIsJsonSchemaWithEveryStage()
    {
        var (code, output, _) = await CliRunner.RunAsync("schema");
        Assert.Equal(0, code);
        using var schema = JsonDocument.Parse(output);
        var properties = schema.RootElement.GetProperty("properties");
        Assert.True(properties.TryGetProperty("stages", out _));
        Assert.Contains("Normalize", properties.GetProperty("stages").GetRawText());
        Assert.Contains("maxDocumentBytes", properties.GetProperty("input").GetRawText());
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("run")]
    [InlineData("run", "configs/minimal.json", "--rank", "1")]
    [InlineData("run", "configs/minimal.json", "--rank", "3", "--world-size", "2")]
    public async Task BadUsageExitsWithTwo(params string[] args)
    {
        var (code, _, error) = await CliRunner.RunAsync(args);
        Assert.Equal(2, code);
        Assert.NotEqual("", error);
    }

    [Fact]
    public async Task MissingInputIsABadUsageNotACrash()
    {
        var folder = CliRunner.NewTempDirectory();
        var (code, _, error) = await CliRunner.RunAsync("run", "configs/minimal.json", "--input", Path.Combine(folder, "nothing-*.jsonl"), "--output", folder);
        Assert.Equal(2, code);
        Assert.Contains("matches no file", error);
    }

    [Fact]
    public async Task RunOverSampleDataReconcilesAndStatsMergeAgrees()
    {
        var output = CliRunner.NewTempDirectory();
        var (code, stdout, error) = await CliRunner.RunAsync("run", "configs/minimal.json", "--output", output);
        Assert.True(code == 0, error);
        Assert.Contains("reconciled", stdout);
        Assert.DoesNotContain("DOES NOT RECONCILE", stdout);
        using var stats = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "stats.json")));
        var documents = stats.RootElement.GetProperty("documents");
        Assert.True(stats.RootElement.GetProperty("reconciled").GetBoolean());
        Assert.Equal(documents.GetProperty("read").GetInt64(), documents.GetProperty("kept").GetInt64() + documents.GetProperty("rejected").GetInt64());
        var (mergeCode, mergeOutput, _) = await CliRunner.RunAsync("stats", "merge", output);
        Assert.Equal(0, mergeCode);
        Assert.Contains($"read {documents.GetProperty("read").GetInt64():N0}", mergeOutput.Replace(",", ","));
    }
}

public class TokensCommandTests
{
    [Fact]
    public async Task TokensReportsEveryTokenizerAsJson()
    {
        var html = Path.Combine(CliRunner.NewTempDirectory(), "tokens.html");
        var (code, output, error) = await CliRunner.RunAsync("tokens", "-t", "o200k_base", "-t", "cl100k_base", "--json", "--html", html, "sample-data/docs.jsonl");
        Assert.True(code == 0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var entries = json.RootElement.GetProperty("tokenizers").EnumerateArray().ToList();
        Assert.Equal(["o200k_base", "cl100k_base"], entries.Select(e => e.GetProperty("name").GetString()));
        Assert.All(entries, e => Assert.True(e.GetProperty("totalTokens").GetInt64() > 1000));
        Assert.Contains("<svg", File.ReadAllText(html));
    }

    [Fact]
    public async Task AnUnknownTokenizerIsBadUsage()
    {
        var (code, _, error) = await CliRunner.RunAsync("tokens", "-t", "no_such_encoding", "sample-data/docs.jsonl");
        Assert.Equal(2, code);
        Assert.Contains("no_such_encoding", error);
    }
}
