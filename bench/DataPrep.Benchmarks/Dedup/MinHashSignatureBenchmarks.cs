using System.IO.Compression;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using DataPrep.Stages.Dedup.MinHash;

namespace DataPrep.Benchmarks.Dedup;

/// <summary>
/// MinHash signature throughput (shingling + XxHash3 + 128 SIMD permutations) on one core, over the first
/// ~4 MB of UTF-8 text of a real corpus. MB/s = <see cref="Utf8Bytes"/> / mean time; the setup also prints the
/// CPU-time throughput (MB per CPU-second), which a busy shared machine does not distort.
/// Run: <c>dotnet run -c Release --project bench/DataPrep.Benchmarks -- --filter '*MinHashSignature*'</c>.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class MinHashSignatureBenchmarks
{
    private string[] _texts = [];
    private MinHasher _hasher = null!;
    private ShingleWorkspace _workspace = null!;
    private ulong[] _signature = [];

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
        _texts = Load(BenchPaths.Corpus(Corpus), 4_000_000);
        Utf8Bytes = _texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
        Console.WriteLine($"// {Corpus}: {_texts.Length} docs, {Utf8Bytes} UTF-8 bytes per invocation");
        _hasher = new MinHasher(Permutations, 1);
        _workspace = new ShingleWorkspace();
        _signature = new ulong[Permutations];
        // On a shared machine wall time undercounts a core; report CPU-time throughput too (best of 6 passes).
        var best = double.MaxValue;
        for (var pass = 0; pass < 6; pass++)
        {
            var before = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            Signatures();
            best = Math.Min(best, (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds);
        }
        Console.WriteLine($"// {Corpus} {Unit}: CPU-time throughput {Utf8Bytes / 1e6 / best:0.0} MB/s per core (best of 6 passes, {best * 1000:0} ms CPU)");
    }

    [Benchmark]
    public ulong Signatures()
    {
        ulong check = 0;
        foreach (var text in _texts)
        {
            var count = Shingler.Hash(text, Unit, 5, 1, _workspace);
            _hasher.Compute(_workspace.Hashes.AsSpan(0, count), _signature);
            check ^= _signature[0];
        }
        return check;
    }

    internal static string[] Load(string path, long maxBytes)
    {
        var texts = new List<string>();
        long bytes = 0;
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (bytes < maxBytes && reader.ReadLine() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            var text = json.RootElement.GetProperty("text").GetString() ?? "";
            texts.Add(text);
            bytes += Encoding.UTF8.GetByteCount(text);
        }
        return [.. texts];
    }
}
