using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using DataPrep.Tokenizers;

namespace DataPrep.Benchmarks.Tokenization;

/// <summary>
/// The speed criterion: one pass, to ids, over Korean movie reviews the tokenizer has not seen (its word
/// caches cannot have been warmed by the same text). Every iteration creates a fresh, unshared tokenizer, warms it on
/// the first 2,000 reviews of ko-nsmc-reviews, then encodes the other 98,000 (9.5 MB of UTF-8) once.
/// <c>Engine</c>: <c>dataprep</c> is what <see cref="TokenizerFactory"/> builds; <c>reference</c> the library
/// implementation the byte-level tokenizers used before (Microsoft.ML.Tokenizers' TiktokenTokenizer, the Hugging Face
/// Rust library), for a before/after in one run. The figure to read is the MB per CPU-second of the benchmark thread,
/// printed at cleanup (the machine is shared, so wall time measures the load as much as the code).
/// Run: <c>dotnet run -c Release --project bench/DataPrep.Benchmarks -- --filter '*TokenizerSinglePass*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class TokenizerSinglePassBenchmarks
{
    private const int WarmUpDocuments = 2_000;

    private string[] _warmUp = [];
    private string[] _unseen = [];
    private double _megabytes;
    private ITextTokenizer _tokenizer = null!;
    private readonly List<int> _ids = new(4096);
    private long _operations;
    private double _cpuSeconds;

    [Params("r50k_base", "cl100k_base", "o200k_base", "llama3", "qwen3", "llama2-sentencepiece", "mistral7b")]
    public string Tokenizer { get; set; } = "";

    [Params("dataprep", "reference")]
    public string Engine { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var all = BenchCorpus.Texts("ko-nsmc-reviews.jsonl.gz");
        _warmUp = all[..WarmUpDocuments];
        _unseen = all[WarmUpDocuments..];
        _megabytes = _unseen.Sum(d => (long)Encoding.UTF8.GetByteCount(d)) / 1e6;
        Console.WriteLine($"// ko-nsmc-reviews: {_unseen.Length} unseen reviews, {_megabytes:F2} MB of UTF-8 per operation");
    }

    [IterationSetup]
    public void FreshTokenizer()
    {
        (_tokenizer as IDisposable)?.Dispose();
        _tokenizer = Create();
        foreach (var document in _warmUp)
        {
            _ids.Clear();
            _tokenizer.Encode(document, _ids);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        (_tokenizer as IDisposable)?.Dispose();
        Console.WriteLine($"// Thread-CPU throughput {Tokenizer} ({Engine}) unseen ko-nsmc-reviews: {_operations * _megabytes / _cpuSeconds:F2} MB per CPU-second ({_operations} operations, {_cpuSeconds:F2} CPU-s)");
    }

    [Benchmark(Description = "one pass over unseen reviews, ids")]
    public long SinglePass()
    {
        _operations++;
        var start = ThreadCpuClock.Seconds();
        long total = 0;
        foreach (var document in _unseen)
        {
            _ids.Clear();
            total += _tokenizer.Encode(document, _ids);
        }
        _cpuSeconds += ThreadCpuClock.Seconds() - start;
        return total;
    }

    private ITextTokenizer Create()
    {
        var spec = TokenizerFactory.IsEncodingName(Tokenizer) ? Tokenizer : Path.Combine(BenchPaths.Tokenizers, Tokenizer);
        if (Engine == "dataprep")
        {
            return TokenizerFactory.Create(spec);
        }
        // SentencePiece and Mistral have no second implementation here: their reference run is the same encoder.
        return Tokenizer switch
        {
            "r50k_base" or "cl100k_base" or "o200k_base" => TiktokenTextTokenizer.Create(Tokenizer),
            "llama3" or "qwen3" => HuggingFaceTokenizer.Load(Path.Combine(spec, "tokenizer.json")),
            _ => TokenizerFactory.Create(spec),
        };
    }
}
