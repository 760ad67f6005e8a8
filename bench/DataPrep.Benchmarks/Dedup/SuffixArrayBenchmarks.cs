using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using DataPrep.Stages.Dedup.Substring;

namespace DataPrep.Benchmarks.Dedup;

/// <summary>
/// Suffix-array construction (SA-IS) on one core over the UTF-8 text of ko-wiki (documents joined by the 0xFF
/// separator SubstringDedup uses), at the part sizes the stage builds. MB/s = <see cref="Bytes"/> / mean time; the
/// cleanup also prints MB per CPU-second of the benchmark thread, which a machine shared with other jobs distorts much less.
/// Run: <c>dotnet run -c Release --project bench/DataPrep.Benchmarks -- --filter '*SuffixArray*'</c>.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SuffixArrayBenchmarks
{
    private byte[] _text = [];
    private int[] _suffixes = [];
    private readonly List<double> _cpuSeconds = [];

    [Params("ko-wiki.jsonl.gz")]
    public string Corpus { get; set; } = "";

    /// <summary>4 MiB, and the stage's block size with the default 256 MiB budget on 2 threads (256 MiB / (9 × 2)).</summary>
    [Params(4 << 20, (256 << 20) / (9 * 2))]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var joined = new MemoryStream();
        foreach (var text in BenchCorpus.Texts(Corpus, Bytes))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            joined.Write(bytes);
            joined.WriteByte(0xFF);
        }
        _text = joined.ToArray().AsSpan(0, Math.Min(Bytes, (int)joined.Length)).ToArray();
        Bytes = _text.Length;
        _suffixes = new int[_text.Length];
        Console.WriteLine($"// {Corpus}: {_text.Length} bytes per invocation");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cpuSeconds.Sort();
        var median = _cpuSeconds[_cpuSeconds.Count / 2];
        Console.WriteLine(
            $"// SA-CPU {Corpus} {_text.Length} bytes: {_cpuSeconds.Count} ops, median {median:F2} s CPU/op = {_text.Length / median / 1e6:F1} MB/s per core, best {_text.Length / _cpuSeconds[0] / 1e6:F1} MB/s (thread CPU time)");
    }

    [Benchmark]
    public int Build()
    {
        var cpu = ThreadCpuClock.Seconds();
        SuffixArray.Build(_text, _suffixes);
        _cpuSeconds.Add(ThreadCpuClock.Seconds() - cpu);
        return _suffixes[0];
    }
}
