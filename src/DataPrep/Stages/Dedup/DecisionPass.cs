using System.Runtime.CompilerServices;
using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Dedup;

/// <summary>
/// The decision pass shared by the global dedup stages: reads the duplicates the reduce steps found
/// for this shard and rejects them, by position in the shard (the decision pass sees the same
/// documents in the same order as the observe pass). The runner counts <c>docs.in</c>/<c>docs.out</c>
/// and bytes around a stage that is not a <see cref="DocumentStage"/>, so this pass counts only rejections.
/// </summary>
internal static class DecisionPass
{
    public static async IAsyncEnumerable<Document> RunAsync(
        IAsyncEnumerable<Document> input,
        StageContext context,
        string folder,
        RejectionReason reason,
        long observedCount,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var shard = context.Shard;
        var stats = context.Stats;
        Dictionary<long, Decision> decisions;
        using (stats.Time())
        {
            decisions = DecisionFiles.ReadForRank(folder, shard.Rank, shard.WorldSize);
        }
        long local = 0;
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (decisions.TryGetValue(local++, out var decision))
            {
                context.Reject(document, new Verdict(reason, decision.Detail, DuplicateOf: decision.KeptId));
                continue;
            }
            yield return document;
        }
        if (observedCount >= 0 && local != observedCount)
        {
            throw new InvalidOperationException(
                $"Stage '{context.StageId}' shard {shard}: the decision pass saw {local} documents but the observe pass saw {observedCount}; both passes must see the same documents in the same order.");
        }
    }

    /// <summary>Number of documents the observe pass recorded for a shard (rows of its document table).</summary>
    public static long ObservedCount(string countPath) =>
        File.Exists(countPath) ? long.Parse(File.ReadAllText(countPath), System.Globalization.CultureInfo.InvariantCulture) : -1;

    public static void WriteObservedCount(string countPath, long count) =>
        IO.Writers.AtomicFile.WriteAllText(countPath, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
