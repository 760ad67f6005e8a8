using DataPrep.Configuration;
using DataPrep.Execution;
using DataPrep.IO;
using DataPrep.Pipeline;
using DataPrep.Stages.Normalize;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.IO;

public class CompressionSignatureTests
{
    [Fact]
    public async Task APlainFileNamedGzIsReportedAsNotGzipWithItsNameAndNothingIsLost()
    {
        var folder = TestPaths.NewTempDirectory();
        var input = Path.Combine(folder, "in");
        Directory.CreateDirectory(input);
        var records = Enumerable.Range(0, 20).Select(i => (object)new { id = $"plain-{i}", text = $"문서 {i}" }).ToList();
        TestFiles.WriteJsonl(input, "plain.jsonl", records);
        File.Move(Path.Combine(input, "plain.jsonl"), Path.Combine(input, "plain.jsonl.gz"));
        TestFiles.WriteJsonl(input, "real.jsonl.gz", records.Take(3));
        TestFiles.WriteJsonl(input, "real.jsonl", records.Take(2));
        File.Move(Path.Combine(input, "real.jsonl"), Path.Combine(input, "fake.jsonl.zst"));

        var output = Path.Combine(folder, "out");
        var stats = await new PipelineBuilder()
            .ReadFrom(new InputOptions { Path = [input] })
            .Add(new NormalizeStage(new NormalizeOptions()))
            .WriteTo(new OutputOptions { Path = output })
            .Build()
            .RunAsync();

        Assert.Equal(3, stats.Kept);
        Assert.Equal(1, stats.RejectionsByReason["input.not_gzip"]);
        Assert.Equal(1, stats.RejectionsByReason["input.not_zstd"]);
        Assert.False(stats.RejectionsByReason.ContainsKey("input.truncated"));
        Assert.True(stats.Reconciled);
        var notGzip = TestFiles.ReadRejected(output).Single(r => r.GetProperty("reason").GetString() == "input.not_gzip");
        Assert.Contains("plain.jsonl.gz", notGzip.GetProperty("source").GetString());
        var detail = notGzip.GetProperty("detail").GetString()!;
        Assert.Contains("starts with bytes 7B22", detail);
        Assert.Contains("20 lines not read", detail);
    }

    [Fact]
    public void RealCompressedFilesEmptyFilesAndUncompressedNamesPass()
    {
        var folder = TestPaths.NewTempDirectory();
        var gz = TestFiles.WriteJsonl(folder, "a.jsonl.gz", [new { id = "a", text = "x" }]);
        var zst = TestFiles.WriteJsonl(folder, "a.jsonl.zst", [new { id = "a", text = "x" }]);
        var plain = TestFiles.WriteJsonl(folder, "a.jsonl", [new { id = "a", text = "x" }]);
        var empty = Path.Combine(folder, "empty.jsonl.gz");
        File.WriteAllBytes(empty, []);
        foreach (var path in new[] { gz, zst, plain, empty })
        {
            Assert.Null(CompressionSignature.Mismatch(path, out _));
        }
    }
}
