using System.Text.Json;
using System.Text.RegularExpressions;
using DataPrep.Configuration;
using DataPrep.Execution;
using DataPrep.IO;
using DataPrep.Pipeline;
using DataPrep.Reports;
using DataPrep.Stages.Normalize;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Reports;

public partial class RunReportTests
{
    [Fact]
    public async Task TheReportOfARunHasTheNumbersOfStatsJson()
    {
        var output = TestPaths.NewTempDirectory();
        var stats = await new PipelineBuilder()
            .ReadFrom(new InputOptions { Path = [Path.Combine(TestPaths.SampleData, "*.jsonl")] })
            .Add(new NormalizeStage(new NormalizeOptions()))
            .WriteTo(new OutputOptions { Path = output })
            .Build().RunAsync();
        RunReport.Write(output, stats);
        var html = File.ReadAllText(Path.Combine(output, "report.html"));
        var statsJson = File.ReadAllText(Path.Combine(output, "stats.json"));

        var embedded = StatsIsland().Match(html).Groups[1].Value.Replace("<\\/", "</");
        Assert.Equal(statsJson, embedded);
        Assert.Contains($"read <b>{stats.Read:N0}</b> = kept <b>{stats.Kept:N0}</b> + rejected <b>{stats.Rejected:N0}</b>", html);
        foreach (var (code, count) in stats.RejectionsByReason)
        {
            Assert.Matches($"<code>{Regex.Escape(code)}</code></td><td class=\"n\">{count:N0}</td>", html);
        }
        Assert.Contains("sample-data/bad-input.jsonl:2", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
        Assert.DoesNotContain("https://", html);
        var funnel = FunnelBars().Matches(html).Select(m => double.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(stats.Stages.Where(e => e.IsDecisionPass).Select(e => (double)e.Stats.Get(StageStats.DocsOut)), funnel.Take(stats.Stages.Count(e => e.IsDecisionPass)));
        using var parsed = JsonDocument.Parse(embedded);
        Assert.True(parsed.RootElement.GetProperty("reconciled").GetBoolean());
    }

    [Fact]
    public async Task WhenTokenizationRanTheReportShowsTheKoreanShareOfTokens()
    {
        var output = TestPaths.NewTempDirectory();
        var stats = await new PipelineBuilder()
            .ReadFrom(new InputOptions { Path = [Path.Combine(TestPaths.SampleData, "docs.jsonl")] })
            .Add(new NormalizeStage(new NormalizeOptions()))
            .Add(new DataPrep.Stages.Tokenization.TokenizeStage(new DataPrep.Stages.Tokenization.TokenizeOptions { Tokenizer = "o200k_base" }))
            .WriteTo(new OutputOptions { Path = output })
            .Build().RunAsync();
        var tokenize = stats.Stages.Single(e => e.StageId == "tokenize").Stats;
        var korean = tokenize.Get("tokens.lang.ko");
        var total = tokenize.Get("tokens.out");
        Assert.True(korean > 0 && korean < total);
        Assert.Equal(total, tokenize.Counters.Where(kv => kv.Key.StartsWith("tokens.lang.", StringComparison.Ordinal)).Sum(kv => kv.Value));
        RunReport.Write(output, stats);
        var html = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains($"Korean share of tokens: <b>{100.0 * korean / total:F2}%</b> of {total:N0} tokens", html);
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"stats-json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex StatsIsland();

    [GeneratedRegex("class=\"bar\" data-value=\"([0-9.]+)\"")]
    private static partial Regex FunnelBars();
}
