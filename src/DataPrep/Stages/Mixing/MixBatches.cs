using DataPrep.IO.Readers;

namespace DataPrep.Stages.Mixing;

/// <summary>
/// Runs work on record batches on all cores while one thread reads, and hands the results back in input order:
/// at most <c>2 × threads</c> batches are in flight, so memory stays bounded whatever the source size.
/// </summary>
internal static class MixBatches
{
    public static void Process<T>(IEnumerable<RecordBatch> batches, Func<RecordBatch, T> work, Action<T> consume, int threads, CancellationToken cancellationToken)
    {
        var inFlight = new Queue<Task<T>>();
        var limit = Math.Max(2, threads * 2);
        foreach (var batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            inFlight.Enqueue(Task.Run(() => work(batch), cancellationToken));
            if (inFlight.Count >= limit)
            {
                consume(inFlight.Dequeue().GetAwaiter().GetResult());
            }
        }
        while (inFlight.Count > 0)
        {
            consume(inFlight.Dequeue().GetAwaiter().GetResult());
        }
    }
}
