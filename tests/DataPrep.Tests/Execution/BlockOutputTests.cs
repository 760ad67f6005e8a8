using System.IO.Compression;
using System.Text;
using DataPrep.Configuration;
using DataPrep.Execution;
using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.Pipeline;
using DataPrep.Stages.Normalize;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Execution;

public class BlockOutputTests
{
    // Real Korean and English documents, with a few bad lines spread through the file.
    private static string MakeCorpusInput(string folder)
    {
        var input = Path.Combine(folder, "in");
        Directory.CreateDirectory(input);
        var records = new List<object>();
        var i = 0;
        foreach (var document in CorpusReader.Read("ko-petitions.jsonl.gz", limit: 2500).Concat(CorpusReader.Read("en-wiki.jsonl.gz", limit: 500)))
        {
            records.Add(new { id = document.Id, text = document.Text, n = i });
            if (++i % 700 == 0)
            {
                records.Add("""{"id": "broken", "text": """);
                records.Add("""{"id": "blank", "text": " \n "}""");
            }
        }
        TestFiles.WriteJsonl(input, "corpus.jsonl.gz", records);
        return input;
    }

    private static PipelineDefinition Build(string input, string output, int threads, OutputCompression compression) =>
        new PipelineBuilder()
            .ReadFrom(new InputOptions { Path = [input] })
            .Add(new NormalizeStage(new NormalizeOptions()))
            .WithExecution(new ExecutionOptions { Threads = threads, BatchDocuments = 64 })
            .WriteTo(new OutputOptions { Path = output, Compression = compression, MaxFileMegabytes = 1 })
            .Build();

    private static string[] OutputFiles(string output) =>
        [.. Directory.GetFiles(output, "rank-*.jsonl*").Order(StringComparer.Ordinal)];

