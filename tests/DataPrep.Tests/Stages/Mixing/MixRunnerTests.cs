using System.IO.Compression;
using System.Text.Json;
using DataPrep.Pipeline;
using DataPrep.Stages.Mixing;
using DataPrep.Stages.Tokenization;
using DataPrep.Tests.Support;
using DataPrep.Tokenizers;

namespace DataPrep.Tests.Stages.Mixing;

/// <summary>Runs mixes over slices of the shared corpora: Korean reviews, petitions and wiki articles against English
/// wiki articles, the shapes the recipe mixes at full size (bench/results/mixing.md).</summary>
public sealed class MixRunnerTests
{
    private static readonly Lazy<string> Slices = new(() =>
    {
        var folder = TestPaths.NewTempDirectory();
        CorpusSlice.Write(folder, "ko-nsmc-reviews.jsonl.gz", 0, 1_500, "reviews-a.jsonl");
        CorpusSlice.Write(folder, "ko-nsmc-reviews.jsonl.gz", 1_500, 1_500, "reviews-b.jsonl");
        CorpusSlice.Write(folder, "ko-petitions.jsonl.gz", 0, 100);
        CorpusSlice.Write(folder, "ko-wiki.jsonl.gz", 0, 250);
        CorpusSlice.Write(folder, "en-wiki.jsonl.gz", 0, 50, "enwiki-a.jsonl");
        CorpusSlice.Write(folder, "en-wiki.jsonl.gz", 50, 50, "enwiki-b.jsonl");
        CorpusSlice.Write(folder, "en-web-cc.jsonl.gz", 0, 50);
        return folder;
    });

    // The slices are measured once for all tests (the cache is keyed by file, tokenizer, seed and source settings).
    private static readonly Lazy<string> SharedCache = new(TestPaths.NewTempDirectory);

    private static MixRunner Runner(MixConfig config) => new(config, measurementCache: SharedCache.Value);

    private static MixConfig Config(string output, long budget = 1_000_000, string extra = "", double maxEpochs = 4) => MixConfig.Parse($$"""
        mix:
          tokenizer: o200k_base
          tokenBudget: {{budget}}
          seed: 14
          targets: { ko: 0.30, en: 0.70 }
          maxEpochs: {{maxEpochs}}
          threads: 2
        {{extra}}
          sources:
            - { name: reviews, path: "reviews-*.jsonl" }
            - { name: petitions, path: ko-petitions-0-100.jsonl }
            - { name: ko-wiki, path: ko-wiki-0-250.jsonl }
            - { name: en-wiki, path: "enwiki-*.jsonl" }
            - { name: en-web, path: en-web-cc-0-50.jsonl }
        output: { path: {{output}} }
        """, "mix.yaml", Slices.Value);

