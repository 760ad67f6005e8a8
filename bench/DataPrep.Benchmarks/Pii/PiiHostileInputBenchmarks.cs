using BenchmarkDotNet.Attributes;
using DataPrep.Stages.Pii;

namespace DataPrep.Benchmarks.Pii;

/// <summary>
/// Linear time on hostile input: one document of 1 MB and of 10 MB (characters) made of digits and dashes, digits with
/// dots and colons, '@' signs, base64 with token prefixes, or repeated PEM headers, scanned by every default detector.
/// Linear means the 10 MB case takes about ten times the 1 MB case (a quadratic scanner would take a hundred times).
/// Run: <c>dotnet run -c Release --project bench/DataPrep.Benchmarks -- --filter '*PiiHostileInputBenchmarks*'</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class PiiHostileInputBenchmarks
{
    private readonly PiiScanner _scanner = new(PiiScanner.DefaultDetectors(includePrivateIps: true));
    private readonly List<PiiMatch> _result = [];
    private readonly List<PiiMatch> _scratch = [];
    private string _text = "";
    private double _cpuSeconds;
    private int _operations;

    [Params("digits-dashes", "digits-dots-colons", "at-signs", "base64", "pem-headers")]
    public string Kind { get; set; } = "";

    [Params(1_000_000, 10_000_000)]
    public int Chars { get; set; }

    [GlobalSetup]
    public void Setup() => _text = PiiCorpus.Hostile(Kind, Chars);

    [GlobalCleanup]
    public void Cleanup() => Console.WriteLine(
        $"// PII-CPU {Kind} {Chars}: {_operations} ops, {_cpuSeconds / _operations * 1000:F1} ms CPU/op, {Chars / (_cpuSeconds / _operations) / 1e6:F1} Mchars/s");

    [Benchmark]
    public int Scan()
    {
        var cpu = ThreadCpuClock.Seconds();
        _scanner.Scan(_text, _result, _scratch);
        _cpuSeconds += ThreadCpuClock.Seconds() - cpu;
        _operations++;
        return _result.Count;
    }
}
