using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Tests.Support;

/// <summary>Runs one stage over in-memory documents and returns kept documents, rejections and stats.</summary>
public static class StageHarness
{
    public static async Task<StageResult> RunAsync(IStage stage, IEnumerable<Document> documents, string? workDirectory = null)
    {
        var sink = new CollectingRejectionSink();
        var context = new StageContext(stage.Id, ShardSpec.Single, rejections: sink, workDirectory: workDirectory);
        var kept = new List<Document>();
        await foreach (var document in stage.RunAsync(documents.ToAsyncEnumerable(), context, CancellationToken.None))
        {
            kept.Add(document);
        }
        return new StageResult(kept, sink.Items, context.Stats);
    }

    public static StageResult Run(IStage stage, params Document[] documents) =>
        RunAsync(stage, documents).GetAwaiter().GetResult();

    /// <summary>Runs a global stage the way the runner does: observe every shard, every reduce step
    /// (all parts), then the decision pass on every shard. Returns the kept documents of all shards in shard order.</summary>
    public static async Task<StageResult> RunGlobalAsync(
        IGlobalStage stage, IReadOnlyList<IReadOnlyList<Document>> shards, string workDirectory)
    {
        var sink = new CollectingRejectionSink();
        var stats = new StageStats(stage.Id);
        var worldSize = shards.Count;
        StageContext ContextFor(int rank) =>
            new(stage.Id, new ShardSpec(rank, worldSize), new StageStats(stage.Id), rejections: sink, workDirectory: workDirectory);

        for (var rank = 0; rank < worldSize; rank++)
        {
            var context = ContextFor(rank);
            await foreach (var _ in stage.ObserveAsync(shards[rank].ToAsyncEnumerable(), context, CancellationToken.None))
            {
            }
            stats.MergeFrom(context.Stats);
        }
        for (var step = 0; step < stage.ReduceSteps.Count; step++)
        {
            for (var part = 0; part < worldSize; part++)
            {
                var context = ContextFor(part);
                await stage.ReduceAsync(step, context, CancellationToken.None);
                stats.MergeFrom(context.Stats);
            }
        }
        var kept = new List<Document>();
        for (var rank = 0; rank < worldSize; rank++)
        {
            var context = ContextFor(rank);
            await foreach (var document in stage.RunAsync(shards[rank].ToAsyncEnumerable(), context, CancellationToken.None))
            {
                kept.Add(document);
            }
            stats.MergeFrom(context.Stats);
        }
        return new StageResult(kept, sink.Items, stats);
    }
}
