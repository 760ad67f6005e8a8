using System.IO.Compression;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using DataPrep.Tokenizers;

namespace DataPrep.Benchmarks.Tokenization;

/// <summary>
/// Encoding throughput per tokenizer on real text: the first 2 MB (UTF-8) of Korean movie reviews (ko-nsmc-reviews,
/// short informal documents) and of English Wikipedia, on one thread and on all cores. MB/s = 2 MB / mean time.
/// Run: <c>dotnet run -c Release --project bench/DataPrep.Benchmarks -- --filter '*TokenizerThroughput*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class TokenizerThroughputBenchmarks
{
    private const int CorpusBytes = 2_000_000;

    private ITextTokenizer _tokenizer = null!;
    private string[] _documents = [];
    private List<int>[] _ids = [];

    [Params("r50k_base", "cl100k_base", "o200k_base", "llama2-sentencepiece", "llama3", "qwen3", "mistral7b")]
    public string Tokenizer { get; set; } = "";

    [Params("ko-nsmc-reviews", "en-wiki")]
    public string Corpus { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _tokenizer = TokenizerFactory.GetShared(TokenizerFactory.IsEncodingName(Tokenizer) ? Tokenizer : Path.Combine(BenchPaths.Tokenizers, Tokenizer));
        _documents = ReadPrefix(BenchPaths.Corpus(Corpus + ".jsonl.gz"), CorpusBytes);
        _ids = [.. Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new List<int>(4096))];
    }

    [Benchmark(Baseline = true, Description = "one thread, ids")]
    public long OneThread()
    {
        var ids = _ids[0];
        long total = 0;
        foreach (var document in _documents)
        {
            ids.Clear();
            total += _tokenizer.Encode(document, ids);
        }
        return total;
    }

    [Benchmark(Description = "all cores, ids")]
    public long AllCores()
    {
        long total = 0;
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, _documents.Length, 256),
            () => new List<int>(4096),
            (range, _, ids) =>
            {
                long local = 0;
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    ids.Clear();
                    local += _tokenizer.Encode(_documents[i], ids);
                }
                Interlocked.Add(ref total, local);
                return ids;
            },
            _ => { });
        return total;
    }

    private static string[] ReadPrefix(string path, int bytes)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var documents = new List<string>();
        var total = 0;
        while (total < bytes && reader.ReadLine() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            var text = json.RootElement.GetProperty("text").GetString() ?? "";
            var size = Encoding.UTF8.GetByteCount(text);
            if (total + size > bytes)
            {
                // Cut the last document so every tokenizer sees exactly the same 2 MB.
                var chars = text.Length * (bytes - total) / size;
                text = text[..chars];
                if (text.Length > 0 && char.IsHighSurrogate(text[^1]))
                {
                    text = text[..^1];
                }
                size = Encoding.UTF8.GetByteCount(text);
            }
            documents.Add(text);
            total += size;
        }
        return [.. documents];
    }
}
