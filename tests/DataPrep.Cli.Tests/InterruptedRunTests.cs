using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace DataPrep.Cli.Tests;

/// <summary>
/// Fault injection: a real <c>dataprep run</c> process of configs/default.yaml is stopped at exact points of every phase
/// (the runner's test-only pause hook, DATAPREP_TEST_PAUSE_AT) and killed with SIGKILL or interrupted with SIGINT; each
/// rerun resumes into the same folder. The end result must equal an uninterrupted run byte for byte (decompressed kept
/// and rejected files) and in every statistic but timings.
/// </summary>
public class InterruptedRunTests
{
    internal const int SigInt = 2;
    internal const int SigKill = 9;

    // Phases of default.yaml: 0 map-0, 1 reduce dedup.exact groups, 2 map-1, 3 reduce dedup.minhash buckets,
    // 4 reduce dedup.minhash clusters, 5 map-2. In order, so each rerun gets further than the one before; both signals
    // hit map and reduce phases, mid-stream (batch-N: files open under temporary names), before any output (start),
    // after outputs are renamed into place but before stats (commit), and between stats and marker (marker).
    private static readonly (string Point, int Signal)[] KillPoints =
    [
        ("0:batch-2", SigKill),
        ("1:commit", SigInt),
        ("2:batch-1", SigInt),
        ("2:marker", SigKill),
        ("3:start", SigKill),
        ("4:commit", SigInt),
        ("5:commit", SigKill),
    ];

    [SharedDataFact]
    public async Task ARunKilledOrInterruptedInEveryPhaseResumesToTheSameOutputAndStats()
    {
        var folder = CliRunner.NewTempDirectory();
        var input = MakeInput(Path.Combine(folder, "in"));
        var config = Path.Combine(folder, "default.yaml");
        // Small batches, so the input phase hands over several and a kill lands mid-stream.
        File.WriteAllText(config, File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot, "configs", "default.yaml"))
            + "\nexecution: { batchDocuments: 200 }\n");
        var reference = Path.Combine(folder, "reference");
        var (code, _, error) = await CliRunner.RunAsync("run", config, "--input", input, "--output", reference);
        Assert.True(code == 0, error);

        var output = Path.Combine(folder, "out");
        foreach (var (point, signal) in KillPoints)
        {
            var (exitCode, stderr) = await RunUntilAsync(config, input, output, point, signal, Path.Combine(folder, "paused"));
            if (signal == SigInt)
            {
                Assert.True(exitCode == 130, $"{point}: exit {exitCode}\n{stderr}");
                Assert.Contains("interrupted; rerun the same command to resume", stderr);
                Assert.Empty(Temporaries(output));   // a clean stop deletes what it was writing
            }
            else
            {
                Assert.Equal(137, exitCode);
            }
        }
        (code, _, error) = await CliRunner.RunAsync("run", config, "--input", input, "--output", output);
        Assert.True(code == 0, error);

        Assert.Empty(Temporaries(output));
        AssertSameFiles(reference, output, "rank-*");
        AssertSameFiles(Path.Combine(reference, "rejected"), Path.Combine(output, "rejected"), "*.jsonl.gz");
        Assert.Equal(WithoutTimings(Path.Combine(reference, "stats.json")), WithoutTimings(Path.Combine(output, "stats.json")));
    }

    // sample-data (with its bad lines) plus 1,000 Korean and 300 English Wikipedia articles from the shared corpora.
    private static string MakeInput(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "docs.jsonl", "bad-input.jsonl", "docs-no-id.jsonl" })
        {
            File.Copy(Path.Combine(CliRunner.RepositoryRoot, "sample-data", name), Path.Combine(folder, name));
        }
        var corpora = SharedData.Corpora;
        CopyHead(Path.Combine(corpora, "ko-wiki.jsonl.gz"), Path.Combine(folder, "ko-wiki-head.jsonl.gz"), 1000);
        CopyHead(Path.Combine(corpora, "en-wiki.jsonl.gz"), Path.Combine(folder, "en-wiki-head.jsonl.gz"), 300);
        return folder;
    }

    private static void CopyHead(string source, string target, int lines)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(source), CompressionMode.Decompress), Encoding.UTF8);
        using var writer = new StreamWriter(new GZipStream(File.Create(target), CompressionLevel.Fastest), new UTF8Encoding(false));
        for (var i = 0; i < lines && reader.ReadLine() is { } line; i++)
        {
            writer.Write(line);
            writer.Write('\n');
        }
    }

    // Starts the CLI as its own process, waits until the runner pauses at the point, then signals it.
    internal static async Task<(int ExitCode, string Error)> RunUntilAsync(string config, string input, string output, string point, int signal, string pauseFile)
    {
        File.Delete(pauseFile);
        // Through GNU env, which resets SIGINT to its default and then execs the CLI (same process id). A test run started
        // as a background job of a non-interactive shell (`dotnet test ... &`, as scripts and agents do) inherits SIGINT
        // as ignored, and an ignored SIGINT stays ignored in every child: the CLI would never see the signal, wait out
        // the pause and fail with exit 134 at the first SIGINT point (1:commit), while SIGKILL points still pass.
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = CliRunner.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--default-signal=INT", Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            Path.Combine(AppContext.BaseDirectory, "DataPrep.Cli.dll"), "run", config, "--input", input, "--output", output })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DATAPREP_TEST_PAUSE_AT"] = point;
        start.Environment["DATAPREP_TEST_PAUSE_FILE"] = pauseFile;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var waited = Stopwatch.StartNew();
        while (!File.Exists(pauseFile))
        {
            if (process.HasExited)
            {
                Assert.Fail($"The run ended (exit {process.ExitCode}) before reaching {point}:\n{await stderr}");
            }
            if (waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                process.Kill();
                Assert.Fail($"The run never reached {point}.");
            }
            await Task.Delay(20);
        }
        Assert.Equal(0, kill(process.Id, signal));
        await process.WaitForExitAsync();
        await stdout;
        return (process.ExitCode, await stderr);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    internal static List<string> Temporaries(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, ".*", SearchOption.AllDirectories).ToList()
            : [];

    private static void AssertSameFiles(string expectedFolder, string actualFolder, string pattern)
    {
        var expected = Directory.GetFiles(expectedFolder, pattern).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var actual = Directory.GetFiles(actualFolder, pattern).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
        foreach (var name in expected)
        {
            Assert.True(Decompressed(Path.Combine(expectedFolder, name!)).SequenceEqual(Decompressed(Path.Combine(actualFolder, name!))),
                $"{name} differs from the uninterrupted run");
        }
    }

    internal static byte[] Decompressed(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    internal static string WithoutTimings(string statsPath)
    {
        var root = JsonNode.Parse(File.ReadAllText(statsPath))!;
        Strip(root);
        return root.ToJsonString();

        static void Strip(JsonNode? node)
        {
            if (node is JsonObject json)
            {
                json.Remove("wall_seconds");
                json.Remove("seconds");
                foreach (var (_, child) in json)
                {
                    Strip(child);
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var child in array)
                {
                    Strip(child);
                }
            }
        }
    }
}
