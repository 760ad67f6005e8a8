using System.Text.Json;
using DataPrep.Pipeline;
using DataPrep.Stages.Quality;
using DataPrep.Tests.Support;
using Xunit.Abstractions;

namespace DataPrep.Tests.Stages.Quality;

/// <summary>The what-if threshold report on real Korean and English text and synthetic junk.</summary>
public class QualityWhatIfReportTests(ITestOutputHelper output)
{
    private static readonly Lazy<List<DataPrep.Documents.Document>> Documents = new(() =>
    [
        .. CorpusReader.Read("ko-wiki.jsonl.gz", limit: 700),
        .. CorpusReader.Read("ko-petitions.jsonl.gz", limit: 300),
        .. CorpusReader.Read("en-wiki.jsonl.gz", limit: 60),
        .. QualityJunk.Build(perKind: 10).SelectMany(kind => kind.Value.Select((t, i) => Some.Document(t, $"{kind.Key}-{i}"))),
    ]);

    private static IReadOnlyList<DocumentStage> Stages() =>
    [
        new ScriptQualityFilter(new ScriptQualityOptions()),
        new GopherRepetitionFilter(new GopherRepetitionOptions()),
        new GopherQualityFilter(new GopherQualityOptions { Korean = new GopherQualityThresholds { MinWords = 40 } }),
        new FineWebQualityFilter(new FineWebQualityOptions()),
        new C4QualityFilter(new C4QualityOptions { FilterNoTerminalPunctuation = false }),
        new BlocklistFilter(new BlocklistOptions { MinMatches = 2 }),
    ];

    private static readonly Lazy<QualityWhatIfResult> Result = new(() => new QualityWhatIfReport(Stages()).Run(Documents.Value));

    [SharedDataFact]
    public void DropSharesAreMonotoneInTheThreshold()
    {
        var result = Result.Value;
        Assert.True(result.Rules.Count > 40, $"{result.Rules.Count} sweeps");
        foreach (var sweep in result.Rules.Where(r => r.Direction != "flag"))
        {
            Assert.InRange(sweep.Points.Count, 9, 16);
            for (var i = 1; i < sweep.Points.Count; i++)
            {
                Assert.True(sweep.Points[i].Threshold > sweep.Points[i - 1].Threshold);
                var (before, after) = (sweep.Points[i - 1].Dropped, sweep.Points[i].Dropped);
                Assert.True(sweep.Direction == "min" ? after >= before : after <= before, $"{sweep.Code} {sweep.Language}: {before} then {after}");
            }
        }
        // The sweep does move: fewer words required drops fewer documents.
        var words = result.Find(GopherQualityFilter.TooFewWords.Code, "ko")!;
        Assert.True(words.Points[^1].Dropped > words.Points[0].Dropped);
    }

    [SharedDataFact]
    public async Task TheShareAtTheConfiguredThresholdIsWhatTheStageAloneRejects()
    {
        var result = Result.Value;
        foreach (var stage in Stages())
        {
            var run = await StageHarness.RunAsync(stage, Documents.Value);
            var rejectedIds = run.Rejections.Select(r => r.DocumentId).ToHashSet();
            var summary = result.Stages.Where(s => s.Stage == stage.Id).Sum(s => s.Rejected);
            output.WriteLine($"{stage.Id}: stage rejects {run.Rejections.Count}, report {summary}");
            Assert.Equal(run.Rejections.Count, summary);

            var byCode = run.Rejections.GroupBy(r => r.Reason.Code).ToDictionary(g => g.Key, g => g.Count());
            var sweeps = result.Rules.Where(r => r.Stage == stage.Id).ToList();
            foreach (var code in sweeps.Select(s => s.Code).Distinct())
            {
                var alone = sweeps.Where(s => s.Code == code).Sum(s => s.AtConfigured.Dropped);
                // The first failing rule takes a document in a run, so each code is at most what its rule alone drops...
                Assert.True(byCode.GetValueOrDefault(code) <= alone, $"{code}: stage {byCode.GetValueOrDefault(code)} > rule alone {alone}");
                // ...and every sample at the configured threshold is a document the stage rejects.
                Assert.All(sweeps.Where(s => s.Code == code).SelectMany(s => s.AtConfigured.SampleIds), id => Assert.Contains(id, rejectedIds));
            }
            if (stage is C4QualityFilter)
            {
                // The report measures C4 through a copy of the stage, so every code matches exactly.
                Assert.All(sweeps.Select(s => s.Code).Distinct(), code =>
                    Assert.Equal(byCode.GetValueOrDefault(code), sweeps.Where(s => s.Code == code).Sum(s => s.AtConfigured.Dropped)));
                Assert.True(byCode.GetValueOrDefault(C4QualityFilter.TooFewSentences.Code) > 0);
            }
            // The stage's first rule sees every document, so it matches exactly.
            var first = sweeps[0].Code;
            Assert.Equal(byCode.GetValueOrDefault(first), sweeps.Where(s => s.Code == first).Sum(s => s.AtConfigured.Dropped));
        }
    }

