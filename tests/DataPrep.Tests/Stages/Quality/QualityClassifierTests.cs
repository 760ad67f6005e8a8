using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Stages.Quality;
using DataPrep.Tests.Support;
using Xunit.Abstractions;

namespace DataPrep.Tests.Stages.Quality;

/// <summary>The trainable quality classifier on the shared corpora against synthetic junk and title-only stubs.</summary>
public class QualityClassifierTests(ITestOutputHelper output)
{
    private static readonly QualityClassifierTrainingOptions Small = new() { Bits = 18, Epochs = 4 };

    /// <summary>Good: Korean Wikipedia articles, petitions, English Wikipedia articles and English news. Bad: every kind of
    /// synthetic junk and Korean Wikipedia title-only stubs. English news sentences are grouped 6 to a document. Each list is a few hundred to a thousand documents.</summary>
    private static readonly Lazy<(List<Document> Good, List<Document> Bad)> Data = new(() =>
    {
        var wiki = CorpusReader.Read("ko-wiki.jsonl.gz", limit: 4000).ToList();
        var articles = wiki.Where(d => Body(d.Text).Length >= 200).Take(800);
        var stubs = wiki.Where(d => Body(d.Text).Trim().Length == 0).Take(600);
        var petitions = CorpusReader.Read("ko-petitions.jsonl.gz", limit: 1500).Where(d => d.Text.Length >= 200).Take(600);
        var english = CorpusReader.Read("en-wiki.jsonl.gz", limit: 400).Where(d => Body(d.Text).Length >= 500);
        // English news: the English side of the parallel news corpus, 6 consecutive sentences per document.
        var news = CorpusReader.Read("ko-en-parallel-news.jsonl.gz", textField: "text_en", limit: 6000)
            .Chunk(6).Select((c, i) => Some.Document(string.Join("\n", c.Select(d => d.Text)), $"news-en-{i}"));
        var junk = QualityJunk.Build(perKind: 60).SelectMany(kind => kind.Value.Select((t, i) => Some.Document(t, $"{kind.Key}-{i}")));
        return ([.. articles, .. petitions, .. english, .. news], [.. junk, .. stubs]);
    });

    [SharedDataFact]
    public void TellsProseFromJunkAndStubsWithHeldOutPrecisionAndRecallAbove90Percent()
    {
        var (good, bad) = Data.Value;
        var (model, metrics) = QualityClassifierTrainer.Train(good, bad, Small);
        output.WriteLine($"{good.Count} good, {bad.Count} bad\n{metrics}");
        Assert.True(metrics.Heldout);
        Assert.Equal((int)Math.Round(good.Count * 0.1, MidpointRounding.AwayFromZero) + (int)Math.Round(bad.Count * 0.1, MidpointRounding.AwayFromZero), metrics.Evaluated);
        Assert.True(metrics.Precision >= 0.9, metrics.ToString());
        Assert.True(metrics.Recall >= 0.9, metrics.ToString());
        Assert.True(metrics.BadRecall >= 0.9, metrics.ToString());
        output.WriteLine($"clean Korean {model.Score(QualityTexts.Korean):0.000}, English {model.Score(QualityTexts.English):0.000}, mixed {model.Score(QualityTexts.Mixed):0.000}");
        Assert.True(model.Score(QualityTexts.Korean) > 0.5 && model.Score(QualityTexts.English) > 0.5);
    }

    [SharedDataFact]
    public void TrainingIsDeterministicAndSaveThenLoadGivesIdenticalScores()
    {
        var (good, bad) = Data.Value;
        var first = QualityClassifierTrainer.Train(good.Take(300), bad.Take(300), Small);
        var second = QualityClassifierTrainer.Train(good.Take(300), bad.Take(300), Small);
        Assert.Equal(first.Metrics, second.Metrics);

        var path = Path.Combine(TestPaths.NewTempDirectory(), "model.bin");
        first.Model.Save(path);
        var loaded = QualityClassifierModel.Load(path);
        Assert.Equal(first.Model.Bits, loaded.Bits);
        Assert.Equal(first.Model.NonZeroWeights, loaded.NonZeroWeights);
        foreach (var document in good.Take(50).Concat(bad.Take(50)))
        {
            var score = first.Model.Score(document.Text);
            Assert.Equal(score, loaded.Score(document.Text));
            Assert.Equal(score, second.Model.Score(document.Text));
        }
    }

    [SharedDataFact]
    public void TheStageWritesTheScoreAndRejectsLowScoresWithItsCode()
    {
        var (good, bad) = Data.Value;
        var directory = TestPaths.NewTempDirectory();
        QualityClassifierTrainer.Train(good.Take(300), bad.Take(300), Small).Model.Save(Path.Combine(directory, "model.bin"));
        var stage = new QualityClassifierFilter(new QualityClassifierOptions { Model = "model.bin" }, new StageBuildContext(directory, null, Serilog.Core.Logger.None));

        var clean = Some.Document(QualityTexts.Korean);
        var junk = Some.Document(QualityJunk.Build(perKind: 1)["spam"][0]);
        var result = StageHarness.Run(stage, clean, junk);

        Assert.Single(result.Kept);
        Assert.Equal("quality.classifier.low_score", result.SingleCode);
        Assert.True(clean.Metadata.GetNumber(MetadataKeys.QualityScore) >= 0.5);
        Assert.True(junk.Metadata.GetNumber(MetadataKeys.QualityScore) < 0.5);
    }

    [Fact]
    public void AMissingModelIsAConfigProblemNotACrash()
    {
        var missing = Path.Combine(TestPaths.NewTempDirectory(), "nope.bin");
        Assert.Contains(new QualityClassifierOptions { Model = missing }.Validate(), p => p.Property == "model");
        Assert.Throws<ArgumentException>(() => new QualityClassifierFilter(new QualityClassifierOptions(), StageBuildContext.Default));
        Assert.Throws<ArgumentException>(() => new QualityClassifierFilter(new QualityClassifierOptions { Model = "nope.bin" }, StageBuildContext.Default));
    }

    [Fact]
    public void AFileThatIsNotAModelIsRefused()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "model.bin");
        File.WriteAllText(path, "not a model");
        Assert.Throws<InvalidDataException>(() => QualityClassifierModel.Load(path));
    }

    private static string Body(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? "" : text[(newline + 1)..];
    }
}
