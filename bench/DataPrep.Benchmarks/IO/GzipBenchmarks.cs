using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using DataPrep.IO.Gzip;
using DataPrep.IO.Writers;

namespace DataPrep.Benchmarks.IO;

/// <summary>
/// gzip engines on one core, on real JSONL (the first 16 MiB of a shared corpus, decompressed in place):
/// compressing 1 MiB blocks into independent members as <c>JsonlDocumentWriter</c> does (zlib-ng level 1, the
/// <c>Fastest</c> level, against ISA-L levels 0-3), and inflating the whole corpus file (zlib through
/// <c>GzipMemberStream</c> against ISA-L's <c>isal_inflate</c>). MB/s = uncompressed JSONL bytes / mean time. The setup
/// prints each case's ratio and its MB per CPU-second of this thread (best of 10 passes), which a busy shared machine
/// distorts much less than wall time.
/// Run: <c>dotnet run -c Release --project bench/DataPrep.Benchmarks -- --filter '*GzipBenchmarks*' --job short</c>.
/// </summary>
[MinColumn]
public class GzipBenchmarks
{
    private const int BlockBytes = 1 << 20;
    private byte[] _jsonl = [];
    private byte[] _file = [];
    private readonly byte[] _readBuffer = new byte[1 << 16];

    [Params("ko-wiki.jsonl.gz", "en-wiki.jsonl.gz")]
    public string Corpus { get; set; } = "";

    /// <summary><c>zlib</c> (System.IO.Compression, zlib-ng) or <c>isal-N</c> (ISA-L level N; inflate ignores N).</summary>
    [Params("zlib", "isal-0", "isal-1", "isal-2", "isal-3")]
    public string Engine { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        if (Engine != "zlib" && GzipEngine.IsalEngine is null)
        {
            throw new InvalidOperationException($"ISA-L is not available: {GzipEngine.Current}");
        }
        _file = File.ReadAllBytes(BenchPaths.Corpus(Corpus));
        using (var gzip = new GZipStream(new MemoryStream(_file), CompressionMode.Decompress))
        {
            var jsonl = new MemoryStream();
            gzip.CopyTo(jsonl);
            _jsonl = jsonl.ToArray()[..Math.Min((int)jsonl.Length, 16 << 20)];
        }
        var inflated = Inflate();
        var compressed = Compress();
        foreach (var (name, pass, bytes) in new (string, Func<long>, long)[] { ("compress 1 MiB members", Compress, _jsonl.Length), ("inflate the file", Inflate, inflated) })
        {
            var seconds = new List<double>();
            for (var i = 0; i < 10; i++)
            {
                var before = ThreadCpuClock.Seconds();
                pass();
                seconds.Add(ThreadCpuClock.Seconds() - before);
            }
            seconds.Sort();
            Console.WriteLine($"// {Corpus} {Engine} {name}: {bytes / 1e6 / seconds[0]:0} MB per CPU-second (best of 10, median {bytes / 1e6 / seconds[5]:0}); " +
                $"ratio {(double)compressed / _jsonl.Length:0.000}; {bytes / 1e6:0.0} MB; load average {File.ReadAllText("/proc/loadavg")[..14]}");
        }
    }

    /// <summary>Compresses the JSONL in 1 MiB blocks, each into its own member; returns the compressed size.</summary>
    [Benchmark]
    public long Compress()
    {
        long total = 0;
        for (var offset = 0; offset < _jsonl.Length; offset += BlockBytes)
        {
            var block = _jsonl.AsSpan(offset, Math.Min(BlockBytes, _jsonl.Length - offset));
            if (Engine == "zlib")
            {
                var output = GzipMemberCompressor.Compress(block, CompressionLevel.Fastest, 1, GzipEngine.Zlib);
                total += output.Length;
                output.Release();
            }
            else
            {
                var member = IsalDeflate.Compress(GzipEngine.IsalEngine!.Isal!, block, System.Buffers.ArrayPool<byte>.Shared, out var length, Engine[^1] - '0')
                    ?? throw new InvalidOperationException("ISA-L failed");
                total += length;
                System.Buffers.ArrayPool<byte>.Shared.Return(member);
            }
        }
        return total;
    }

    /// <summary>Inflates the whole corpus file (one member, as published); returns the decompressed size.</summary>
    [Benchmark]
    public long Inflate()
    {
        var engine = Engine == "zlib" ? GzipEngine.Zlib : GzipEngine.IsalEngine!;
        using var stream = engine.OpenRead(new MemoryStream(_file));
        long total = 0;
        int n;
        while ((n = stream.Read(_readBuffer)) > 0)
        {
            total += n;
        }
        return total;
    }
}
