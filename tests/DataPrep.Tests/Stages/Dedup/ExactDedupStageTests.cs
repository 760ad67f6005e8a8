using DataPrep.Documents;
using DataPrep.Stages.Dedup.Exact;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Dedup;

public sealed class ExactDedupStageTests
{
    private static Task<StageResult> Run(IReadOnlyList<Document> documents, int shards = 1, ExactDedupOptions? options = null) =>
        StageHarness.RunGlobalAsync(
            new ExactDedupStage(options ?? new ExactDedupOptions()),
            DedupTestData.RoundRobin(documents, shards),
            TestPaths.NewTempDirectory());

    [Fact]
    public async Task WhitespaceVariantIsRejectedAsExactDuplicateOfTheFirstSeen()
    {
        var documents = DedupTestData.WithSource([
            Some.Document("오늘은 날씨가 맑습니다.\n내일은 비가 옵니다.", "a"),
            Some.Document("전혀 다른 문서입니다.", "b"),
            Some.Document("  오늘은   날씨가 맑습니다. 내일은\t비가 옵니다.  ", "c"),
        ]);

        var result = await Run(documents);

        Assert.Equal(["a", "b"], result.KeptIds);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal("dedup.exact.duplicate", rejection.Reason.Code);
        Assert.Equal("c", rejection.DocumentId);
        Assert.Equal("a", rejection.DuplicateOf);
        Assert.Equal(1, result.Stats.Get("rejected.dedup.exact.duplicate"));
        Assert.Equal(1, result.Stats.Get("docs.duplicate"));
    }

    [Fact]
    public async Task CaseDifferenceIsKeptUnlessIgnoreCaseIsSet()
    {
        var documents = DedupTestData.WithSource([Some.Document("Hello World", "a"), Some.Document("hello world", "b")]);

        Assert.Equal(["a", "b"], (await Run(documents)).KeptIds);
        Assert.Equal(["a"], (await Run(documents, options: new ExactDedupOptions { IgnoreCase = true })).KeptIds);
    }

    [Fact]
    public async Task FirstSeenFollowsInputOrderNotShardOrder()
    {
        // The copy with the smaller input order lands on the last shard; it is still the one kept.
        var documents = new List<Document>
        {
            new("late", "same text") { Source = new DocumentSource("b.jsonl", 1, 1) },
            new("early", "same text") { Source = new DocumentSource("a.jsonl", 0, 5) },
        };

        var result = await Run(documents, shards: 2);

        Assert.Equal(["early"], result.KeptIds);
        Assert.Equal("early", Assert.Single(result.Rejections).DuplicateOf);
    }

    [Fact]
    public async Task DocumentsMadeInCodeFallBackToArrivalOrderAfterSourcedDocuments()
    {
        // No source: arrival order within the shard decides, and any document read from a file counts as earlier.
        var documents = new List<Document>
        {
            Some.Document("같은 글", "made-first"),
            Some.Document("같은 글", "made-second"),
            new("from-file", "같은 글") { Source = new DocumentSource("x.jsonl", 0, 9) },
        };

        var result = await StageHarness.RunGlobalAsync(new ExactDedupStage(new()), [documents], TestPaths.NewTempDirectory());

        Assert.Equal(["from-file"], result.KeptIds);
        Assert.All(result.Rejections, r => Assert.Equal("from-file", r.DuplicateOf));
        var madeOnly = await StageHarness.RunGlobalAsync(new ExactDedupStage(new()), [documents[..2]], TestPaths.NewTempDirectory());
        Assert.Equal(["made-first"], madeOnly.KeptIds);
    }

    [SharedDataTheory]
    [InlineData(2)]
    [InlineData(7)]
    public async Task ReviewCorpusKeepsTheSameDocumentsWhateverTheSharding(int shards)
    {
        var documents = DedupTestData.Load("ko-nsmc-reviews.jsonl.gz", limit: 10_000);
        var workDirectory = TestPaths.NewTempDirectory();

        var single = await Run(documents, 1);
        var roundRobin = await StageHarness.RunGlobalAsync(new ExactDedupStage(new()), DedupTestData.RoundRobin(documents, shards), workDirectory);
        var contiguous = await StageHarness.RunGlobalAsync(new ExactDedupStage(new()), DedupTestData.Contiguous(documents, shards), TestPaths.NewTempDirectory());

        Assert.True(single.Rejections.Count > 50, $"expected many exact copies among short reviews, got {single.Rejections.Count}");
        Assert.Equal(single.KeptIds.Order(), roundRobin.KeptIds.Order());
        Assert.Equal(single.KeptIds.Order(), contiguous.KeptIds.Order());
        Assert.Equal(Pairs(single), Pairs(roundRobin));
        Assert.Equal(Pairs(single), Pairs(contiguous));
    }

    [SharedDataFact]
    public async Task SmallMemoryBudgetSpillsSortedRunsAndKeepsTheSameDocuments()
    {
        var documents = DedupTestData.Load("ko-nsmc-reviews.jsonl.gz", limit: 40_000);

        var inMemory = await Run(documents);
        var spilled = await Run(documents, options: new ExactDedupOptions { MemoryBudgetMb = 1 });

        Assert.Equal(0, inMemory.Stats.Get("sort.spilled_runs"));
        Assert.True(spilled.Stats.Get("sort.spilled_runs") > 0);
        Assert.Equal(inMemory.KeptIds, spilled.KeptIds);
    }

    [Fact]
    public void InvalidMemoryBudgetIsReportedByName()
    {
        var problem = Assert.Single(new ExactDedupOptions { MemoryBudgetMb = 0 }.Validate());
        Assert.Equal("memoryBudgetMb", problem.Property);
    }

    private static List<string> Pairs(StageResult result) =>
        result.Rejections.Select(r => $"{r.DocumentId}->{r.DuplicateOf}").Order().ToList();
}