    private static JsonElement MixJson(string output) => JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "mix.json"))).RootElement;

    private static List<JsonElement> Written(string output)
    {
        var result = new List<JsonElement>();
        foreach (var file in Directory.GetFiles(output, "mix-rank-*.jsonl.gz").Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
            while (reader.ReadLine() is { } line)
            {
                result.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }
        return result;
    }

    [SharedDataFact]
    public void TheAchievedShareOfTokensIsWithinHalfAPointOfTheTargetAndRecountsFromTheWrittenFiles()
    {
        var output = TestPaths.NewTempDirectory();

        var result = Runner(Config(output)).Run(ShardSpec.Single);

        Assert.True(result.Reconciled);
        Assert.InRange(result.AchievedShare("ko"), 0.295, 0.305);
        // Thresholds on histogram bucket boundaries: what the plan expected is exactly what was written.
        Assert.All(result.Cells, c => Assert.Equal(result.Plan.CellOf(c.Source, c.Language)!.ExpectedTokens, c.Tokens));
        Assert.InRange(result.Tokens, 990_000, 1_010_000);
        var json = MixJson(output);
        var ko = json.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "ko");
        Assert.InRange(Math.Abs(ko.GetProperty("gap_percentage_points").GetDouble()), 0, 0.5);
        // English is scarce here: the plan upsamples it (rate above 1), so some documents are written more than once.
        var enWiki = json.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "en-wiki");
        Assert.True(enWiki.GetProperty("epochs").GetDouble() > 1);
        // The shares are of what was written: recount every written document with the same tokenizer.
        var tokenizer = TokenizerFactory.GetShared("o200k_base");
        var written = Written(output);
        var byLanguage = written.GroupBy(d => MixLanguages.OfScript(d.GetProperty("text").GetString()))
            .ToDictionary(g => g.Key, g => g.Sum(d => (long)tokenizer.CountTokens(d.GetProperty("text").GetString()!)));
        Assert.Equal(result.Tokens, byLanguage.Values.Sum());
        Assert.Equal(result.TokensOf("ko"), byLanguage["ko"]);
        Assert.Equal(result.Copies, written.Count);
        Assert.Contains(written, d => d.GetProperty(MixRunner.RepeatField).GetInt64() > 0);
        Assert.Contains("Achieved share of tokens", File.ReadAllText(Path.Combine(output, "report.html")), StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void AnyShardingWritesTheSameDocumentsAsOneShard()
    {
        static List<string> Run(string output, int worldSize)
        {
            var runner = Runner(Config(output));
            for (var rank = 0; rank < worldSize; rank++)
            {
                runner.Run(new ShardSpec(rank, worldSize));
            }
            return Written(output)
                .Select(d => $"{d.GetProperty(MixRunner.SourceField).GetString()}/{d.GetProperty("id").GetString()}/{d.GetProperty(MixRunner.RepeatField).GetInt64()}")
                .Order(StringComparer.Ordinal).ToList();
        }
        var single = TestPaths.NewTempDirectory();
        var sharded = TestPaths.NewTempDirectory();

        var one = Run(single, 1);
        var three = Run(sharded, 3);

        Assert.Equal(one, three);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(sharded, "mix"), "rank-*.json").Length);
        Assert.Equal(MixJson(single).GetProperty("tokens_written").GetInt64(), MixJson(sharded).GetProperty("tokens_written").GetInt64());
        Assert.Equal(3, MixJson(sharded).GetProperty("shards_included").GetInt32());
    }

    [SharedDataFact]
    public void MegatronOutputReadsBackWithTheIndexedDatasetReader()
    {
        var output = TestPaths.NewTempDirectory();

        var result = Runner(Config(output, budget: 60_000, extra: "  megatron: true")).Run(ShardSpec.Single);

        var reader = IndexedDatasetReader.Open(Path.Combine(output, "megatron", "mix"));
        Assert.Equal(result.Copies, reader.SequenceLengths.Count);
        Assert.Equal(result.Tokens + result.Copies, reader.SequenceLengths.Sum(l => (long)l));
        var tokenizer = TokenizerFactory.GetShared("o200k_base");
        var written = Written(output);
        foreach (var i in new[] { 0, written.Count / 2, written.Count - 1 })
        {
            var expected = new List<int>();
            tokenizer.Encode(written[i].GetProperty("text").GetString()!, expected);
            expected.Add(tokenizer.EndOfDocumentId!.Value);
            Assert.Equal(expected, reader.ReadSequence(i));
        }
    }

    [SharedDataFact]
    public void AShortTargetStopsTheRunBeforeAnythingIsWritten()
    {
        var output = TestPaths.NewTempDirectory();

        var e = Assert.Throws<MixShortfallException>(() => Runner(Config(output, budget: 3_000_000, maxEpochs: 2)).Run(ShardSpec.Single));

        Assert.Contains("target 'en'", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(output, "mix-*", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(output, "mix.json")));
    }

    [SharedDataFact]
    public void WithAllowShortfallTheShortTargetTakesWhatItsCapsAllowAndTheGapIsReported()
    {
        var output = TestPaths.NewTempDirectory();

        var result = Runner(Config(output, budget: 3_000_000, maxEpochs: 2, extra: "  allowShortfall: true")).Run(ShardSpec.Single);

        var en = result.Plan.Targets.Single(t => t.Key == "en");
        Assert.True(en.IsShort);
        Assert.Equal(en.MaxTokens, result.TokensOf("en"), 0.01 * en.MaxTokens);
        var target = MixJson(output).GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "en");
        Assert.True(target.GetProperty("short").GetBoolean());
        Assert.True(target.GetProperty("gap_percentage_points").GetDouble() < -1);
    }

    [Fact]
    public void UnreadableRecordsAreCountedPerSourceAndWrittenToRejectsWithFileAndLine()
    {
        var folder = TestPaths.NewTempDirectory();
        var bad = TestFiles.WriteJsonl(folder, "bad.jsonl", [
            new { id = "k1", text = "한국어 문장입니다. 토큰을 셉니다." },
            "{ not json",
            new { id = "e1", text = "An English sentence with a few words." },
        ]);
        var output = TestPaths.NewTempDirectory();
        var config = MixConfig.Parse($$"""
            mix:
              tokenBudget: 20
              targets: { ko: 0.5, en: 0.5 }
              sources: [ { name: tiny, path: "{{bad}}", maxEpochs: 10 } ]
            output: { path: {{output}} }
            """, "mix.yaml", folder);

        var result = new MixRunner(config).Run(ShardSpec.Single);

        Assert.True(result.Reconciled);
        Assert.Equal(1, result.BadRecords["tiny"]["input.malformed_json"]);
        var rejected = Directory.GetFiles(Path.Combine(output, "rejected"), "*.jsonl.gz").Single();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(rejected), CompressionMode.Decompress));
        var line = JsonDocument.Parse(reader.ReadLine()!).RootElement;
        Assert.Equal("input.malformed_json", line.GetProperty("reason").GetString());
        Assert.EndsWith("bad.jsonl:2", line.GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void ASecondPlanReadsTheCachedMeasurementsAndGivesTheSamePlan()
    {
        var output = TestPaths.NewTempDirectory();
        var first = new MixRunner(Config(output)).Plan();

        var second = new MixRunner(Config(output)).Plan();

        Assert.All(first.Sources, s => Assert.Equal(0, s.CachedFiles));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "work", "mix"), "*.tokens"));
        Assert.All(second.Sources, s => Assert.Equal(s.Files, s.CachedFiles));
        Assert.Equal(first.Cells.Select(c => (c.Source, c.Language, c.Threshold, c.FullPasses)), second.Cells.Select(c => (c.Source, c.Language, c.Threshold, c.FullPasses)));
    }
    [Fact]
    public void TokenCountsStoredByTokenizeAreUsedInsteadOfEncoding()
    {
        var folder = TestPaths.NewTempDirectory();
        // Counts a real Tokenize run would not give, so the test sees which number the mix used.
        var path = TestFiles.WriteJsonl(folder, "counted.jsonl", Enumerable.Range(0, 200).Select(i => (object)new { id = $"d{i}", text = $"Document number {i} in English.", tokens = 10 }));
        var output = TestPaths.NewTempDirectory();
        var config = MixConfig.Parse($$"""
            mix:
              tokenBudget: 1000
              targets: { en: 1.0 }
              sources: [ { name: counted, path: "{{path}}", tokenCountField: tokens } ]
            output: { path: {{output}} }
            """, "mix.yaml", folder);

        var result = new MixRunner(config).Run(ShardSpec.Single);

        Assert.Equal(2_000, result.Plan.Sources.Single().Tokens);
        Assert.Equal(1_000, result.Tokens);
        Assert.Equal(100, result.Copies);
    }

    [SharedDataFact]
    public void ParquetOutputHoldsEveryRepeatAsItsOwnRow()
    {
        var output = TestPaths.NewTempDirectory();
        var config = MixConfig.Parse($$"""
            mix:
              tokenBudget: 200_000
              targets: { ko: 0.2, en: 0.8 }
              threads: 2
              sources:
                - { name: reviews, path: "reviews-*.jsonl" }
                - { name: en-web, path: en-web-cc-0-50.jsonl }
            output: { path: {{output}}, format: parquet }
            """, "mix.yaml", Slices.Value);

        var result = new MixRunner(config).Run(ShardSpec.Single);

        var file = Directory.GetFiles(output, "mix-rank-*.parquet").Single();
        var context = new DataPrep.IO.Readers.InputContext(new DataPrep.IO.InputOptions(), new StageContext("input", ShardSpec.Single));
        var rows = new DataPrep.IO.Readers.ParquetDocumentReader().Read(new DataPrep.IO.InputFile(file, file, 0), context, CancellationToken.None).ToList();
        Assert.Equal(result.Copies, rows.Count);
        // Writers may hold rows until a row group is full: each repeat must be its own document, not the same one relabelled.
        var repeats = rows.Where(r => r.Metadata.GetNumber(MixRunner.RepeatField) > 0).ToList();
        Assert.NotEmpty(repeats);
        Assert.All(repeats, r => Assert.Contains(rows, o => o.Id == r.Id && o.Metadata.GetNumber(MixRunner.RepeatField) == 0 && o.Text == r.Text));
    }
}