    // Read as the pipeline reads its input (gzip, zstd or plain by the file's signature).
    private static string Decompressed(string file)
    {
        using var reader = new StreamReader(CompressedStreams.OpenRead(file), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [SharedDataFact]
    public async Task TheRejectsFileIsIdenticalForOneAndFourThreads()
    {
        // Bad lines are parsed and short documents rejected on worker threads; the rejects still follow input order.
        var folder = TestPaths.NewTempDirectory();
        var input = MakeCorpusInput(folder);
        string Rejects(string output) => string.Concat(Directory.GetFiles(Path.Combine(output, "rejected")).Order(StringComparer.Ordinal)
            .Select(f => new StreamReader(new GZipStream(File.OpenRead(f), CompressionMode.Decompress)).ReadToEnd()));
        var outputs = new List<string>();
        foreach (var threads in new[] { 1, 4 })
        {
            var output = Path.Combine(folder, $"t{threads}");
            await new PipelineBuilder()
                .ReadFrom(new InputOptions { Path = [input] })
                .Add(new NormalizeStage(new NormalizeOptions()))
                .Add(new DataPrep.Stages.Quality.GopherQualityFilter(new DataPrep.Stages.Quality.GopherQualityOptions()))
                .WithExecution(new ExecutionOptions { Threads = threads, BatchDocuments = 16 })
                .WriteTo(new OutputOptions { Path = output })
                .Build().RunAsync();
            outputs.Add(Rejects(output));
        }
        Assert.Contains("input.malformed_json", outputs[0]);
        Assert.Contains("quality.gopher.", outputs[0]);
        Assert.Equal(outputs[0], outputs[1]);
    }

    [SharedDataTheory]
    [InlineData(OutputCompression.Gzip)]
    [InlineData(OutputCompression.Zstd)]
    [InlineData(OutputCompression.None)]
    public async Task OutputFilesAreIdenticalForOneAndTwoThreads(OutputCompression compression)
    {
        var folder = TestPaths.NewTempDirectory();
        var input = MakeCorpusInput(folder);
        var one = Path.Combine(folder, "one");
        var two = Path.Combine(folder, "two");
        await Build(input, one, 1, compression).RunAsync();
        await Build(input, two, 2, compression).RunAsync();
        var first = OutputFiles(one);
        var second = OutputFiles(two);
        Assert.True(first.Length >= 2, $"{first.Length} parts");
        Assert.Equal(first.Length, second.Length);
        // Content first, so a failure tells a difference in the documents from one in how they were compressed.
        for (var i = 0; i < first.Length; i++)
        {
            Assert.Equal(Decompressed(first[i]), Decompressed(second[i]));
        }
        for (var i = 0; i < first.Length; i++)
        {
            Assert.Equal(File.ReadAllBytes(first[i]), File.ReadAllBytes(second[i]));
        }
    }

    [SharedDataFact]
    public async Task BlockCompressedOutputIsReadWholeByGZipStreamAndByTheReader()
    {
        var folder = TestPaths.NewTempDirectory();
        var input = MakeCorpusInput(folder);
        var output = Path.Combine(folder, "out");
        var stats = await Build(input, output, 2, OutputCompression.Gzip).RunAsync();
        var parts = Directory.GetFiles(output, "rank-*.jsonl.gz").Order(StringComparer.Ordinal).ToList();
        var lines = 0L;
        foreach (var part in parts)
        {
            using var gzip = new GZipStream(File.OpenRead(part), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            while (reader.ReadLine() is not null)
            {
                lines++;
            }
        }
        Assert.Equal(stats.Kept, lines);
        var context = new InputContext(new InputOptions(), new StageContext(InputReasons.StageId, ShardSpec.Single, rejections: new CollectingRejectionSink()));
        var reread = parts.Select((p, i) => new InputFile(p, Path.GetFileName(p), i))
            .Sum(f => (long)new JsonlDocumentReader().Read(f, context, CancellationToken.None).Count());
        Assert.Equal(stats.Kept, reread);
        Assert.Equal(0, context.Stage.Stats.Get(DataPrep.Pipeline.StageStats.DocsRejected));
    }

    [SharedDataFact]
    public async Task BadLinesParsedOnWorkerThreadsAreStillCountedWithTheirLineAndTheStatsReconcile()
    {
        var folder = TestPaths.NewTempDirectory();
        var input = MakeCorpusInput(folder);
        var output = Path.Combine(folder, "out");
        var stats = await Build(input, output, 2, OutputCompression.Gzip).RunAsync();
        Assert.Equal(3008, stats.Read);
        Assert.True(stats.Reconciled);
        Assert.Equal(4, stats.RejectionsByReason["input.malformed_json"]);
        Assert.True(stats.RejectionsByReason["normalize.empty"] >= 4);
        Assert.Equal(stats.Kept, TestFiles.ReadOutput(output).Count);
        var rejected = TestFiles.ReadRejected(output);
        Assert.Equal(stats.Rejected, rejected.Count);
        var malformed = rejected.Where(r => r.GetProperty("reason").GetString() == "input.malformed_json")
            .Select(r => r.GetProperty("source").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["corpus.jsonl.gz:1403", "corpus.jsonl.gz:2105", "corpus.jsonl.gz:2807", "corpus.jsonl.gz:701"], malformed.Select(s => Path.GetFileName(s!)));
    }

    [SharedDataFact]
    public async Task RecordsWithoutTextKeepTheirIdAndSourceInTheRejectsFile()
    {
        var folder = TestPaths.NewTempDirectory();
        var input = Path.Combine(folder, "in");
        Directory.CreateDirectory(input);
        var records = CorpusReader.Read("ko-petitions.jsonl.gz", limit: 40).Select(d => (object)new { id = d.Id, text = d.Text }).ToList();
        records.Insert(10, """{"id": "no-text", "title": "제목만 있는 줄"}""");
        records.Insert(20, """{"id": "num-text", "text": 3.5}""");
        records.Insert(30, """{"id": "broken", "text": """);
        TestFiles.WriteJsonl(input, "part.jsonl.gz", records);
        var output = Path.Combine(folder, "out");
        var stats = await Build(input, output, 2, OutputCompression.Gzip).RunAsync();
        Assert.True(stats.Reconciled);
        var inputRejections = TestFiles.ReadRejected(output).Where(r => r.GetProperty("reason").GetString()!.StartsWith("input.", StringComparison.Ordinal))
            .Select(r => (r.GetProperty("id").GetString(), r.GetProperty("reason").GetString(), Path.GetFileName(r.GetProperty("source").GetString())))
            .ToList();
        Assert.Equal([
            ("no-text", "input.missing_text", "part.jsonl.gz:11"),
            ("num-text", "input.text_not_string", "part.jsonl.gz:21"),
            ("part.jsonl.gz:31", "input.malformed_json", "part.jsonl.gz:31"),
        ], inputRejections.Select(r => (Path.GetFileName(r.Item1)!, r.Item2!, r.Item3!)));
    }
}
