using System.Text.Json;
using DataPrep.Configuration;
using DataPrep.Execution;
using DataPrep.IO;
using DataPrep.Pipeline;
using DataPrep.Stages.Normalize;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Execution;

public class PipelineRunnerTests
{
    private static string MakeInput(string folder, int files, int perFile, bool withDuplicates = false, bool withBadLines = false)
    {
        var input = Path.Combine(folder, "in");
        Directory.CreateDirectory(input);
        for (var f = 0; f < files; f++)
        {
            var records = new List<object>();
            for (var i = 0; i < perFile; i++)
            {
                var text = withDuplicates && i % 5 == 0 ? $"반복되는 문서  {i % 3}" : $"파일 {f} 문서 {i}\r\n둘째   줄";
                records.Add(new { id = $"f{f}-{i}", text, n = i });
            }
            if (withBadLines)
            {
                records.Add("""{"id": "broken", "text": """);
                records.Add("""{"id": "empty", "text": "   "}""");
            }
            TestFiles.WriteJsonl(input, $"part-{f:D2}.jsonl.gz", records);
        }
        return input;
    }

    private static PipelineDefinition Build(string input, string output, int threads, params IStage[] extra)
    {
        var builder = new PipelineBuilder()
            .ReadFrom(new InputOptions { Path = [input] })
            .Add(new NormalizeStage(new NormalizeOptions()))
            .WithExecution(new ExecutionOptions { Threads = threads, BatchDocuments = 7 })
            .WriteTo(new OutputOptions { Path = output });
        foreach (var stage in extra)
        {
            builder.Add(stage);
        }
        return builder.Build();
    }

    [Fact]
    public async Task EveryDocumentReadIsKeptOrRejectedAndTheStatsReconcile()
    {
        var folder = TestPaths.NewTempDirectory();
        var input = MakeInput(folder, files: 3, perFile: 40, withBadLines: true);
        var output = Path.Combine(folder, "out");
        var stats = await Build(input, output, threads: 2).RunAsync();
        Assert.Equal(3 * 42, stats.Read);
        Assert.Equal(3 * 40, stats.Kept);
        Assert.Equal(6, stats.Rejected);
        Assert.True(stats.Reconciled);
        Assert.Equal(3, stats.RejectionsByReason["input.malformed_json"]);
        Assert.Equal(3, stats.RejectionsByReason["normalize.empty"]);
        Assert.Equal(stats.Kept, TestFiles.ReadOutput(output).Count);
        Assert.Equal(stats.Rejected, TestFiles.ReadRejected(output).Count);
        var merged = PipelineStats.FromJson(File.ReadAllText(Path.Combine(output, "stats.json")));
        Assert.Equal((stats.Read, stats.Kept, stats.Rejected), (merged.Read, merged.Kept, merged.Rejected));
        Assert.Equal(DataPrep.IO.Gzip.GzipEngine.Current.Name, merged.GzipEngine);
    }

    [Fact]
    public void MergedStatsNameEveryGzipEngineTheShardsRanWith()
    {
        var merged = PipelineStats.Merge([
            new PipelineStats { GzipEngine = "isa-l (libisal.so.2)" },
            new PipelineStats { GzipEngine = "zlib-ng (System.IO.Compression)" },
            new PipelineStats { GzipEngine = "isa-l (libisal.so.2)" },
        ]);
        Assert.Equal("isa-l (libisal.so.2); zlib-ng (System.IO.Compression)", merged.GzipEngine);
        Assert.Equal(merged.GzipEngine, PipelineStats.FromJson(merged.ToJson()).GzipEngine);
    }

