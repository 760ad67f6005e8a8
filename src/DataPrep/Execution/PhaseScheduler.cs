using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Execution;

/// <summary>
/// Decides the order in which the parts of a run's phases run on this machine: phases one after another; the parts
/// of a map phase one after another (each already uses every core); the parts of a reduce phase side by side (they
/// are independent by contract, and each is mostly single-threaded); or only the given shard's part of each phase.
/// </summary>
internal static class PhaseScheduler
{
    /// <summary>Runs <paramref name="runPart"/> for every part of every phase, in the order above.</summary>
    /// <param name="phases">The phases, in run order.</param>
    /// <param name="shard">Only this shard (a task of a job array), or null for all <paramref name="world"/> shards.</param>
    /// <param name="world">Number of shards.</param>
    /// <param name="threads">Most reduce parts at once.</param>
    /// <param name="runPart">Runs one part of one phase.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task RunAsync(IReadOnlyList<PipelinePhase> phases, ShardSpec? shard, int world, int threads,
        Func<PipelinePhase, ShardSpec, CancellationToken, Task> runPart, CancellationToken cancellationToken)
    {
        foreach (var phase in phases)
        {
            if (shard is { } only)
            {
                await runPart(phase, only, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (phase.Kind == PhaseKind.Reduce)
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, world),
                    new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken },
                    async (rank, ct) => await runPart(phase, new ShardSpec(rank, world), ct).ConfigureAwait(false)).ConfigureAwait(false);
            }
            else
            {
                for (var rank = 0; rank < world; rank++)
                {
                    await runPart(phase, new ShardSpec(rank, world), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
