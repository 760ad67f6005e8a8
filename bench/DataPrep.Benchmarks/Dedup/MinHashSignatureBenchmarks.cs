using System.Text;
using BenchmarkDotNet.Attributes;
using DataPrep.Stages.Dedup.MinHash;

namespace DataPrep.Benchmarks.Dedup;

/// <summary>
/// MinHash signature throughput (shingling + 128 SIMD permutations) on one core, over the first ~4 MB of UTF-8
/// text of a real corpus, and the shingling half alone. MB/s = <see cref="Utf8Bytes"/> / mean time; the setup also
/// prints this thread's CPU-time throughput (MB per CPU-second), which a busy shared machine distorts much less.
/// Run: <c>dotnet run -c Release --project bench/DataPrep.Benchmarks -- --filter '*MinHashSignature*'</c>.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class MinHashSignatureBenchmarks
{
    private string[] _texts = [];
    private MinHasher _hasher = null!;
    private ShingleWorkspace _workspace = null!;
    private uint[] _signature = [];

    [Params("ko-petitions.jsonl.gz", "en-wiki.jsonl.gz")]
    public string Corpus { get; set; } = "";

    [Params(ShingleUnit.Chars, ShingleUnit.Words)]
    public ShingleUnit Unit { get; set; }

    [Params(128)]
    public int Permutations { get; set; }

    /// <summary>UTF-8 bytes of text per invocation (printed at setup).</summary>
    public long Utf8Bytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _texts = BenchCorpus.Texts(Corpus, 4_000_000);
        Utf8Bytes = _texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
        Console.WriteLine($"// {Corpus}: {_texts.Length} docs, {Utf8Bytes} UTF-8 bytes per invocation");
        _hasher = new MinHasher(Permutations, 1);
        _workspace = new ShingleWorkspace();
        _signature = new uint[Permutations];
        // On a shared machine wall time undercounts a core: also report this thread's CPU time per pass
        // (best and median of 40 passes, after the JIT has had time to tier up), for both halves of the work.
        foreach (var (name, pass) in new (string, Func<uint>)[] { ("signatures", Signatures), ("shingling only", Shingles) })
        {
            var seconds = new List<double>();
            for (var i = 0; i < 40; i++)
            {
                var before = ThreadCpuClock.Seconds();
                pass();
                seconds.Add(ThreadCpuClock.Seconds() - before);
            }
            seconds.Sort();
            Console.WriteLine($"// {Corpus} {Unit} {name}: {Utf8Bytes / 1e6 / seconds[0]:0.0} MB per CPU-second (best of 40 passes, " +
                $"{seconds[0] * 1000:0.0} ms), median {Utf8Bytes / 1e6 / seconds[20]:0.0}; load average {File.ReadAllText("/proc/loadavg")[..14]}");
        }
    }

    [Benchmark]
    public uint Signatures()
    {
        uint check = 0;
        foreach (var text in _texts)
        {
            var count = Shingler.Hash(text, Unit, 5, 1, _workspace);
            _hasher.Compute(_workspace.Hashes.AsSpan(0, count), _signature);
            check ^= _signature[0];
        }
        return check;
    }

    /// <summary>The shingling half alone (text → shingle hashes), to show where the time goes.</summary>
    [Benchmark]
    public uint Shingles()
    {
        uint check = 0;
        foreach (var text in _texts)
        {
            var count = Shingler.Hash(text, Unit, 5, 1, _workspace);
            check ^= (uint)count;
        }
        return check;
    }
}
