using DataPrep.Documents;
using DataPrep.Stages.Dedup.Lines;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Dedup;

public sealed class LineDedupStageTests
{
    private const string Footer = "무단전재 및 재배포 금지. 저작권자 © 한국일보 All rights reserved.";

    private static Task<StageResult> Run(IReadOnlyList<Document> documents, LineDedupOptions? options = null, int shards = 1) =>
        StageHarness.RunGlobalAsync(
            new LineDedupStage(options ?? new LineDedupOptions()), DedupTestData.RoundRobin(documents, shards), TestPaths.NewTempDirectory());

    /// <summary>Distinct real bodies (petitions), each long enough to survive the removal.</summary>
    private static List<string> Bodies(int count) =>
        CorpusReader.Read("ko-petitions.jsonl.gz", limit: 200).Select(d => d.Text).Where(t => t.Length is > 300 and < 3000).Take(count).ToList();

    [SharedDataFact]
    public async Task FooterRepeatedInManyDocumentsIsRemovedFromAllOfThem()
    {
        var bodies = Bodies(8);
        // The dates differ: digits are normalised, so the footer still counts as one line.
        var documents = DedupTestData.WithSource(bodies.Select((b, i) =>
            Some.Document($"{b}\n{Footer}\n입력 2024.0{i + 1}.1{i} 오전 9:3{i}:00 최종수정 2024.0{i + 1}.1{i}", $"d{i}")));

        var result = await Run(documents);

        Assert.Empty(result.Rejections);
        Assert.All(result.Kept, d => Assert.DoesNotContain(Footer, d.Text));
        Assert.All(result.Kept, d => Assert.DoesNotContain("최종수정", d.Text));
        Assert.Equal(bodies, result.Kept.Select(d => d.Text.TrimEnd('\n')));
        Assert.Equal(16, result.Stats.Get("lines.removed"));
        Assert.Equal(8, result.Stats.Get("docs.changed"));
    }

    [SharedDataFact]
    public async Task LineSeenInNoMoreThanMaxOccurrencesDocumentsIsKept()
    {
        var documents = DedupTestData.WithSource(Bodies(5).Select(b => Some.Document($"{b}\n{Footer}")));

        var result = await Run(documents);

        Assert.All(result.Kept, d => Assert.Contains(Footer, d.Text));
        Assert.Equal(0, result.Stats.Get("lines.removed"));
    }

    [SharedDataFact]
    public async Task ShortRepeatedLinesAreNeverRemoved()
    {
        var documents = DedupTestData.WithSource(Bodies(10).Select(b => Some.Document($"{b}\n감사합니다.")));

        var result = await Run(documents);

        Assert.All(result.Kept, d => Assert.EndsWith("\n감사합니다.", d.Text));
    }

    [SharedDataFact]
    public async Task DocumentLeftTooShortIsRejectedWithItsReason()
    {
        var documents = Bodies(6).Select(b => Some.Document($"{b}\n{Footer}")).ToList();
        documents.Add(Some.Document($"짧은 글.\n{Footer}", "short"));

        var result = await Run(DedupTestData.WithSource(documents));

        var rejection = Assert.Single(result.Rejections);
        Assert.Equal("dedup.lines.too_short_after_removal", rejection.Reason.Code);
        Assert.Equal("short", rejection.DocumentId);
        Assert.Equal("chars=4<100 lines_removed=1", rejection.Detail);
    }

    [SharedDataFact]
    public async Task ParagraphModeRemovesRepeatedParagraphsAndKeepsTheRest()
    {
        const string boilerplate = "이 기사는 제휴 언론사의 기사입니다.\n기사 내용에 대한 문의는 해당 언론사로 해주시기 바랍니다.";
        var bodies = Bodies(7);
        var documents = DedupTestData.WithSource(bodies.Select(b => Some.Document($"{b}\n\n{boilerplate}")));

        var result = await Run(documents, new LineDedupOptions { Unit = LineUnit.Paragraphs });

        Assert.All(result.Kept, d => Assert.DoesNotContain("제휴 언론사", d.Text));
        Assert.Equal(7, result.Stats.Get("lines.removed"));
    }

    [SharedDataTheory]
    [InlineData(2)]
    [InlineData(7)]
    public async Task SameTextsComeOutWhateverTheSharding(int shards)
    {
        var bodies = Bodies(40);
        // Fresh documents per run: the stage rewrites the text of the documents it passes on.
        List<Document> Documents() =>
            DedupTestData.WithSource(bodies.Select((b, i) => Some.Document(i % 3 == 0 ? $"{Footer}\n{b}" : b, $"d{i}")));

        var single = await Run(Documents());
        var sharded = await Run(Documents(), shards: shards);

        Assert.Equal(
            single.Kept.OrderBy(d => d.Id).Select(d => d.Text),
            sharded.Kept.OrderBy(d => d.Id).Select(d => d.Text));
        Assert.Equal(14, sharded.Stats.Get("lines.removed"));
    }

    [Fact]
    public void OptionProblemsAreReportedByName()
    {
        var problems = new LineDedupOptions { MaxOccurrences = 0, MinLineChars = 0 }.Validate().Select(p => p.Property);

        Assert.Equal(["maxOccurrences", "minLineChars"], problems);
    }
}
