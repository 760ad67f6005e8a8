using System.Text;
using BenchmarkDotNet.Attributes;
using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Stages.Quality;

namespace DataPrep.Benchmarks.Quality;

/// <summary>
/// The <c>QualityClassifier</c> stage (hashed char 1–4-grams + word 1–2-grams, 2^20 buckets, sparse dot
/// product) on one core over real Korean and English text. The model is trained in setup on petitions
/// against Korean Wikipedia title-only stubs; scoring cost does not depend on the weights.
/// Run: <c>dotnet run -c Release --project bench/DataPrep.Benchmarks -- --filter '*QualityClassifier*'</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
[MemoryDiagnoser]
public class QualityClassifierBenchmark
{
    private const long MaxBytes = 4_000_000;

    private List<Document> _documents = [];
    private QualityClassifierFilter _stage = null!;
    private StageContext _context = null!;
    private long _operations;
    private double _cpuSeconds;
    private long _scoredChars;

    [Params("ko-wiki.jsonl.gz", "ko-petitions.jsonl.gz", "en-wiki.jsonl.gz")]
    public string Corpus { get; set; } = "";

    /// <summary>UTF-8 megabytes of text in one benchmark operation.</summary>
    public double TextMegabytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _documents = BenchCorpus.Read(Corpus, MaxBytes);
        TextMegabytes = _documents.Sum(d => (long)Encoding.UTF8.GetByteCount(d.Text)) / 1e6;
        var good = BenchCorpus.Read("ko-petitions.jsonl.gz", 2_000_000).Take(800);
        var bad = BenchCorpus.Read("ko-wiki.jsonl.gz", 4_000_000).Where(d => !d.Text.Trim().Contains('\n', StringComparison.Ordinal)).Take(800);
        var (model, metrics) = QualityClassifierTrainer.Train(good, bad, new QualityClassifierTrainingOptions { Epochs = 2 });
        _stage = new QualityClassifierFilter(new QualityClassifierOptions { Threshold = 0.5 }, model);
        _context = new StageContext(_stage.Id, ShardSpec.Single);
        _scoredChars = _documents.Sum(d => (long)Math.Min(d.Text.Length, model.MaxChars));
        Console.WriteLine($"// {Corpus}: {_documents.Count} documents, {TextMegabytes:F2} MB of UTF-8 text per operation, {_scoredChars} characters scored (maxChars {model.MaxChars}); model held-out F1 {metrics.F1:F3}");
        for (var i = 0; i < 3; i++)
        {
            Score();
            Thread.Sleep(200);
        }
        _operations = 0;
        _cpuSeconds = 0;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// Thread-CPU throughput QualityClassifier {Corpus}: {_operations * TextMegabytes / _cpuSeconds:F1} MB per CPU-second, "
            + $"{_operations * _documents.Count / _cpuSeconds:F0} docs per CPU-second ({_operations} operations, {_cpuSeconds:F2} CPU-s)");
    }

    [Benchmark(Description = "QualityClassifier stage, every document")]
    public int Score()
    {
        _operations++;
        var start = ThreadCpuClock.Seconds();
        var kept = 0;
        foreach (var document in _documents)
        {
            kept += _stage.Process(document, _context) ? 1 : 0;
        }
        _cpuSeconds += ThreadCpuClock.Seconds() - start;
        return kept;
    }
}
