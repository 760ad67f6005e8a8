using DataPrep.Documents;
using DataPrep.Stages.Dedup;
using DataPrep.Stages.Dedup.MinHash;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Dedup;

public sealed class MinHashDedupStageTests
{
    private static Task<StageResult> Run(
        IReadOnlyList<Document> documents, MinHashDedupOptions? options = null, int shards = 1, string? workDirectory = null) =>
        StageHarness.RunGlobalAsync(
            new MinHashDedupStage(options ?? new MinHashDedupOptions()),
            DedupTestData.RoundRobin(documents, shards),
            workDirectory ?? TestPaths.NewTempDirectory());

    /// <summary>News-length documents of one corpus (words separated by spaces), distinct from each other.</summary>
    private static List<Document> NewsLength(string corpus, int count, int minChars, int maxChars) =>
        CorpusReader.Read(corpus, limit: 3000)
            .Where(d => d.Text.Length >= minChars && d.Text.Length <= maxChars)
            .DistinctBy(d => d.Text[..200])
            .Take(count)
            .ToList();

    [SharedDataTheory]
    [InlineData("ko-petitions.jsonl.gz", true, 1500, 5000)]
    [InlineData("en-wiki.jsonl.gz", false, 2500, 8000)]
    public async Task NearDuplicateVariantsAreRemovedAndHalfSharedDocumentsKept(string corpus, bool korean, int minChars, int maxChars)
    {
        var originals = NewsLength(corpus, 6, minChars, maxChars);
        Assert.Equal(6, originals.Count);
        var documents = new List<Document>();
        documents.AddRange(originals);
        for (var i = 0; i < originals.Count; i++)
        {
            var text = originals[i].Text;
            var id = originals[i].Id;
            documents.Add(new Document($"{id}/whitespace", DedupVariants.Whitespace(text)));
            documents.Add(new Document($"{id}/boilerplate", DedupVariants.Boilerplate(text, korean)));
            documents.Add(new Document($"{id}/truncated", DedupVariants.Truncate(text, 0.9)));
            documents.Add(new Document($"{id}/edited", DedupVariants.EditWords(text, 50, korean)));
            documents.Add(new Document($"{id}/half", DedupVariants.HalfShared(text, originals[(i + 1) % originals.Count].Text)));
        }

        var result = await Run(DedupTestData.WithSource(documents));

        var removed = result.Rejections.ToDictionary(r => r.DocumentId, r => r.DuplicateOf);
        foreach (var original in originals)
        {
            Assert.Contains(original.Id, result.KeptIds);
            foreach (var variant in new[] { "whitespace", "boilerplate", "truncated", "edited" })
            {
                Assert.True(removed.TryGetValue($"{original.Id}/{variant}", out var keptId), $"{variant} variant of {original.Id} was kept");
                Assert.Equal(original.Id, keptId);
            }
            Assert.Contains($"{original.Id}/half", result.KeptIds);
        }
        Assert.All(result.Rejections, r => Assert.Equal("dedup.minhash.duplicate", r.Reason.Code));
        Assert.Equal(24, result.Stats.Get("rejected.dedup.minhash.duplicate"));
    }

    /// <summary>All petitions, cut to their first 1,000 characters to keep the test fast (re-posted
    /// petitions share their openings, so the cut corpus still has many near-duplicates).</summary>
    private static List<Document> PetitionOpenings() =>
        DedupTestData.WithSource(CorpusReader.Read("ko-petitions.jsonl.gz")
            .Select(d => new Document(d.Id, d.Text.Length > 1000 ? d.Text[..1000] : d.Text)));

    [SharedDataFact]
    public async Task PetitionsKeepTheSameDocumentsWithOneTwoOrSevenShardsSplitEitherWay()
    {
        var documents = PetitionOpenings();
        var single = await Run(documents);
        Assert.True(single.Rejections.Count > 20, $"expected the petition re-posts to be found, got {single.Rejections.Count}");

        foreach (var shards in new[] { 2, 7 })
        {
            var roundRobin = await StageHarness.RunGlobalAsync(
                new MinHashDedupStage(new()), DedupTestData.RoundRobin(documents, shards), TestPaths.NewTempDirectory());
            var contiguous = await StageHarness.RunGlobalAsync(
                new MinHashDedupStage(new()), DedupTestData.Contiguous(documents, shards), TestPaths.NewTempDirectory());

            Assert.Equal(single.KeptIds.Order(), roundRobin.KeptIds.Order());
            Assert.Equal(single.KeptIds.Order(), contiguous.KeptIds.Order());
            Assert.Equal(Pairs(single), Pairs(roundRobin));
            Assert.Equal(Pairs(single), Pairs(contiguous));
        }
    }

