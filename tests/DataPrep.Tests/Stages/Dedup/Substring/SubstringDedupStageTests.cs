using System.Text;
using DataPrep.Documents;
using DataPrep.Stages.Dedup.Substring;
using DataPrep.Tests.Support;
using Xunit.Abstractions;

namespace DataPrep.Tests.Stages.Dedup.Substring;

public sealed class SubstringDedupStageTests(ITestOutputHelper output)
{
    private const string Footer =
        "무단전재 및 재배포 금지. 이 기사의 저작권은 한국일보에 있으며 기사 내용에 대한 문의는 독자센터로 해 주시기 바랍니다. 제보는 카카오톡으로 보내 주세요.";

    private static Task<StageResult> Run(IReadOnlyList<Document> documents, SubstringDedupOptions? options = null, int shards = 1) =>
        StageHarness.RunGlobalAsync(
            new SubstringDedupStage(options ?? new SubstringDedupOptions()), DedupTestData.RoundRobin(documents, shards), TestPaths.NewTempDirectory());

    /// <summary>Real Korean bodies (petitions), long enough to survive the removal, that repeat nothing of
    /// 32 bytes or more among themselves (some petitions repeat their own sentences).</summary>
    private static List<string> Bodies(int count, int skip = 0)
    {
        var bodies = new List<string>();
        foreach (var text in CorpusReader.Read("ko-petitions.jsonl.gz", limit: 400).Select(d => d.Text).Where(t => t.Length is > 300 and < 1500))
        {
            if (!NaiveSubstringDedup.HasRepeat(bodies, text, 32))
            {
                bodies.Add(text);
            }
            if (bodies.Count == count + skip)
            {
                break;
            }
        }
        return bodies.Skip(skip).ToList();
    }

    [SharedDataFact]
    public async Task RepeatedFooterIsCutFromEveryDocumentButTheFirst()
    {
        var bodies = Bodies(6);
        // A last word of its own per document: the cut span is the footer alone, not a shared closing word too.
        var documents = DedupTestData.WithSource(bodies.Select((b, i) => Some.Document($"{b} 끝{i}\n{Footer}", $"d{i}")));

        var result = await Run(documents);

        Assert.Empty(result.Rejections);
        Assert.Equal($"{bodies[0]} 끝0\n{Footer}", result.Kept[0].Text);
        Assert.All(result.Kept.Skip(1), d => Assert.DoesNotContain("저작권은", d.Text));
        Assert.Equal(bodies.Select((b, i) => $"{b} 끝{i}").Skip(1), result.Kept.Skip(1).Select(d => d.Text.TrimEnd()));
        Assert.Equal(5, result.Stats.Get("spans.removed"));
        Assert.Equal(5 * Encoding.UTF8.GetByteCount(Footer), result.Stats.Get("bytes.removed"));
        Assert.Equal(5, result.Stats.Get("source.test.spans_removed"));
    }

    [SharedDataFact]
    public async Task RepeatShorterThanMinSpanBytesIsKept()
    {
        const string shortRepeat = "모든 국민은 법 앞에 평등하다.";   // 41 bytes
        var documents = DedupTestData.WithSource(Bodies(4).Select(b => Some.Document($"{shortRepeat} {b}")));

        var result = await Run(documents);

        Assert.All(result.Kept, d => Assert.StartsWith(shortRepeat, d.Text));
        Assert.Equal(0, result.Stats.Get("spans.removed"));
    }

