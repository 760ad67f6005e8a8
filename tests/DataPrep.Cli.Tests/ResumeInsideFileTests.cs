using System.IO.Compression;
using System.Text;

namespace DataPrep.Cli.Tests;

/// <summary>
/// Resume inside a file (issue 13, item 5): a real <c>dataprep run</c> over one gzip input file, with per-document quality
/// and PII stages and small checkpoints, is killed (SIGKILL) right after its first and second checkpoints, between two
/// checkpoints, interrupted (SIGINT) and killed again after its outputs were renamed into place; every rerun resumes into
/// the same folder. The end result must equal an uninterrupted run byte for byte: kept parts, rejects and every statistic
/// but timings.
/// </summary>
public class ResumeInsideFileTests
{
    private const string Config = """
        stages:
          - Normalize
          - ScriptQuality
          - GopherRepetition
          - GopherQuality
          - C4Quality: { filterNoTerminalPunctuation: false }
          - PiiScrub
        output: { format: jsonl, compression: gzip, maxFileMegabytes: 1 }
        execution: { checkpointMegabytes: 1, batchDocuments: 40 }
        """;

    // In order: each rerun resumes from the checkpoint the one before left and gets further.
    private static readonly (string Point, int Signal, string? Resumes)[] Stops =
    [
        ("0:checkpoint-1", InterruptedRunTests.SigKill, null),
        ("0:checkpoint-2", InterruptedRunTests.SigKill, "from checkpoint 1"),
        ("0:batch-2", InterruptedRunTests.SigKill, "from checkpoint 2"),   // between checkpoints 2 and 3
        ("0:batch-1", InterruptedRunTests.SigInt, "from checkpoint 2"),
        ("0:commit", InterruptedRunTests.SigKill, "from checkpoint 2"),    // outputs renamed, no stats yet: the part restarts
    ];

    [SharedDataFact]
    public async Task ARunKilledInsideOneLargeFileResumesFromItsLastCheckpointToTheSameBytes()
    {
        var folder = CliRunner.NewTempDirectory();
        var input = MakeInput(Path.Combine(folder, "in"));
        var config = Path.Combine(folder, "resume.yaml");
        File.WriteAllText(config, Config);
        var reference = Path.Combine(folder, "reference");
        var (code, _, error) = await CliRunner.RunAsync("run", config, "--input", input, "--output", reference);
        Assert.True(code == 0, error);

        var output = Path.Combine(folder, "out");
        foreach (var (point, signal, resumes) in Stops)
        {
            var (exitCode, stderr) = await InterruptedRunTests.RunUntilAsync(config, input, output, point, signal, Path.Combine(folder, "paused"));
            Assert.True(exitCode == (signal == InterruptedRunTests.SigInt ? 130 : 137), $"{point}: exit {exitCode}\n{stderr}");
            if (resumes is not null)
            {
                Assert.Contains("Resuming map-0 for shard 0/1 " + resumes, stderr);
            }
            if (point != "0:commit")
            {
                // Killed or interrupted after a checkpoint: what it refers to is kept for the rerun.
                Assert.True(File.Exists(Path.Combine(output, ".resume", "p0-rank-00000.checkpoint.json")), point);
            }
        }
        (code, _, error) = await CliRunner.RunAsync("run", config, "--input", input, "--output", output);
        Assert.True(code == 0, error);

        Assert.Empty(InterruptedRunTests.Temporaries(output));
        Assert.False(Directory.Exists(Path.Combine(output, ".resume")));
        AssertSameBytes(reference, output, "rank-*");
        AssertSameBytes(Path.Combine(reference, "rejected"), Path.Combine(output, "rejected"), "*.jsonl.gz");
        Assert.Equal(InterruptedRunTests.WithoutTimings(Path.Combine(reference, "stats.json")),
            InterruptedRunTests.WithoutTimings(Path.Combine(output, "stats.json")));
    }

    [SharedDataFact]
    public async Task CheckpointsChangeNoKeptByteAndOnlyTheGzipMembersOfTheRejects()
    {
        var folder = CliRunner.NewTempDirectory();
        var input = MakeInput(Path.Combine(folder, "in"));
        var outputs = new List<string>();
        foreach (var megabytes in new[] { "0", "0.3" })
        {
            var config = Path.Combine(folder, $"c{megabytes}.yaml");
            File.WriteAllText(config, Config.Replace("checkpointMegabytes: 1", $"checkpointMegabytes: {megabytes}"));
            var output = Path.Combine(folder, $"out{megabytes}");
            var (code, _, error) = await CliRunner.RunAsync("run", config, "--input", input, "--output", output);
            Assert.True(code == 0, error);
            outputs.Add(output);
        }
        AssertSameBytes(outputs[0], outputs[1], "rank-*");
        var rejects = "rejected/p0-rank-00000.jsonl.gz";
        Assert.Equal(InterruptedRunTests.Decompressed(Path.Combine(outputs[0], rejects)), InterruptedRunTests.Decompressed(Path.Combine(outputs[1], rejects)));
        Assert.Equal(InterruptedRunTests.WithoutTimings(Path.Combine(outputs[0], "stats.json")),
            InterruptedRunTests.WithoutTimings(Path.Combine(outputs[1], "stats.json")));
    }

    // One gzip file of about 7 MB of text: 700 English and 300 Korean Wikipedia articles, interleaved.
    private static string MakeInput(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "wiki.jsonl.gz");
        var english = Lines(Path.Combine(SharedData.Corpora, "en-wiki.jsonl.gz"), 700);
        var korean = Lines(Path.Combine(SharedData.Corpora, "ko-wiki.jsonl.gz"), 300);
        using var writer = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest), new UTF8Encoding(false));
        for (var i = 0; i < english.Count; i++)
        {
            writer.Write(english[i]);
            writer.Write('\n');
            if (i % 7 == 0 && i / 7 < korean.Count)
            {
                writer.Write(korean[i / 7]);
                writer.Write('\n');
            }
        }
        return path;
    }

    private static List<string> Lines(string path, int count)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress), Encoding.UTF8);
        var lines = new List<string>(count);
        while (lines.Count < count && reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }
        return lines;
    }

    private static void AssertSameBytes(string expectedFolder, string actualFolder, string pattern)
    {
        var expected = Directory.GetFiles(expectedFolder, pattern).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var actual = Directory.GetFiles(actualFolder, pattern).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
        foreach (var name in expected)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expectedFolder, name!)).SequenceEqual(File.ReadAllBytes(Path.Combine(actualFolder, name!))),
                $"{name} differs from the uninterrupted run");
        }
    }
}
