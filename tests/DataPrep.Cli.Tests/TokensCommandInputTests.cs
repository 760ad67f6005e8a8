using System.Text.Json;

namespace DataPrep.Cli.Tests;

public class TokensCommandInputTests
{
    [Fact]
    public async Task UnreadableRecordsAreCountedPerFileOnStderrAndInJson()
    {
        var (code, output, error) = await CliRunner.RunAsync("tokens", "-t", "o200k_base", "--json", "sample-data/docs.jsonl", "sample-data/bad-input.jsonl");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var unread = json.RootElement.GetProperty("unreadRecords");
        var files = unread.GetProperty("files").EnumerateArray().ToList();
        var bad = Assert.Single(files);
        Assert.Equal("sample-data/bad-input.jsonl", bad.GetProperty("file").GetString());
        Assert.Equal(unread.GetProperty("total").GetInt64(), bad.GetProperty("records").GetInt64());
        Assert.True(bad.GetProperty("reasons").GetProperty("input.malformed_json").GetInt64() >= 1);
        Assert.Contains("sample-data/bad-input.jsonl: ", error);
        Assert.Contains("input.malformed_json", error);
    }

    [Fact]
    public async Task AMisspeltEncodingNameSuggestsTheNearestOne()
    {
        var (code, _, error) = await CliRunner.RunAsync("tokens", "-t", "o200k_bas", "sample-data/docs.jsonl");
        Assert.Equal(2, code);
        Assert.Contains("Did you mean 'o200k_base'?", error);
    }
}
