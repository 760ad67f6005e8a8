using System.IO.Compression;
using System.Text.Json;

namespace DataPrep.Cli.Tests;

/// <summary><c>dataprep quality train</c> and <c>dataprep quality report</c>.</summary>
public class QualityCommandTests
{
    private static readonly string Corpora = SharedData.Corpora;

    /// <summary>Korean Wikipedia title-only stubs (a title and nothing else) as a JSONL file of bad examples.</summary>
    private static string WriteStubs(string folder)
    {
        var path = Path.Combine(folder, "stubs.jsonl");
        using var input = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(Corpora, "ko-wiki.jsonl.gz")), CompressionMode.Decompress));
        using var output = new StreamWriter(path);
        var count = 0;
        while (count < 400 && input.ReadLine() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.GetProperty("text").GetString() is { } text && !text.Trim().Contains('\n', StringComparison.Ordinal))
            {
                output.WriteLine(line);
                count++;
            }
        }
        return path;
    }

    [SharedDataFact]
    public async Task TrainWritesAModelAndPrintsHeldOutPrecisionAndRecallThatTheStageAndReportUse()
    {
        var folder = CliRunner.NewTempDirectory();
        var stubs = WriteStubs(folder);
        var model = Path.Combine(folder, "model.bin");
        var (code, output, error) = await CliRunner.RunAsync("quality", "train", "--good", Path.Combine(Corpora, "ko-petitions.jsonl.gz"),
            "--bad", stubs, "--out", model, "--max-docs", "400", "--bits", "18", "--epochs", "3");
        Assert.True(code == 0, error);
        Assert.Contains("held-out evaluation on 80 documents", output);
        Assert.Contains("precision", output);
        Assert.Contains("recall", output);
        Assert.True(File.Exists(model));

        var config = Path.Combine(folder, "classifier.yaml");
        File.WriteAllText(config, $$"""
            input: { path: sample-data/docs.jsonl }
            stages:
              - Normalize
              - QualityClassifier: { model: "{{model}}", threshold: 0.5 }
            output: { path: "{{Path.Combine(folder, "out")}}" }
            """);
        (code, _, error) = await CliRunner.RunAsync("run", config);
        Assert.True(code == 0, error);

        (code, output, error) = await CliRunner.RunAsync("quality", "report", config, "--out", Path.Combine(folder, "report"));
        Assert.True(code == 0, error);
        Assert.Contains("quality.classifier.low_score", output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report", "report.json")));
        Assert.Contains(json.RootElement.GetProperty("rules").EnumerateArray(), r => r.GetProperty("code").GetString() == "quality.classifier.low_score");
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(folder, "report", "report.html")));
    }

    [Fact]
    public async Task ReportOnTheQualityRecipeWritesJsonAndHtml()
    {
        var folder = CliRunner.NewTempDirectory();
        var (code, output, error) = await CliRunner.RunAsync("quality", "report", "configs/quality.yaml", "--input", "sample-data/docs.jsonl", "--out", folder);
        Assert.True(code == 0, error);
        Assert.Contains("quality.gopher.too_few_words", output);
        Assert.Contains("quality.blocklist.word_count", output);
        Assert.DoesNotContain("not covered", output);
        Assert.Contains("quality.c4.too_few_sentences", output);
        Assert.True(File.Exists(Path.Combine(folder, "report.json")) && File.Exists(Path.Combine(folder, "report.html")));
    }

    [Fact]
    public async Task AMissingInputOrModelIsBadUsage()
    {
        var folder = CliRunner.NewTempDirectory();
        var (code, _, error) = await CliRunner.RunAsync("quality", "train", "--good", Path.Combine(folder, "none.jsonl"), "--bad", "sample-data/docs.jsonl", "--out", Path.Combine(folder, "m.bin"));
        Assert.Equal(2, code);
        Assert.Contains("none.jsonl", error);

        var config = Path.Combine(folder, "classifier.yaml");
        File.WriteAllText(config, """
            input: { path: sample-data/docs.jsonl }
            stages:
              - QualityClassifier: { model: no-such-model.bin }
            output: { path: out }
            """);
        (code, _, error) = await CliRunner.RunAsync("quality", "report", config);
        Assert.Equal(2, code);
        Assert.Contains("no-such-model.bin", error);
    }
}