    [Fact]
    public async Task OutputIsTheSameWhateverTheNumberOfThreads()
    {
        var folder = TestPaths.NewTempDirectory();
        var input = MakeInput(folder, files: 2, perFile: 300);
        var outputs = new List<string>();
        foreach (var threads in new[] { 1, 2, 8 })
        {
            var output = Path.Combine(folder, $"out-{threads}");
            await Build(input, output, threads).RunAsync();
            outputs.Add(string.Join("\n", TestFiles.ReadOutput(output).Select(e => e.GetRawText())));
        }
        Assert.Equal(outputs[0], outputs[1]);
        Assert.Equal(outputs[0], outputs[2]);
        Assert.Contains("둘째 줄", outputs[0]);
    }

    [Fact]
    public async Task ShardsSplitFilesAndTogetherKeepWhatOneRunKeeps()
    {
        var folder = TestPaths.NewTempDirectory();
        var input = MakeInput(folder, files: 5, perFile: 20);
        var single = Path.Combine(folder, "single");
        await Build(input, single, 2).RunAsync();
        var sharded = Path.Combine(folder, "sharded");
        for (var rank = 0; rank < 3; rank++)
        {
            await Build(input, sharded, 2).RunAsync(new ShardSpec(rank, 3));
        }
        var merged = PipelineRunner.MergeStats(sharded);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(sharded, "done")).Length);
        Assert.Equal(100, merged.Kept);
        Assert.True(merged.Reconciled);
        Assert.Equal(
            TestFiles.ReadOutput(single).Select(e => e.GetProperty("id").GetString()).Order(),
            TestFiles.ReadOutput(sharded).Select(e => e.GetProperty("id").GetString()).Order());
    }

    [Fact]
    public async Task ARerunSkipsShardsThatCompleted()
    {
        var folder = TestPaths.NewTempDirectory();
        var input = MakeInput(folder, files: 2, perFile: 10);
        var output = Path.Combine(folder, "out");
        await Build(input, output, 1).RunAsync(new ShardSpec(0, 2));
        var marker = Directory.GetFiles(Path.Combine(output, "done")).Single();
        var written = File.GetLastWriteTimeUtc(Directory.GetFiles(output, "rank-00000-*").Single());
        await Task.Delay(50);
        var stats = await Build(input, output, 1).RunAsync(worldSize: 2);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Directory.GetFiles(output, "rank-00000-*").Single()));
        Assert.Equal(20, stats.Kept);
        Assert.True(File.Exists(marker));
    }

    [Fact]
    public async Task AnOutputFolderOfAnotherWorldSizeIsRefused()
    {
        var folder = TestPaths.NewTempDirectory();
        var input = MakeInput(folder, files: 2, perFile: 3);
        var output = Path.Combine(folder, "out");
        await Build(input, output, 1).RunAsync(worldSize: 2);
        var error = await Assert.ThrowsAsync<DataPrep.Configuration.PipelineConfigException>(() => Build(input, output, 1).RunAsync(worldSize: 3));
        Assert.Contains("world size 2", error.Message);
    }

    [Fact]
    public async Task CorpusWideStagesRunInPhasesAndGiveTheSameKeptSetForAnyShardCount()
    {
        var folder = TestPaths.NewTempDirectory();
        var input = MakeInput(folder, files: 7, perFile: 30, withDuplicates: true);
        var keptSets = new List<string[]>();
        foreach (var world in new[] { 1, 2, 7 })
        {
            var output = Path.Combine(folder, $"out-{world}");
            var pipeline = Build(input, output, 2, new FirstOccurrenceStage());
            Assert.Equal(3, pipeline.Phases.Count);
            var stats = await pipeline.RunAsync(worldSize: world);
            Assert.True(stats.Reconciled);
            Assert.Equal(7 * 30 - (7 * 6 - 3), stats.Kept); // 6 repeated texts per file, 3 distinct in all
            keptSets.Add(TestFiles.ReadOutput(output).Select(e => e.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToArray());
            var duplicates = TestFiles.ReadRejected(output);
            Assert.All(duplicates, d => Assert.Equal("test.first.duplicate", d.GetProperty("reason").GetString()));
            Assert.Contains(duplicates, d => d.GetProperty("duplicate_of").GetString() == "f0-0");
        }
        Assert.Equal(keptSets[0], keptSets[1]);
        Assert.Equal(keptSets[0], keptSets[2]);
    }

    [Fact]
    public async Task AMultiPhaseRunsWallTimeIsTheSumOfItsPhasesLongestShards()
    {
        var folder = TestPaths.NewTempDirectory();
        var output = Path.Combine(folder, "out");
        var stats = await Build(MakeInput(folder, files: 4, perFile: 20, withDuplicates: true), output, 2, new FirstOccurrenceStage()).RunAsync(worldSize: 2);
        var phases = Directory.GetFiles(Path.Combine(output, "stats"), "*.json")
            .Select(f => (Phase: Path.GetFileName(f).Split('-')[0], Wall: JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("wall_seconds").GetDouble()))
            .GroupBy(p => p.Phase).Select(g => g.Max(p => p.Wall)).ToList();
        Assert.Equal(3, phases.Count);
        Assert.Equal(phases.Sum(), stats.WallSeconds, precision: 6);
        Assert.True(stats.WallSeconds > phases.Max());
    }

    [Fact]
    public async Task OneShardOfACorpusWidePipelineCannotRunAlone()
    {
        var folder = TestPaths.NewTempDirectory();
        var input = MakeInput(folder, files: 2, perFile: 3);
        var pipeline = Build(input, Path.Combine(folder, "out"), 1, new FirstOccurrenceStage());
        var error = await Assert.ThrowsAsync<DataPrep.Configuration.PipelineConfigException>(() => pipeline.RunAsync(new ShardSpec(0, 2)));
        Assert.Contains("test.first", error.Message);
    }

    [Fact]
    public async Task StrictModeStopsAtTheFirstBadRecord()
    {
        var folder = TestPaths.NewTempDirectory();
        var input = MakeInput(folder, files: 1, perFile: 3, withBadLines: true);
        var pipeline = Build(input, Path.Combine(folder, "out"), 1).With(execution: new ExecutionOptions { Strict = true });
        var error = await Assert.ThrowsAsync<InputErrorException>(() => pipeline.RunAsync());
        Assert.Contains("input.malformed_json", error.Message);
        Assert.False(Directory.Exists(Path.Combine(folder, "out", "done")) && Directory.GetFiles(Path.Combine(folder, "out", "done")).Length > 0);
    }

    [Fact]
    public async Task AFailingStageFailsTheShardWithItsIdAndLeavesNoOutputThatLooksComplete()
    {
        var folder = TestPaths.NewTempDirectory();
        var input = MakeInput(folder, files: 1, perFile: 50);
        var output = Path.Combine(folder, "out");
        var pipeline = Build(input, output, 2, new ExplodingStage());
        var error = await Assert.ThrowsAsync<StageFailedException>(() => pipeline.RunAsync());
        Assert.Equal("test.explode", error.StageId);
        Assert.Equal("f0-17", error.DocumentId);
        Assert.Empty(Directory.GetFiles(output, "rank-*"));
        Assert.False(Directory.Exists(Path.Combine(output, "done")));
    }

    [Fact]
    public async Task StreamingPipelineRunsStagesOverAnyAsyncSequence()
    {
        var documents = Enumerable.Range(0, 100).Select(i => Some.Document(i % 10 == 0 ? " " : $"문서  {i}", $"s{i}")).ToAsyncEnumerable();
        var sink = new CollectingRejectionSink();
        var kept = await StreamingPipeline.RunAsync(documents, [new NormalizeStage(new NormalizeOptions())], sink).ToListAsync();
        Assert.Equal(90, kept.Count);
        Assert.Equal("문서 1", kept[0].Text);
        Assert.Equal(10, sink.Items.Count);
    }

    private sealed class ExplodingStage : FilterStage
    {
        public override string Id => "test.explode";

        protected override Verdict Evaluate(DataPrep.Documents.Document document, StageStats stats) =>
            document.Id == "f0-17" ? throw new InvalidOperationException("boom") : Verdict.Keep;
    }
}
