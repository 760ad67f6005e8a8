using System.IO.Compression;
using System.Text.Json;

namespace DataPrep.Cli.Tests;

/// <summary>
/// The README's run command over sample-data: every document written to be caught is caught, every clean one is kept.
/// sample-data/README.md says what each <c>kind</c> is for.
/// </summary>
public class DefaultRecipeTests
{
    [Fact]
    public async Task DefaultRecipeRejectsEveryJunkAndDuplicateSampleAndKeepsEveryCleanOne()
    {
        var output = CliRunner.NewTempDirectory();
        var (code, _, error) = await CliRunner.RunAsync("run", "configs/default.yaml", "--output", output);
        Assert.True(code == 0, error);

        var kinds = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(CliRunner.RepositoryRoot, "sample-data", "docs.jsonl")))
        {
            using var record = JsonDocument.Parse(line);
            kinds[record.RootElement.GetProperty("id").GetString()!] = record.RootElement.GetProperty("kind").GetString()!;
        }
        var kept = ReadIds(Directory.GetFiles(output, "*.jsonl.gz"));
        var rejected = ReadIds(Directory.GetFiles(Path.Combine(output, "rejected"), "*.jsonl.gz"));

        foreach (var (id, kind) in kinds)
        {
            var mustKeep = kind.StartsWith("clean-", StringComparison.Ordinal) || kind.StartsWith("pii-", StringComparison.Ordinal)
                || kind.StartsWith("normalize-", StringComparison.Ordinal) || kind == "dedup-half-overlap-keep";
            var mustReject = !mustKeep && (kind.StartsWith("quality-", StringComparison.Ordinal) || kind.StartsWith("dedup-", StringComparison.Ordinal));
            if (mustKeep)
            {
                Assert.True(kept.Contains(id), $"{id} ({kind}) should be kept");
            }
            else if (mustReject)
            {
                Assert.True(rejected.Contains(id), $"{id} ({kind}) should be rejected");
            }
            Assert.True(kept.Contains(id) ^ rejected.Contains(id), $"{id} must end in exactly one place");
        }
    }

    private static HashSet<string> ReadIds(IEnumerable<string> files)
    {
        var ids = new HashSet<string>();
        foreach (var file in files)
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
            while (reader.ReadLine() is { } line)
            {
                using var record = JsonDocument.Parse(line);
                ids.Add(record.RootElement.GetProperty("id").GetString()!);
            }
        }
        return ids;
    }
}
