using DataPrep.Execution;
namespace DataPrep.Pipeline;

/// <summary>The statistics of one pass of one stage within <see cref="PipelineStats"/>.</summary>
/// <param name="Index">Position: 0 is the input, 1..n the configured stages, n+1 the output.</param>
/// <param name="StageId">The stage id (<c>input</c>, <c>output</c>, <c>quality.gopher</c>, …).</param>
/// <param name="Pass">Empty for the pass that decides about documents; <c>observe</c> or <c>reduce.&lt;step&gt;</c>
/// for the extra passes of corpus-wide stages.</param>
/// <param name="Stats">The counters and distributions.</param>
public sealed record StageStatsEntry(int Index, string StageId, string Pass, StageStats Stats)
{
    /// <summary>True for the pass that keeps or rejects documents.</summary>
    public bool IsDecisionPass => Pass.Length == 0;
}
