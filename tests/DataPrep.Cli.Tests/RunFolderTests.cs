using System.IO.Compression;
using System.Text.Json;

namespace DataPrep.Cli.Tests;

/// <summary>What run and validate refuse before reading data (exit 2), and how a rerun treats a folder holding a run.</summary>
public class RunFolderTests
{
    [Fact]
    public async Task AnEmptyInputFolderOrOneWithoutInputFilesExitsWithTwo()
    {
        var folder = CliRunner.NewTempDirectory();
        var empty = Directory.CreateDirectory(Path.Combine(folder, "empty")).FullName;
        var (code, output, error) = await CliRunner.RunAsync("run", "configs/minimal.json", "--input", empty, "--output", Path.Combine(folder, "out"));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"input.path: Input folder '{empty}' is empty.", error);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));

        var csv = Directory.CreateDirectory(Path.Combine(folder, "csv")).FullName;
        File.WriteAllText(Path.Combine(csv, "table.csv"), "id,text\n");
        (code, _, error) = await CliRunner.RunAsync("run", "configs/minimal.json", "--input", csv, "--output", Path.Combine(folder, "out"));
        Assert.Equal(2, code);
        Assert.Contains("none with an input extension", error);
    }

    [Fact]
    public async Task AnOutputPathThatIsAFileExitsWithTwoSayingSo()
    {
        var file = Path.Combine(CliRunner.NewTempDirectory(), "out.jsonl");
        File.WriteAllText(file, "{}\n");
        var (code, _, error) = await CliRunner.RunAsync("run", "configs/minimal.json", "--output", file);
        Assert.Equal(2, code);
        Assert.Contains($"output.path: output path is a file: '{file}'", error);
        Assert.Equal("{}\n", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("input: { path: [] }\nstages: [ Normalize ]\noutput: { path: OUT }\n", "input.path: missing")]
    [InlineData("input: { path: sample-data }\nstages: [ Normalize ]\n", "output.path: missing")]
    [InlineData("input: { path: sample-data/nothing-*.jsonl }\nstages: [ Normalize ]\noutput: { path: OUT }\n", "matches no file")]
    [InlineData("input: { path: sample-data }\nstages: [ Normalize ]\noutput: { path: FILE }\n", "output path is a file")]
    public async Task ValidateRefusesWhatRunRefusesWithTheSameMessage(string yaml, string expected)
    {
        var folder = CliRunner.NewTempDirectory();
        var file = Path.Combine(folder, "a-file");
        File.WriteAllText(file, "");
        var config = Path.Combine(folder, "config.yaml");
        File.WriteAllText(config, yaml.Replace("OUT", Path.Combine(folder, "out")).Replace("FILE", file));

        var validate = await CliRunner.RunAsync("validate", config);
        var run = await CliRunner.RunAsync("run", config);
        Assert.Equal(2, validate.ExitCode);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, validate.Error);
        Assert.Equal(validate.Error, run.Error);
        Assert.DoesNotContain("valid", validate.Output);
    }

    [Fact]
    public async Task ARerunIntoAFolderOfOtherInputIsRefusedUnlessOverwriteOrForceResume()
    {
        var folder = CliRunner.NewTempDirectory();
        var input = Directory.CreateDirectory(Path.Combine(folder, "in")).FullName;
        File.Copy(Path.Combine(CliRunner.RepositoryRoot, "sample-data", "docs.jsonl"), Path.Combine(input, "docs.jsonl"));
        var output = Path.Combine(folder, "out");
        var first = await CliRunner.RunAsync("run", "configs/minimal.json", "--input", input, "--output", output);
        Assert.True(first.ExitCode == 0, first.Error);

        var other = Directory.CreateDirectory(Path.Combine(folder, "other")).FullName;
        File.Copy(Path.Combine(CliRunner.RepositoryRoot, "sample-data", "docs-no-id.jsonl"), Path.Combine(other, "docs-no-id.jsonl"));
        var refused = await CliRunner.RunAsync("run", "configs/minimal.json", "--input", other, "--output", output);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("", refused.Output);   // no old counts passed off as this run's
        Assert.Contains($"'{Path.Combine(other, "docs-no-id.jsonl")}' added", refused.Error);
        Assert.Contains($"'{Path.Combine(input, "docs.jsonl")}' removed", refused.Error);
        var validate = await CliRunner.RunAsync("validate", "configs/minimal.json", "--input", other, "--output", output);
        Assert.Equal(2, validate.ExitCode);

        var both = await CliRunner.RunAsync("run", "configs/minimal.json", "--input", other, "--output", output, "--overwrite", "--force-resume");
        Assert.Equal(2, both.ExitCode);

        var overwritten = await CliRunner.RunAsync("run", "configs/minimal.json", "--input", other, "--output", output, "--overwrite");
        Assert.True(overwritten.ExitCode == 0, overwritten.Error);
        using var stats = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "stats.json")));
        Assert.Equal(File.ReadAllLines(Path.Combine(other, "docs-no-id.jsonl")).Count(l => l.Trim().Length > 0),
            stats.RootElement.GetProperty("documents").GetProperty("read").GetInt64());

        var forced = await CliRunner.RunAsync("run", "configs/minimal.json", "--input", input, "--output", output, "--force-resume");
        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.Contains(Path.Combine(input, "docs.jsonl"), File.ReadAllText(Path.Combine(output, "run.json")));
    }

    [Fact]
    public async Task LeftoverTemporaryFilesAreSweptAndNeverReadAsResults()
    {
        var folder = CliRunner.NewTempDirectory();
        var output = Path.Combine(folder, "out");
        var first = await CliRunner.RunAsync("run", "configs/minimal.json", "--output", output);
        Assert.True(first.ExitCode == 0, first.Error);
        // What a process killed while writing leaves: a half gzip rejects file and a half stats file, hidden.
        var rejects = Path.Combine(output, "rejected", ".p0-rank-00000.jsonl.gz.4242.0123456789abcdef0123456789abcdef.tmp");
        var stats = Path.Combine(output, "stats", ".p0-rank-00000.json.4242.0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllBytes(rejects, [0x1F, 0x8B, 0x08]);
        File.WriteAllText(stats, "{\"documents\":");

        var merged = await CliRunner.RunAsync("stats", "merge", output);
        Assert.True(merged.ExitCode == 0, merged.Error);
        Assert.False(File.Exists(rejects));
        Assert.False(File.Exists(stats));

        File.WriteAllBytes(rejects, [0x1F, 0x8B, 0x08]);
        var rerun = await CliRunner.RunAsync("run", "configs/minimal.json", "--output", output);
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.False(File.Exists(rejects));
    }

    [Fact]
    public async Task APlainFileNamedGzIsReportedAsNotGzipNamingTheFile()
    {
        var folder = CliRunner.NewTempDirectory();
        var input = Directory.CreateDirectory(Path.Combine(folder, "in")).FullName;
        File.Copy(Path.Combine(CliRunner.RepositoryRoot, "sample-data", "docs.jsonl"), Path.Combine(input, "docs.jsonl.gz"));
        var output = Path.Combine(folder, "out");
        var (code, _, error) = await CliRunner.RunAsync("run", "configs/minimal.json", "--input", input, "--output", output);
        Assert.True(code == 0, error);
        Assert.Contains("input.not_gzip", error);
        Assert.Contains("docs.jsonl.gz", error);
        Assert.DoesNotContain("input.truncated", error);
        using var rejected = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(output, "rejected", "p0-rank-00000.jsonl.gz")), CompressionMode.Decompress));
        using var line = JsonDocument.Parse(rejected.ReadLine()!);
        Assert.Equal("input.not_gzip", line.RootElement.GetProperty("reason").GetString());
    }
}
