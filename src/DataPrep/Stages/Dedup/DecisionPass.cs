using System.Runtime.CompilerServices;
using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Dedup;

/// <summary>
/// The decision pass shared by the corpus-wide dedup stages: applies a decision to every document of the shard by its
/// position (the decision pass sees the same documents in the same order as the observe pass, which is checked), and
/// rejects those the decision rejects. The runner counts <c>docs.in</c>/<c>docs.out</c> and bytes around a stage that
/// is not a <see cref="DocumentStage"/>, so this pass counts only rejections.
/// </summary>
internal static class DecisionPass
{
    /// <summary>Rejects the duplicates the reduce steps recorded for this shard (<see cref="DecisionFiles"/>) with
    /// <paramref name="reason"/>, naming the kept document in <c>duplicate_of</c>.</summary>
    public static IAsyncEnumerable<Document> RejectRecordedAsync(
        IAsyncEnumerable<Document> input, StageContext context, string subfolder, RejectionReason reason, CancellationToken cancellationToken)
    {
        var layout = DedupLayout.Of(context, subfolder);
        return ApplyAsync(input, context, layout, () =>
        {
            var decisions = layout.ReadDecisions();
            return (_, local) => decisions.TryGetValue(local, out var decision)
                ? new Verdict(reason, decision.Detail, DuplicateOf: decision.KeptId)
                : Verdict.Keep;
        }, cancellationToken);
    }

    /// <summary>Runs the decision on every document with its position in the shard (timed); a rejecting verdict goes
    /// to the context's rejections, a keeping one lets the document (possibly changed) through.
    /// <paramref name="prepareDecision"/> is called once when the pass starts (timed): it reads what the reduce steps
    /// decided and returns the decision for one document.</summary>
    public static async IAsyncEnumerable<Document> ApplyAsync(
        IAsyncEnumerable<Document> input,
        StageContext context,
        DedupLayout layout,
        Func<Func<Document, long, Verdict>> prepareDecision,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stats = context.Stats;
        var observed = layout.ObservedCount();
        Func<Document, long, Verdict> decide;
        using (stats.Time())
        {
            decide = prepareDecision();
        }
        long local = 0;
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Verdict verdict;
            using (stats.Time())
            {
                verdict = decide(document, local++);
            }
            if (!verdict.IsKept)
            {
                context.Reject(document, verdict);
                continue;
            }
            yield return document;
        }
        if (observed >= 0 && local != observed)
        {
            throw new InvalidOperationException(
                $"Stage '{context.StageId}' shard {context.Shard}: the decision pass saw {local} documents but the observe pass saw {observed}; both passes must see the same documents in the same order.");
        }
    }

    /// <summary>Number of documents the observe pass recorded for a shard (rows of its document table).</summary>
    public static long ObservedCount(string countPath) =>
        File.Exists(countPath) ? long.Parse(File.ReadAllText(countPath), System.Globalization.CultureInfo.InvariantCulture) : -1;

    public static void WriteObservedCount(string countPath, long count) =>
        IO.Writers.AtomicFile.WriteAllText(countPath, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
