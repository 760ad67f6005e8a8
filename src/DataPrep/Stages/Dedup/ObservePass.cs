using System.Runtime.CompilerServices;
using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Dedup;

/// <summary>
/// The observe pass shared by the corpus-wide dedup stages: hands the shard's documents in order to the stage's
/// <see cref="IDedupObserver"/> (one at a time, or in batches when the observer works on all cores), times it, yields
/// every document unchanged, commits the observer's files and records how many documents it saw (which the
/// decision pass checks).
/// </summary>
internal static class ObservePass
{
    /// <summary>Runs the observe pass of one shard in the stage's <paramref name="subfolder"/> of the work directory.
    /// <paramref name="createObserver"/> is called when the pass starts (not when it is built), so nothing is created
    /// for a pass that never runs; it gets <paramref name="batchSize"/> documents per call; <paramref name="countObserved"/>
    /// adds the <c>docs.observed</c> counter to the stage's stats.</summary>
    public static async IAsyncEnumerable<Document> RunAsync(
        IAsyncEnumerable<Document> input,
        StageContext context,
        string subfolder,
        Func<DedupLayout, IDedupObserver> createObserver,
        int batchSize,
        bool countObserved,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var layout = DedupLayout.Of(context, subfolder);
        var batch = new List<Document>(batchSize);
        long local = 0;
        using (var observer = createObserver(layout))
        {
            await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                batch.Add(document);
                if (batch.Count < batchSize)
                {
                    continue;
                }
                local = Observe(observer, batch, local, context);
                foreach (var observed in batch)
                {
                    yield return observed;
                }
                batch.Clear();
            }
            local = Observe(observer, batch, local, context);
            observer.Commit();
        }
        layout.WriteObservedCount(local);
        if (countObserved)
        {
            context.Stats.Increment("docs.observed", local);
        }
        foreach (var observed in batch)
        {
            yield return observed;
        }
    }

    private static long Observe(IDedupObserver observer, List<Document> batch, long local, StageContext context)
    {
        if (batch.Count == 0)
        {
            return local;
        }
        using (context.Stats.Time())
        {
            observer.Observe(batch, local);
        }
        return local + batch.Count;
    }
}