    [SharedDataFact]
    public async Task CutSpansEndOnEojeolBoundaries()
    {
        // The repeat starts and ends inside eojeol: only whole eojeol are cut, so no word is left truncated.
        var repeat = string.Concat(Enumerable.Repeat("대한민국은 민주공화국이다 ", 8));
        var documents = DedupTestData.WithSource(
        [
            Some.Document($"첫 문서는 {repeat}그리고 끝난다. " + Bodies(1)[0], "a"),
            Some.Document($"둘째 문서X{repeat}Y마지막 어절. " + Bodies(1, skip: 1)[0], "b"),
        ]);

        var result = await Run(documents);

        var cut = result.Kept[1].Text;
        Assert.StartsWith("둘째 문서X", cut);
        Assert.Contains("Y마지막", cut);
        Assert.DoesNotContain("대한민국은 민주공화국이다 대한민국은", cut);
        foreach (var word in cut.Split(' ', '\n'))
        {
            Assert.True(word.Length == 0 || documents[1].Text.Split(' ', '\n').Contains(word), $"'{word}' is a truncated word");
        }
    }

    [SharedDataFact]
    public async Task DocumentLeftTooShortIsRejectedAndNamesTheFirstOccurrence()
    {
        var bodies = Bodies(3);
        var documents = DedupTestData.WithSource(
        [
            Some.Document($"{bodies[0]}\n{bodies[1]}", "first"),
            Some.Document($"짧은 글.\n{bodies[1]}", "copy"),
            Some.Document(bodies[2], "other"),
        ]);

        var result = await Run(documents);

        var rejection = Assert.Single(result.Rejections);
        Assert.Equal("dedup.substring.too_short_after_removal", rejection.Reason.Code);
        Assert.Equal("copy", rejection.DocumentId);
        Assert.Equal("first", rejection.DuplicateOf);
        Assert.StartsWith("chars=4<100 spans_removed=1", rejection.Detail);
        Assert.Equal(["first", "other"], result.Kept.Select(d => d.Id));
    }

    [SharedDataFact]
    public async Task FirstOccurrenceIsTheEarliestInInputOrderEvenWhenItsShardComesLater()
    {
        var bodies = Bodies(4);
        // Round-robin over 2 shards puts d1 (the first occurrence) on shard 1 and d2 on shard 0.
        var documents = DedupTestData.WithSource(bodies.Select((b, i) => Some.Document(i >= 1 ? $"{b}\n{Footer}" : b, $"d{i}")));

        var result = await Run(documents, shards: 2);

        Assert.Contains(Footer, result.Kept.Single(d => d.Id == "d1").Text);
        Assert.DoesNotContain(Footer, result.Kept.Single(d => d.Id == "d2").Text);
        Assert.DoesNotContain(Footer, result.Kept.Single(d => d.Id == "d3").Text);
    }

    [SharedDataFact]
    public async Task WithoutKeepFirstEveryOccurrenceIsCut()
    {
        var documents = DedupTestData.WithSource(Bodies(3).Select(b => Some.Document($"{b}\n{Footer}")));

        var result = await Run(documents, new SubstringDedupOptions { KeepFirst = false });

        Assert.All(result.Kept, d => Assert.DoesNotContain("저작권은", d.Text));
        Assert.Equal(3, result.Stats.Get("spans.removed"));
    }

    [SharedDataTheory]
    [InlineData(2)]
    [InlineData(7)]
    public async Task SameTextsAndRejectionsComeOutWhateverTheSharding(int shards)
    {
        var corpus = SubstringCorpus.Planted(documents: 60, spans: 12, seed: shards);
        List<Document> Documents() => DedupTestData.WithSource(corpus.Select((t, i) => Some.Document(t, $"d{i}")));

        var single = await Run(Documents());
        var sharded = await Run(Documents(), shards: shards);

        Assert.Equal(single.Kept.OrderBy(d => d.Id).Select(d => (d.Id, d.Text)), sharded.Kept.OrderBy(d => d.Id).Select(d => (d.Id, d.Text)));
        Assert.Equal(
            single.Rejections.Select(r => (r.DocumentId, r.DuplicateOf, r.Detail)).Order(),
            sharded.Rejections.Select(r => (r.DocumentId, r.DuplicateOf, r.Detail)).Order());
        Assert.True(single.Stats.Get("spans.removed") > 20);
        Assert.Equal(single.Stats.Get("bytes.removed"), sharded.Stats.Get("bytes.removed"));
        Assert.Equal(single.Stats.Get("windows.cut"), sharded.Stats.Get("windows.cut"));
    }

