using BenchmarkDotNet.Attributes;
using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Stages.Pii;

namespace DataPrep.Benchmarks.Pii;

/// <summary>
/// The PiiScrub stage as the runner calls it (<see cref="DocumentStage.Process"/>: byte counting, all default detectors,
/// tag replacement) over whole Korean corpora, one thread. MB/s = UTF-8 bytes printed at setup ÷ mean time; the cleanup
/// also prints MB/s per CPU-second of the benchmark thread (lines starting <c>// PII-CPU</c>), which a loaded machine does not distort.
/// Run: <c>dotnet run -c Release --project bench/DataPrep.Benchmarks -- --filter '*PiiScrubBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class PiiScrubBenchmarks
{
    private readonly PiiScrubber _stage = new();
    private Document[] _documents = [];
    private string[] _texts = [];
    private StageContext _context = null!;
    private long _bytes;
    private readonly List<double> _cpuSeconds = [];

    [Params("ko-petitions.jsonl.gz", "ko-wiki.jsonl.gz", "ko-nsmc-reviews.jsonl.gz")]
    public string Corpus { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _texts = BenchCorpus.Texts(Corpus, limit: Corpus.StartsWith("ko-wiki", StringComparison.Ordinal) ? 40_000 : int.MaxValue);
        _documents = _texts.Select((t, i) => new Document(i.ToString(System.Globalization.CultureInfo.InvariantCulture), t)).ToArray();
        _context = new StageContext(_stage.Id, ShardSpec.Single);
        _bytes = PiiCorpus.Utf8Bytes(_texts);
        Console.WriteLine($"// {Corpus}: {_texts.Length} docs, {_bytes} UTF-8 bytes");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // Median over all invocations (the first ones run cold, tier-0 code): robust to the warm-up and to outliers.
        _cpuSeconds.Sort();
        var median = _cpuSeconds[_cpuSeconds.Count / 2];
        Console.WriteLine(
            $"// PII-CPU {Corpus}: {_cpuSeconds.Count} ops, median {median * 1000:F1} ms CPU/op = {_bytes / median / 1e6:F0} MB/s per core, best {_bytes / _cpuSeconds[0] / 1e6:F0} MB/s (thread CPU time)");
    }

    [Benchmark]
    public int ScrubCorpus()
    {
        var cpu = ThreadCpuClock.Seconds();
        var kept = 0;
        for (var i = 0; i < _documents.Length; i++)
        {
            _documents[i].Text = _texts[i];
            kept += _stage.Process(_documents[i], _context) ? 1 : 0;
        }
        _cpuSeconds.Add(ThreadCpuClock.Seconds() - cpu);
        return kept;
    }
}
