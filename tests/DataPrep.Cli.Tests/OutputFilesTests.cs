using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using DataPrep.Stages.Tokenization;
using Parquet;

namespace DataPrep.Cli.Tests;

/// <summary>
/// README "What a run writes": a data file that would hold no record is not written, so every <c>.gz</c>, <c>.zst</c>,
/// <c>.parquet</c>, <c>.bin</c> and <c>.idx</c> a run leaves opens in the tools that read it (gzip -t, a Parquet
/// reader, Megatron's index reader). Checked on every recipe in configs/ over sample-data, and on runs made to have
/// nothing to reject or nothing to keep.
/// </summary>
public class OutputFilesTests
{
    [Theory]
    [InlineData("configs/minimal.json")]
    [InlineData("configs/default.yaml")]
    [InlineData("configs/quality.yaml")]
    [InlineData("configs/pii.yaml")]
    [InlineData("configs/quality-pii.yaml")]
    [InlineData("configs/dedup.yaml")]
    [InlineData("configs/tokenize.yaml")]
    [InlineData("configs/bench-framework.yaml")]
    public async Task EveryFileARecipeLeavesIsReadable(string recipe)
    {
        var output = CliRunner.NewTempDirectory();
        var (code, _, error) = await CliRunner.RunAsync("run", recipe, "--input", "sample-data/docs.jsonl", "--output", output);
        Assert.True(code == 0, error);
        await AssertEveryDataFileIsReadableAsync(output);
    }

    [Theory]
    [InlineData("jsonl", "gzip")]
    [InlineData("jsonl", "zstd")]
    [InlineData("parquet", "none")]
    public async Task ARunThatRejectsNothingWritesNoRejectsFile(string format, string compression)
    {
        var folder = CliRunner.NewTempDirectory();
        var input = WriteInput(folder, Enumerable.Range(0, 20).Select(i => $"문서 {i}번입니다. 깨끗한 문장이 하나 있습니다."));
        var config = WriteConfig(folder, $$"""
            input: { path: "{{input}}" }
            stages:
              - Normalize
              - PiiScrub
            output: { path: "{{Path.Combine(folder, "out")}}", format: {{format}}, compression: {{compression}} }
            """);
        var (code, _, error) = await CliRunner.RunAsync("run", config);
        Assert.True(code == 0, error);
        var output = Path.Combine(folder, "out");
        Assert.False(Directory.Exists(Path.Combine(output, "rejected")) && Directory.EnumerateFiles(Path.Combine(output, "rejected")).Any(),
            "no rejection, so no rejects file");
        Assert.Single(Directory.GetFiles(output, "rank-*"));
        await AssertEveryDataFileIsReadableAsync(output);
    }