    [SharedDataFact]
    public async Task RepeatsAcrossSuffixArrayBlocksAreFoundAsWithinOneBlock()
    {
        var corpus = SubstringCorpus.Planted(documents: 120, spans: 30, seed: 3);
        List<Document> Documents() => DedupTestData.WithSource(corpus.Select((t, i) => Some.Document(t, $"d{i}")));

        var oneBlock = await Run(Documents());
        // 1 MiB over 9 bytes per text byte and the threads: blocks of 64 KiB, about ten for this corpus.
        var manyBlocks = await Run(Documents(), new SubstringDedupOptions { MemoryBudgetMb = 1 });

        Assert.Equal(1, oneBlock.Stats.Get("suffixes.blocks"));
        Assert.True(manyBlocks.Stats.Get("suffixes.blocks") >= 5, $"{manyBlocks.Stats.Get("suffixes.blocks")} blocks");
        Assert.Equal(oneBlock.Kept.Select(d => d.Text), manyBlocks.Kept.Select(d => d.Text));
        Assert.True(oneBlock.Stats.Get("spans.removed") > 50);
        Assert.Equal(oneBlock.Stats.Get("windows.cut"), manyBlocks.Stats.Get("windows.cut"));
    }

    [SharedDataTheory]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(3, false)]
    public async Task SuffixArrayResultEqualsNaiveSubstringSearch(int shards, bool keepFirst)
    {
        var corpus = SubstringCorpus.Planted(documents: 24, spans: 6, seed: 11, maxChars: 500);
        var options = new SubstringDedupOptions { MinSpanBytes = 60, Boundary = SpanBoundary.Chars, MinDocChars = 0, KeepFirst = keepFirst };
        var documents = DedupTestData.WithSource(corpus.Select((t, i) => Some.Document(t, $"d{i}")));

        var result = await Run(documents, options, shards);

        var expected = NaiveSubstringDedup.Cut(corpus, options.MinSpanBytes, keepFirst);
        Assert.Empty(result.Rejections);
        Assert.Equal(expected, result.Kept.OrderBy(d => int.Parse(d.Id[1..])).Select(d => d.Text));
        Assert.True(result.Stats.Get("spans.removed") >= 6);
    }

    [SharedDataFact]
    public async Task PlantedRepeatsAreCutAndOtherTextIsKept()
    {
        var planted = SubstringCorpus.PlantedWithPositions(documents: 160, spans: 50, seed: 5);
        var documents = DedupTestData.WithSource(planted.Texts.Select((t, i) => Some.Document(t, $"d{i}")));

        var result = await Run(documents, new SubstringDedupOptions { MinDocChars = 0 });

        var texts = result.Kept.ToDictionary(d => int.Parse(d.Id[1..]), d => d.Text);
        var (repeats, cut, _, unplantedBytes, unplantedRemoved) = planted.Score(texts);
        output.WriteLine($"{cut} of {repeats} planted repeats cut; {unplantedRemoved:P3} of {unplantedBytes} unplanted bytes removed");
        Assert.True(repeats >= 100, $"only {repeats} planted repeats");
        Assert.True(cut >= 0.99 * repeats, $"{cut} of {repeats} planted repeats cut");
        Assert.True(unplantedRemoved < 0.01, $"{unplantedRemoved:P2} of the unplanted bytes removed");
    }

    [Fact]
    public void OptionProblemsAreReportedByName()
    {
        var problems = new SubstringDedupOptions { MinSpanBytes = 4, MinDocChars = -1, MemoryBudgetMb = 0 }.Validate().Select(p => p.Property);

        Assert.Equal(["minSpanBytes", "minDocChars", "memoryBudgetMb"], problems);
    }
}
