using DataPrep.Documents;

namespace DataPrep.Pipeline;

/// <summary>
/// A stage that must see the whole corpus before it can decide about any document (MinHash dedup,
/// corpus-wide line dedup). It runs in passes that hand data over through files in
/// <see cref="StageContext.WorkDirectory"/>, so each pass can run as separate jobs on a cluster:
/// <list type="number">
/// <item><see cref="ObserveAsync"/> on every shard (documents pass through unchanged, in order);</item>
/// <item>each step of <see cref="ReduceSteps"/>, split into parts <c>0..N-1</c> that may run in parallel,
/// every part of a step finishing before the next step starts;</item>
/// <item><see cref="IStage.RunAsync"/> on every shard: the decision pass, which sees the same documents
/// in the same order as the observe pass.</item>
/// </list>
/// The runner stores the documents between the passes, so stages before this one run once.
/// </summary>
public interface IGlobalStage : IStage
{
    /// <summary>First pass over one shard: records what the stage needs (hashes, signatures, counts)
    /// under the work folder and yields every document unchanged.</summary>
    IAsyncEnumerable<Document> ObserveAsync(
        IAsyncEnumerable<Document> input, StageContext context, CancellationToken cancellationToken);

    /// <summary>Names of the steps between the passes, in order (e.g. <c>buckets</c>, <c>clusters</c>).</summary>
    IReadOnlyList<string> ReduceSteps { get; }

    /// <summary>Runs one part of step <paramref name="step"/>: the context's <see cref="StageContext.Shard"/>
    /// says which part of how many (the same world size as the observe pass).</summary>
    Task ReduceAsync(int step, StageContext context, CancellationToken cancellationToken);
}