    [Theory]
    [InlineData("jsonl", "gzip")]
    [InlineData("parquet", "none")]
    public async Task ARunThatKeepsNothingWritesNoOutputPartAndNoIndexedDataset(string format, string compression)
    {
        var folder = CliRunner.NewTempDirectory();
        // Too short for Gopher's 50 words: every document is rejected before tokenization.
        var input = WriteInput(folder, Enumerable.Range(0, 10).Select(i => $"short document {i}."));
        var config = WriteConfig(folder, $$"""
            input: { path: "{{input}}" }
            stages:
              - Normalize
              - GopherQuality
              - IndexedDataset: { tokenizer: o200k_base, outputPrefix: megatron/o200k }
            output: { path: "{{Path.Combine(folder, "out")}}", format: {{format}}, compression: {{compression}} }
            """);
        var (code, _, error) = await CliRunner.RunAsync("run", config);
        Assert.True(code == 0, error);
        var output = Path.Combine(folder, "out");
        Assert.Empty(Directory.GetFiles(output, "rank-*"));
        Assert.Empty(Directory.GetFiles(output, "*.bin", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(output, "*.idx", SearchOption.AllDirectories));
        Assert.Single(Directory.GetFiles(Path.Combine(output, "rejected")));
        await AssertEveryDataFileIsReadableAsync(output);
    }

    private static string WriteInput(string folder, IEnumerable<string> texts)
    {
        var path = Path.Combine(folder, "in.jsonl");
        File.WriteAllLines(path, texts.Select((t, i) => JsonSerializer.Serialize(new { id = $"d{i}", text = t })));
        return path;
    }

    private static string WriteConfig(string folder, string yaml)
    {
        var path = Path.Combine(folder, "recipe.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static async Task AssertEveryDataFileIsReadableAsync(string output)
    {
        var checkedFiles = 0;
        foreach (var path in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(path);
            Assert.False(name.StartsWith('.'), $"{path}: a temporary file was left behind");
            var length = new FileInfo(path).Length;
            if (name.EndsWith(".gz", StringComparison.Ordinal))
            {
                AssertGzip(path, length);
            }
            else if (name.EndsWith(".zst", StringComparison.Ordinal))
            {
                Assert.True(length > 0, $"{path} is empty");
                using var zstd = new ZstdSharp.DecompressionStream(File.OpenRead(path));
                zstd.CopyTo(Stream.Null);
            }
            else if (name.EndsWith(".parquet", StringComparison.Ordinal))
            {
                Assert.True(length > 0, $"{path} is empty");
                await using var stream = File.OpenRead(path);
                await using var reader = await ParquetReader.CreateAsync(stream);
                Assert.True(reader.RowGroupCount > 0, $"{path} has no row group");
            }
            else if (name.EndsWith(".idx", StringComparison.Ordinal))
            {
                var prefix = path[..^".idx".Length];
                var dataset = IndexedDatasetReader.Open(prefix);
                Assert.True(dataset.SequenceLengths.Count > 0, $"{path} indexes no document");
                var itemSize = IndexedDatasetBuilder.ItemSize(dataset.DType);
                var tokens = dataset.SequenceLengths.Sum(l => (long)l);
                Assert.Equal(tokens * itemSize, new FileInfo(prefix + ".bin").Length);
                Assert.Equal(dataset.SequenceLengths[^1], dataset.ReadSequence(dataset.SequenceLengths.Count - 1).Length);
            }
            else if (name.EndsWith(".bin", StringComparison.Ordinal) && !IsUnder(output, "work", path))
            {
                Assert.True(length > 0, $"{path} is empty");
                Assert.True(File.Exists(path[..^".bin".Length] + ".idx"), $"{path} has no index");
            }
            else if (name.EndsWith(".jsonl", StringComparison.Ordinal))
            {
                Assert.True(length > 0, $"{path} is empty");
                foreach (var line in File.ReadLines(path))
                {
                    using var _ = JsonDocument.Parse(line);
                }
            }
            else if (name.EndsWith(".json", StringComparison.Ordinal))
            {
                using var _ = JsonDocument.Parse(File.ReadAllText(path));
            }
            else
            {
                continue;
            }
            checkedFiles++;
        }
        Assert.True(checkedFiles > 0, "the run wrote no data file at all");
    }

    // work/ holds the fixed-size record files corpus-wide stages hand between passes (.bin too), not Megatron data.
    private static bool IsUnder(string output, string folder, string path) =>
        Path.GetRelativePath(output, path).StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // gzip -t: the magic, every member inflating to its end, and the trailer's CRC and length (GZipStream checks
    // both). A 0-byte file inflates to nothing without complaint in .NET, hence the explicit length and magic test.
    private static void AssertGzip(string path, long length)
    {
        Assert.True(length >= 20, $"{path} has {length} bytes: not a gzip stream");
        var head = new byte[2];
        using (var file = File.OpenRead(path))
        {
            file.ReadExactly(head);
        }
        Assert.True(BinaryPrimitives.ReadUInt16BigEndian(head) == 0x1f8b, $"{path} does not start with the gzip magic");
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (reader.ReadLine() is { } line)
        {
            using var _ = JsonDocument.Parse(line);
        }
    }
}
