using System.Text;
using BenchmarkDotNet.Attributes;
using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Stages.Quality;

namespace DataPrep.Benchmarks.Quality;

/// <summary>
/// The whole heuristic quality set (ScriptQuality, Blocklist, GopherRepetition, GopherQuality, C4Quality,
/// FineWebQuality) on one core over real Korean and English text, every document through every stage
/// (no early exit, so each rule is paid for on each document), and language identification alone.
/// MB/s = <see cref="TextMegabytes"/> / mean time.
/// Run: <c>dotnet run -c Release --project bench/DataPrep.Benchmarks -- --filter '*QualityHeuristics*'</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
[MemoryDiagnoser]
public class QualityHeuristicsBenchmark
{
    private const long MaxBytes = 8_000_000;

    private List<Document> _documents = [];
    private DocumentStage[] _heuristics = [];
    private StageContext[] _contexts = [];
    private LanguageIdAnnotator _languageId = null!;
    private StageContext _languageContext = null!;

    [Params("ko-wiki.jsonl.gz", "ko-petitions.jsonl.gz", "en-wiki.jsonl.gz")]
    public string Corpus { get; set; } = "";

    /// <summary>UTF-8 megabytes of text in one benchmark operation (printed in the log at setup).</summary>
    public double TextMegabytes { get; private set; }

    // The machine is shared, so wall time overstates the cost; the benchmark thread's own CPU time over
    // the operations (printed at cleanup) gives MB per CPU-second, i.e. per core, whatever else runs.
    private long _operations;
    private string _method = "";
    private double _cpuSeconds;

    [GlobalSetup]
    public void Setup()
    {
        _documents = BenchCorpus.Read(Corpus, MaxBytes);
        var bytes = _documents.Sum(d => (long)Encoding.UTF8.GetByteCount(d.Text));
        TextMegabytes = bytes / 1e6;
        Console.WriteLine($"// {Corpus}: {_documents.Count} documents, {TextMegabytes:F2} MB of UTF-8 text per operation");
        _heuristics =
        [
            new ScriptQualityFilter(new()), new BlocklistFilter(new() { MinMatches = 3 }), new GopherRepetitionFilter(new()), new GopherQualityFilter(new()),
            new C4QualityFilter(new() { FilterNoTerminalPunctuation = false }), new FineWebQualityFilter(new()),
        ];
        _contexts = _heuristics.Select(s => new StageContext(s.Id, ShardSpec.Single)).ToArray();
        _languageId = new LanguageIdAnnotator(new());
        _languageContext = new StageContext(_languageId.Id, ShardSpec.Single);

        // Reach tier-1 code before BenchmarkDotNet's own pilot and warm-up runs, so the per-core figure
        // printed at cleanup is steady-state code rather than the first, partly interpreted passes.
        for (var i = 0; i < 3; i++)
        {
            HeuristicSet();
            LanguageId();
            Thread.Sleep(200);
        }
        _operations = 0;
        _cpuSeconds = 0;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// Thread-CPU throughput {_method} {Corpus}: {_operations * TextMegabytes / _cpuSeconds:F1} MB per CPU-second ({_operations} operations, {_cpuSeconds:F2} CPU-s)");
    }

    [Benchmark(Description = "heuristic set, all stages on every document")]
    public int HeuristicSet()
    {
        _operations++;
        _method = nameof(HeuristicSet);
        var start = ThreadCpuClock.Seconds();
        var kept = 0;
        foreach (var document in _documents)
        {
            var all = true;
            for (var i = 0; i < _heuristics.Length; i++)
            {
                all &= _heuristics[i].Process(document, _contexts[i]);
            }
            kept += all ? 1 : 0;
        }
        _cpuSeconds += ThreadCpuClock.Seconds() - start;
        return kept;
    }

    [Benchmark(Description = "LanguageId (script statistics + Lingua for ambiguous)")]
    public int LanguageId()
    {
        _operations++;
        _method = nameof(LanguageId);
        var start = ThreadCpuClock.Seconds();
        var kept = 0;
        foreach (var document in _documents)
        {
            kept += _languageId.Process(document, _languageContext) ? 1 : 0;
        }
        _cpuSeconds += ThreadCpuClock.Seconds() - start;
        return kept;
    }
}
