using System.IO.Compression;
using DataPrep.Configuration;
using DataPrep.Execution;
using DataPrep.IO;
using DataPrep.Pipeline;
using DataPrep.Stages.Dedup.Exact;
using DataPrep.Stages.Dedup.MinHash;
using DataPrep.Stages.Normalize;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Execution;

/// <summary>In-process companion of the CLI's fault-injection test: a run cancelled mid-phase leaves nothing under a
/// final name for that phase (dedup work files included), and its rerun equals an uninterrupted run.</summary>
public class CancelledRunTests
{
    private static string MakeInput(string folder)
    {
        var input = Path.Combine(folder, "in");
        Directory.CreateDirectory(input);
        for (var f = 0; f < 3; f++)
        {
            TestFiles.WriteJsonl(input, $"part-{f}.jsonl.gz", Enumerable.Range(0, 120).Select(i => (object)new
            {
                id = $"f{f}-{i}",
                text = i % 7 == 0 ? $"자주 반복되는 같은 문장입니다 {i % 3}" : $"파일 {f}의 문서 {i}: 서로 다른 내용의 한국어 문장입니다.",
            }));
        }
        return input;
    }

    private static PipelineDefinition Build(string input, string output, CancellationTokenSource? cancelAt = null, string? cancelId = null) =>
        new PipelineBuilder()
            .ReadFrom(new InputOptions { Path = [input] })
            .Add(new NormalizeStage(new NormalizeOptions()))
            .Add(new ExactDedupStage(new ExactDedupOptions()))
            .Add(new CancellingStage(cancelAt, cancelId))
            .Add(new MinHashDedupStage(new MinHashDedupOptions()))
            .WithExecution(new ExecutionOptions { Threads = 2, BatchDocuments = 16 })
            .WriteTo(new OutputOptions { Path = output })
            .Build();

    [Theory]
    [InlineData("f0-50")]   // map-0 is done; map-1 (exact decisions, MinHash observe) is cancelled mid-stream on rank 0
    [InlineData("f1-100")]  // rank 0 of map-1 is done; rank 1 is cancelled late, its MinHash files half written
    public async Task ACancelledRunLeavesNoHalfFileAndItsRerunEqualsAnUninterruptedRun(string cancelId)
    {
        var folder = TestPaths.NewTempDirectory();
        var input = MakeInput(folder);
        var reference = Path.Combine(folder, "reference");
        var expected = await Build(input, reference).RunAsync(worldSize: 2);

        var output = Path.Combine(folder, "out");
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Build(input, output, cts, cancelId).RunAsync(worldSize: 2, cancellationToken: cts.Token));
        Assert.Empty(Directory.EnumerateFiles(output, ".*", SearchOption.AllDirectories));
        // map-1 (phase 2) writes MinHash's observe files: a rank without its phase-2 marker has none under a final name.
        var minhash = Directory.GetDirectories(Path.Combine(output, "work"), "stage-*-dedup.minhash").SingleOrDefault();
        for (var rank = 0; minhash is not null && rank < 2; rank++)
        {
            if (!File.Exists(Path.Combine(output, "done", $"p2-rank-{rank:D5}")))
            {
                Assert.DoesNotContain(Directory.EnumerateFiles(minhash, "*", SearchOption.AllDirectories),
                    f => Path.GetFileName(f).Contains($"rank-{rank:D5}", StringComparison.Ordinal));
            }
        }

        var actual = await Build(input, output).RunAsync(worldSize: 2);
        Assert.Equal(expected.Kept, actual.Kept);
        Assert.Equal(expected.RejectionsByReason, actual.RejectionsByReason);
        foreach (var name in Directory.GetFiles(reference, "rank-*").Select(Path.GetFileName))
        {
            Assert.Equal(Decompressed(Path.Combine(reference, name!)), Decompressed(Path.Combine(output, name!)));
        }
    }

    private static byte[] Decompressed(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    private sealed class CancellingStage(CancellationTokenSource? cancel, string? id) : FilterStage
    {
        public override string Id => "test.cancel";

        protected override Verdict Evaluate(DataPrep.Documents.Document document, StageStats stats)
        {
            if (cancel is not null && document.Id == id)
            {
                cancel.Cancel();
            }
            return Verdict.Keep;
        }
    }
}
