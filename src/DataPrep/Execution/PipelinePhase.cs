namespace DataPrep.Execution;

/// <summary>
/// One phase of a run. A pipeline without corpus-wide stages has one map phase. Each corpus-wide stage
/// (<see cref="Pipeline.IGlobalStage"/>) splits the pipeline: a map phase ending in its observe pass,
/// one reduce phase per reduce step, then a map phase starting with its decision pass. Every phase runs
/// as parts <c>0..N-1</c> (one per shard) that may run in parallel, on one machine or as a job array.
/// </summary>
/// <param name="Index">Position in the run, from 0.</param>
/// <param name="Kind">Map (documents flow) or reduce (a corpus-wide step over the stage's files).</param>
/// <param name="Segment">For map phases: which segment of stages (0 = from the input).</param>
/// <param name="StageIndex">For reduce phases: the pipeline position (1-based) of the corpus-wide stage.</param>
/// <param name="Step">For reduce phases: the reduce step.</param>
/// <param name="Name">Readable name: <c>map-0</c>, <c>reduce dedup.minhash buckets</c>.</param>
public sealed record PipelinePhase(int Index, PhaseKind Kind, int Segment, int StageIndex, int Step, string Name);

/// <summary>What a phase does.</summary>
public enum PhaseKind
{
    /// <summary>Documents flow from the input (or the previous segment's work file) through a segment of stages.</summary>
    Map,

    /// <summary>A reduce step of a corpus-wide stage.</summary>
    Reduce,
}