    [SharedDataFact]
    public async Task SmallMemoryBudgetSpillsBucketsAndKeepsTheSameDocuments()
    {
        var documents = PetitionOpenings();

        var inMemory = await Run(documents);
        var spilled = await Run(documents, new MinHashDedupOptions { MemoryBudgetMb = 1 }, shards: 2);

        Assert.Equal(0, inMemory.Stats.Get("sort.spilled_runs"));
        Assert.True(spilled.Stats.Get("sort.spilled_runs") > 0);
        Assert.Equal(inMemory.KeptIds.Order(), spilled.KeptIds.Order());
        Assert.Equal(Pairs(inMemory), Pairs(spilled));
    }

    [SharedDataFact]
    public void SignaturesAreIdenticalAcrossInstancesForTheSameSeedAndDifferForAnother()
    {
        var text = CorpusReader.Read("ko-petitions.jsonl.gz", limit: 1).Single().Text;

        var first = new MinHashDedupStage(new()).Signature(text);
        var second = new MinHashDedupStage(new()).Signature(text);
        var otherSeed = new MinHashDedupStage(new() { Seed = 2 }).Signature(text);

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
        Assert.DoesNotContain(uint.MaxValue, first);
    }

    [Fact]
    public void VectorisedSignatureEqualsTheScalarDefinition()
    {
        var hasher = new MinHasher(128, 7);
        var random = new Random(3);
        var hashes = Enumerable.Range(0, 777).Select(_ => (uint)random.NextInt64(0, 1L << 32)).ToArray();
        var signature = new uint[128];

        hasher.Compute(hashes, signature);

        Assert.Equal(hasher.ComputeReference(hashes), signature);
    }

    [Theory]
    [InlineData(16, 1)]
    [InlineData(200, 9)]
    public void VectorisedSignatureEqualsTheScalarDefinitionForOtherPermutationCounts(int permutations, int shingles)
    {
        var hasher = new MinHasher(permutations, 11);
        var random = new Random(permutations);
        var hashes = Enumerable.Range(0, shingles).Select(_ => (uint)random.NextInt64(0, 1L << 32)).ToArray();
        var signature = new uint[permutations];

        hasher.Compute(hashes, signature);

        Assert.Equal(hasher.ComputeReference(hashes), signature);
    }

    [SharedDataTheory]
    [InlineData(ShingleUnit.Chars, 5)]
    [InlineData(ShingleUnit.Chars, 1)]
    [InlineData(ShingleUnit.Words, 3)]
    [InlineData(ShingleUnit.Words, 40)]
    public void VectorisedShingleHashesEqualTheScalarDefinition(ShingleUnit unit, int n)
    {
        var workspace = new ShingleWorkspace();
        var mixed = "ÀÉÎ Straße ДОМ 漢字 ①② ＡＢＣ 12345 Hello, 세계! The QUICK brown fox, 보더 콜리 ~[@`{ ";
        var texts = CorpusReader.Read("ko-en-parallel-news.jsonl.gz", limit: 40).Select(d => d.Text).Append(mixed + mixed + mixed);
        foreach (var document in texts)
        {
            // Every length mod 16 (vector tails), reusing one workspace as the stage does (stale buffers must not leak in).
            var text = document[..Math.Min(document.Length, 17 + document.Length % 200)];
            var count = Shingler.Hash(text, unit, n, 5, workspace);

            Assert.Equal(Shingler.HashReference(text, unit, n, 5), workspace.Hashes[..count]);
        }
    }

    [SharedDataFact]
    public async Task SignatureFilesHoldOneRowPerDocumentInShardOrderAndReadBackByPosition()
    {
        var documents = DedupTestData.Load("ko-petitions.jsonl.gz", limit: 30);
        var options = new MinHashDedupOptions();
        var stage = new MinHashDedupStage(options);
        var shards = DedupTestData.RoundRobin(documents, 2);
        var workDirectory = TestPaths.NewTempDirectory();

        await StageHarness.RunGlobalAsync(stage, shards, workDirectory);

        var folder = Path.GetDirectoryName(Directory.GetFiles(workDirectory, "sigs.*", SearchOption.AllDirectories)[0])!;
        using var store = new SignatureStore(folder, 2, options.NumPermutations);
        var row = new uint[options.NumPermutations];
        for (var rank = 0; rank < 2; rank++)
        {
            Assert.Equal(shards[rank].Count * options.NumPermutations * sizeof(uint), new FileInfo(SignatureStore.PathOf(folder, rank, 2)).Length);
            for (var local = 0; local < shards[rank].Count; local++)
            {
                store.Read(DedupKeys.Gid(rank, local), row);
                Assert.Equal(stage.Signature(shards[rank][local].Text), row);
            }
        }
    }

