using System.Reflection;
using System.Runtime.Loader;
using DataPrep.Stages.Dedup.Substring;

namespace DataPrep.Benchmarks.Dedup;

/// <summary>
/// Suffix-array construction (SA-IS) of one block on one thread, as the stage's <c>suffixes</c> step builds it: the first
/// <c>--bytes</c> of a corpus's UTF-8 texts joined by 0xFF (default 14,913,080, the stage's block with the default
/// 256 MiB budget on 2 threads), <c>--reps</c> builds, thread CPU time per build, MB per CPU-second median and best.
/// With <c>--against DIR</c> (a build folder holding another DataPrep.dll, e.g. main's) that build's
/// <c>SuffixArray.Build</c> is loaded beside this one and the two alternate (which goes first swaps every rep), so both
/// see the same minutes of a shared machine; their suffix arrays must be equal on every rep, and the paired ratio of
/// their times is printed. Without it, <c>--check</c> checks the array against the definition (a permutation, each
/// suffix smaller than the next).
/// Run: <c>dotnet run -c Release --project bench/DataPrep.Benchmarks -- sa-profile [--corpus ko-wiki.jsonl.gz] [--bytes N] [--reps 9] [--against DIR] [--check]</c>.
/// </summary>
public static class SuffixArrayProfile
{
    private delegate void SuffixArrayBuild(ReadOnlySpan<byte> text, Span<int> suffixes);

    public static void Run(IReadOnlyList<string> args)
    {
        var corpus = Option(args, "--corpus") ?? "ko-wiki.jsonl.gz";
        var bytes = int.Parse(Option(args, "--bytes") ?? "14913080");
        var reps = int.Parse(Option(args, "--reps") ?? "9");
        var against = Option(args, "--against");
        var check = args.Contains("--check");

        var text = JoinedText(corpus, bytes);
        Console.WriteLine($"{corpus}: {text.Length:N0} bytes (texts joined by 0xFF), {reps} reps, thread CPU time, load {Load()}");
        // One scratch across the reps, as a worker of the stage's suffixes step keeps it across its blocks.
        var scratch = new SuffixArrayScratch();
        var builds = new List<(string Name, SuffixArrayBuild Build)> { ("this build", (t, s) => SuffixArray.Build(t, s, scratch)) };
        if (against is not null)
        {
            builds.Add(($"against ({against})", LoadBuild(against)));
        }
        var suffixes = builds.Select(_ => new int[text.Length]).ToArray();
        // Warm-up: both reach tier-1 code and the array pool holds what a build rents, as for every block after the first.
        for (var w = 0; w < 2; w++)
        {
            for (var b = 0; b < builds.Count; b++)
            {
                builds[b].Build(text, suffixes[b]);
            }
        }
        var seconds = builds.Select(_ => new List<double>()).ToArray();
        for (var rep = 0; rep < reps; rep++)
        {
            for (var k = 0; k < builds.Count; k++)
            {
                var b = (rep & 1) == 0 ? k : builds.Count - 1 - k;
                var start = ThreadCpuClock.Seconds();
                builds[b].Build(text, suffixes[b]);
                seconds[b].Add(ThreadCpuClock.Seconds() - start);
            }
            for (var b = 1; b < builds.Count; b++)
            {
                if (!suffixes[b].AsSpan().SequenceEqual(suffixes[0]))
                {
                    throw new InvalidOperationException($"rep {rep}: the suffix arrays of {builds[0].Name} and {builds[b].Name} differ.");
                }
            }
            Console.WriteLine($"  rep {rep + 1}: " + string.Join(", ", builds.Select((build, b) => $"{build.Name} {text.Length / seconds[b][^1] / 1e6:F1}")) + $" MB/CPU-s, load {Load()}");
        }
        Console.WriteLine("| build | MB per CPU-s, median (best) | CPU-s per build, median (min–max) |");
        Console.WriteLine("|---|---:|---:|");
        for (var b = 0; b < builds.Count; b++)
        {
            var sorted = seconds[b].Order().ToArray();
            Console.WriteLine($"| {builds[b].Name} | {text.Length / Median(sorted) / 1e6:F1} ({text.Length / sorted[0] / 1e6:F1}) | {Median(sorted):F3} ({sorted[0]:F3}–{sorted[^1]:F3}) |");
        }
        if (builds.Count > 1)
        {
            var ratios = seconds[1].Zip(seconds[0], (other, self) => other / self).Order().ToArray();
            Console.WriteLine($"paired ratio (against / this build, time), median {Median(ratios):F3} ({ratios[0]:F3}–{ratios[^1]:F3}); the suffix arrays were equal on every rep");
        }
        if (check)
        {
            Verify(text, suffixes[0]);
            Console.WriteLine("check: the suffix array is a permutation and in suffix order");
        }
        Console.WriteLine($"load at the end {Load()}");
    }

    /// <summary>The first <paramref name="bytes"/> of the corpus's texts, each followed by 0xFF as the stage writes them.</summary>
    private static byte[] JoinedText(string corpus, int bytes)
    {
        var joined = new MemoryStream();
        foreach (var text in BenchCorpus.Texts(corpus, bytes))
        {
            joined.Write(System.Text.Encoding.UTF8.GetBytes(text));
            joined.WriteByte(0xFF);
        }
        return joined.GetBuffer().AsSpan(0, (int)Math.Min(bytes, joined.Length)).ToArray();
    }

    /// <summary><c>SuffixArray.Build</c> of the DataPrep.dll in <paramref name="folder"/>, loaded in a context of its own.</summary>
    private static SuffixArrayBuild LoadBuild(string folder)
    {
        var path = Path.GetFullPath(folder.EndsWith(".dll", StringComparison.Ordinal) ? folder : Path.Combine(folder, "DataPrep.dll"));
        var assembly = new AssemblyLoadContext("against").LoadFromAssemblyPath(path);
        var type = assembly.GetType(typeof(SuffixArray).FullName!, throwOnError: true)!;
        var method = type.GetMethod(nameof(SuffixArray.Build), BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{path} has no SuffixArray.Build.");
        return method.CreateDelegate<SuffixArrayBuild>();
    }

    private static void Verify(byte[] text, int[] suffixes)
    {
        var seen = new bool[text.Length];
        foreach (var position in suffixes)
        {
            if ((uint)position >= (uint)text.Length || seen[position])
            {
                throw new InvalidOperationException($"position {position} is out of range or repeated.");
            }
            seen[position] = true;
        }
        for (var i = 1; i < suffixes.Length; i++)
        {
            if (text.AsSpan(suffixes[i - 1]).SequenceCompareTo(text.AsSpan(suffixes[i])) >= 0)
            {
                throw new InvalidOperationException($"suffixes {i - 1} and {i} are out of order.");
            }
        }
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    private static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }
        return null;
    }

    private static string Load() =>
        OperatingSystem.IsLinux() ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
