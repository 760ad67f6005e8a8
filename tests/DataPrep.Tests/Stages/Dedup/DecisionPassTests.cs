using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Stages.Dedup;
using DataPrep.Stages.Dedup.Exact;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Dedup;

public sealed class DecisionPassTests
{
    private static readonly RejectionReason Odd = new("test.decision.odd", "Odd position.");

    [Fact]
    public async Task EachDocumentIsDecidedByItsPositionRejectedOnesGoToTheSinkAndKeptOnesPassInOrder()
    {
        var sink = new CollectingRejectionSink();
        var context = new StageContext("test.decision", ShardSpec.Single, rejections: sink, workDirectory: TestPaths.NewTempDirectory());
        var layout = DedupLayout.Of(context, "test");
        layout.WriteObservedCount(5);
        var documents = Enumerable.Range(0, 5).Select(i => Some.Document($"text {i}", $"d{i}")).ToList();
        var prepared = 0;

        var kept = new List<Document>();
        await foreach (var document in DecisionPass.ApplyAsync(documents.ToAsyncEnumerable(), context, layout, () =>
        {
            prepared++;
            return (_, local) => local % 2 == 1 ? new Verdict(Odd, $"at={local}", DuplicateOf: "d0") : Verdict.Keep;
        }, CancellationToken.None))
        {
            kept.Add(document);
        }

        Assert.Equal(1, prepared);
        Assert.Equal(["d0", "d2", "d4"], kept.Select(d => d.Id));
        Assert.Equal(["d1", "d3"], sink.Items.Select(r => r.DocumentId));
        Assert.All(sink.Items, r => Assert.Equal(("test.decision.odd", "d0"), (r.Reason.Code, r.DuplicateOf)));
        Assert.Equal("at=3", sink.Items[1].Detail);
    }

    [Fact]
    public async Task ADecisionPassThatSeesOtherDocumentsThanTheObservePassFailsNamingBothCounts()
    {
        var folder = TestPaths.NewTempDirectory();
        var stage = new ExactDedupStage(new ExactDedupOptions());
        var context = new StageContext(stage.Id, ShardSpec.Single, workDirectory: folder);
        var documents = new[] { Some.Document("a", "1"), Some.Document("a", "2"), Some.Document("b", "3") };
        await foreach (var _ in stage.ObserveAsync(documents.ToAsyncEnumerable(), context, CancellationToken.None))
        {
        }
        await stage.ReduceAsync(0, context, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in stage.RunAsync(documents.Take(2).ToAsyncEnumerable(), context, CancellationToken.None))
            {
            }
        });

        Assert.Contains("the decision pass saw 2 documents but the observe pass saw 3", error.Message);
    }
}
