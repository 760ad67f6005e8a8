using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Tests.Support;
using Xunit.Abstractions;

namespace DataPrep.Tests.Stages.Quality;

/// <summary>configs/quality.yaml on the shared corpora and on synthetic junk.</summary>
public class QualityRecipeTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyList<DocumentStage>> Recipe = new(() =>
    {
        var config = PipelineConfig.Load(Path.Combine(TestPaths.Configs, "quality.yaml"));
        return PipelineDefinition.FromConfig(config).Stages.Cast<DocumentStage>().ToList();
    });

    /// <summary>Runs the recipe's stages in order; returns the rejection code, or null when kept.</summary>
    private static string? Run(Document document, IReadOnlyList<StageContext> contexts)
    {
        var stages = Recipe.Value;
        for (var i = 0; i < stages.Count; i++)
        {
            if (!stages[i].Process(document, contexts[i]))
            {
                return contexts[i].Stats.RejectionsByCode.Keys.First();
            }
        }
        return null;
    }

    private static (int Kept, int Total, Dictionary<string, int> Codes) RunAll(IEnumerable<Document> documents)
    {
        var stages = Recipe.Value;
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        int kept = 0, total = 0;
        foreach (var document in documents)
        {
            // Fresh contexts per document, so the rejection code read back is this document's.
            var contexts = stages.Select(s => new StageContext(s.Id, ShardSpec.Single)).ToList();
            var code = Run(document, contexts);
            total++;
            if (code is null)
            {
                kept++;
            }
            else
            {
                codes[code] = codes.GetValueOrDefault(code) + 1;
            }
        }
        return (kept, total, codes);
    }

    private static string Describe((int Kept, int Total, Dictionary<string, int> Codes) r) =>
        $"kept {r.Kept}/{r.Total}; " + string.Join(", ", r.Codes.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key}={kv.Value}"));

    [SharedDataFact]
    public void KoreanWikipediaArticlesStayAndTitleOnlyStubsGo()
    {
        var documents = CorpusReader.Read("ko-wiki.jsonl.gz", limit: 15000).ToList();
        // An article has a body of at least 200 characters after its title line; a stub is a title alone.
        var articles = documents.Where(d => Body(d.Text).Length >= 200).ToList();
        var stubs = documents.Where(d => Body(d.Text).Trim().Length == 0).ToList();
        Assert.True(stubs.Count > 1000 && articles.Count > 1000, $"{stubs.Count} stubs, {articles.Count} articles");

        var stubResult = RunAll(stubs);
        output.WriteLine($"stubs: {Describe(stubResult)}");
        Assert.Equal(0, stubResult.Kept);
        var articleResult = RunAll(articles);
        output.WriteLine($"articles: {Describe(articleResult)}");
        Assert.True(articleResult.Kept >= 0.95 * articleResult.Total, Describe(articleResult));
    }

    [SharedDataFact]
    public void PetitionsAreKept()
    {
        var petitions = CorpusReader.Read("ko-petitions.jsonl.gz").Where(d => d.Text.Length >= 200).ToList();
        var result = RunAll(petitions);
        output.WriteLine(Describe(result));
        Assert.True(result.Kept >= 0.95 * result.Total, Describe(result));
    }

    [SharedDataFact]
    public void EnglishWikipediaArticlesAreKept()
    {
        var articles = CorpusReader.Read("en-wiki.jsonl.gz", limit: 600).Where(d => Body(d.Text).Length >= 1000).ToList();
        var result = RunAll(articles);
        output.WriteLine(Describe(result));
        Assert.True(result.Kept >= 0.95 * result.Total, Describe(result));
    }

    [Fact]
    public void SyntheticJunkOfEveryKindIsRejected()
    {
        var kinds = QualityJunk.Build();
        var total = 0;
        var rejected = 0;
        var report = new List<string>();
        foreach (var (kind, texts) in kinds)
        {
            var result = RunAll(texts.Select(t => Some.Document(t)));
            total += result.Total;
            rejected += result.Total - result.Kept;
            report.Add($"{kind}: {Describe(result)}");
            Assert.True(result.Kept <= 0.1 * result.Total, $"{kind}: {Describe(result)}");
        }
        output.WriteLine(string.Join("\n", report));
        Assert.True(rejected >= 0.95 * total, string.Join("\n", report));
    }

    [Fact]
    public void CleanKoreanEnglishAndMixedDocumentsPassTheWholeRecipe()
    {
        var result = RunAll([Some.Document(QualityTexts.English), Some.Document(QualityTexts.Korean), Some.Document(QualityTexts.Mixed)]);
        Assert.True(result.Kept == 3, Describe(result));
    }

    private static string Body(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? "" : text[(newline + 1)..];
    }
}