    [SharedDataFact]
    public void EachLanguageIsSweptAroundItsOwnConfiguredThreshold()
    {
        var result = Result.Value;
        Assert.True(result.DocumentsByLanguage["ko"] > 800 && result.DocumentsByLanguage["und"] > 50);
        var korean = result.Find(GopherQualityFilter.TooFewWords.Code, "ko")!;
        var english = result.Find(GopherQualityFilter.TooFewWords.Code, "und")!;
        Assert.Equal(40, korean.Configured);
        Assert.Equal("korean.minWords", korean.Option);
        Assert.Equal(50, english.Configured);
        Assert.Contains(korean.Points, p => p.Threshold == 40);
        Assert.All(result.Rules.SelectMany(r => r.Points), p => Assert.True(p.SampleIds.Count <= 5));
        // Title-only stubs are short: the Korean word-count rule drops some of them at the configured threshold.
        Assert.True(korean.AtConfigured.Share > 0.1, korean.AtConfigured.Share.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [SharedDataFact]
    public void WritesATableJsonAndAnHtmlPageWithInlineSvgCharts()
    {
        var result = Result.Value;
        var table = result.ToTable();
        output.WriteLine(table);
        Assert.Contains("quality.gopher.too_few_words", table);
        using var json = JsonDocument.Parse(result.ToJson());
        Assert.Equal(result.Rules.Count, json.RootElement.GetProperty("rules").GetArrayLength());
        var html = result.ToHtml();
        Assert.Contains("<svg", html);
        Assert.Contains("<polyline", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
    }

    [Fact]
    public void BlocklistMatchCountsAndBlockedUrlsAreSwept()
    {
        var stage = new BlocklistFilter(new BlocklistOptions { MinMatches = 2, Domains = ["bet.example.com"] });
        var prose = "오늘은 날씨가 좋아서 친구와 함께 공원을 걸었다. ";
        var documents = new List<DataPrep.Documents.Document>();
        for (var matches = 0; matches < 4; matches++)
        {
            documents.Add(Some.Document(prose + string.Join(' ', Enumerable.Repeat("바카라", matches)), $"m{matches}"));
        }
        var blocked = Some.Document(prose, "url");
        blocked.Metadata.Set(DataPrep.Documents.MetadataKeys.Url, "https://www.bet.example.com/x");
        documents.Add(blocked);

        var result = new QualityWhatIfReport([stage]).Run(documents);
        var count = result.Rules.Single(r => r.Code == BlocklistFilter.WordCount.Code);
        Assert.Equal("atLeast", count.Direction);
        Assert.Equal(2, count.Configured);
        Assert.Equal(4, count.Measured);
        Assert.Equal(2, count.Points.Single(p => p.Threshold == 2).Dropped);
        Assert.Equal(3, count.Points.Single(p => p.Threshold == 1).Dropped);
        Assert.Equal(["m2", "m3"], count.Points.Single(p => p.Threshold == 2).SampleIds);
        var url = result.Rules.Single(r => r.Code == BlocklistFilter.Url.Code);
        Assert.Equal(1, url.Points.Single().Dropped);
        // The report and the stage agree.
        var run = StageHarness.Run(stage, [.. documents]);
        Assert.Equal(3, run.Rejections.Count);
        Assert.Equal(3, result.Stages.Sum(s => s.Rejected));
    }

    [Fact]
    public void APipelineWithoutQualityRulesIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new QualityWhatIfReport([new DataPrep.Stages.Normalize.NormalizeStage(new DataPrep.Stages.Normalize.NormalizeOptions())]));
    }
}