    [Fact]
    public void ATextShorterThanOneShingleIsOneShingleAndDiffersFromALongerText()
    {
        var workspace = new ShingleWorkspace();

        Assert.Equal(1, Shingler.Hash("보더콜", ShingleUnit.Chars, 5, 1, workspace));
        var shortHash = workspace.Hashes[0];
        Assert.Equal(1, Shingler.Hash("보더콜리", ShingleUnit.Chars, 5, 1, workspace));
        Assert.NotEqual(shortHash, workspace.Hashes[0]);
        Assert.Equal(0, Shingler.Hash(" .,!? ", ShingleUnit.Chars, 5, 1, workspace));
    }

    [Fact]
    public void SpacingDriftInKoreanDoesNotChangeCharacterShingles()
    {
        var stage = new MinHashDedupStage(new());

        Assert.Equal(stage.Signature("보더 콜리는 영국 원산의 목양견이다."), stage.Signature("보더콜리는 영국원산의 목양견 이다"));
    }

    [Fact]
    public void WordShinglesIgnoreCaseAndPunctuationButNotWordOrder()
    {
        var stage = new MinHashDedupStage(new() { ShingleUnit = ShingleUnit.Words, NgramSize = 3 });

        Assert.Equal(stage.Signature("The quick brown fox jumps."), stage.Signature("the QUICK, brown  fox\njumps"));
        Assert.NotEqual(stage.Signature("the quick brown fox jumps"), stage.Signature("the brown quick fox jumps"));
    }

    [SharedDataFact]
    public async Task ClustersAreWrittenWithIdsAndNoText()
    {
        var text = CorpusReader.Read("ko-petitions.jsonl.gz", limit: 50).First(d => d.Text.Length > 1000).Text;
        var documents = DedupTestData.WithSource([
            new Document("original", text),
            new Document("copy", DedupVariants.Boilerplate(text, korean: true)),
            new Document("other", "완전히 다른 내용의 짧은 글입니다. 비슷한 점이 전혀 없습니다."),
        ]);
        var workDirectory = TestPaths.NewTempDirectory();

        var result = await Run(documents, workDirectory: workDirectory);

        var clusters = Directory.GetFiles(workDirectory, "clusters.*.jsonl", SearchOption.AllDirectories);
        var line = Assert.Single(clusters.SelectMany(File.ReadAllLines));
        Assert.StartsWith("{\"kept\":\"original\",\"size\":2,\"duplicates\":[{\"id\":\"copy\",\"jaccard\":", line);
        Assert.DoesNotContain(text[..20], line);
        Assert.Equal("original", Assert.Single(result.Rejections).DuplicateOf);
        Assert.StartsWith("jaccard~", result.Rejections[0].Detail);
    }

    [SharedDataTheory]
    [InlineData(KeepRule.First, "a")]
    [InlineData(KeepRule.Longest, "c")]
    [InlineData(KeepRule.HighestQuality, "b")]
    public async Task KeepRuleChoosesWhichClusterMemberSurvives(KeepRule rule, string expectedKept)
    {
        var text = CorpusReader.Read("ko-petitions.jsonl.gz", limit: 50).First(d => d.Text.Length > 1000).Text;
        var a = new Document("a", DedupVariants.Truncate(text, 0.95));
        var b = new Document("b", DedupVariants.Whitespace(DedupVariants.Truncate(text, 0.95)));
        var c = new Document("c", text);
        a.Metadata[MetadataKeys.QualityScore] = 0.2;
        b.Metadata[MetadataKeys.QualityScore] = 0.9;
        var documents = DedupTestData.WithSource([a, b, c]);

        var result = await Run(documents, new MinHashDedupOptions { Keep = rule });

        Assert.Equal([expectedKept], result.KeptIds);
        Assert.All(result.Rejections, r => Assert.Equal(expectedKept, r.DuplicateOf));
    }

    [SharedDataFact]
    public async Task WordShinglesAlsoCatchEditedEnglishCopies()
    {
        var text = NewsLength("en-wiki.jsonl.gz", 1, 2500, 8000).Single().Text;
        var documents = DedupTestData.WithSource([new Document("a", text), new Document("b", DedupVariants.EditWords(text, 50, korean: false))]);

        var result = await Run(documents, new MinHashDedupOptions { ShingleUnit = ShingleUnit.Words });

        Assert.Equal("a", Assert.Single(result.Rejections).DuplicateOf);
    }

    [Fact]
    public void OptionProblemsAreReportedByName()
    {
        var problems = new MinHashDedupOptions { Bands = 20, RowsPerBand = 10, Threshold = 1.5, NgramSize = 0 }.Validate().ToList();

        Assert.Contains(problems, p => p.Property == "bands" && p.Message.Contains("20*10 > 128"));
        Assert.Contains(problems, p => p.Property == "threshold");
        Assert.Contains(problems, p => p.Property == "ngramSize");
        Assert.Empty(new MinHashDedupOptions().Validate());
    }

    private static List<string> Pairs(StageResult result) =>
        result.Rejections.Select(r => $"{r.DocumentId}->{r.DuplicateOf}").Order().ToList();
}
