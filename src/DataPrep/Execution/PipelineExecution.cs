using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Execution;

/// <summary>
/// Running a <see cref="PipelineDefinition"/>: its phase plan and the run entry points, as extension members so that a
/// definition (Configuration) knows nothing of how it runs, and call sites still read <c>definition.RunAsync(...)</c>.
/// </summary>
public static class PipelineExecution
{
    extension(PipelineDefinition definition)
    {
        /// <summary>The phases a run goes through (one map phase unless a stage is corpus-wide).</summary>
        public IReadOnlyList<PipelinePhase> Phases => PlanPhases(definition.Stages);

        /// <summary>
        /// Runs every phase for the given shards on this machine: with <paramref name="shard"/> null, all shards of
        /// <paramref name="worldSize"/> (default 1); with a shard, only that shard (allowed only for pipelines
        /// without corpus-wide stages, whose shards are independent). Shards with a completion marker are skipped.
        /// Returns the merged stats of everything in the output folder (also written to <c>stats.json</c>).
        /// </summary>
        public Task<PipelineStats> RunAsync(ShardSpec? shard = null, int worldSize = 1, IProgress<RunProgress>? progress = null,
            CancellationToken cancellationToken = default) =>
            new PipelineRunner(definition, progress).RunAsync(shard, worldSize, cancellationToken);

        /// <summary>Runs one part (<paramref name="shard"/>) of one phase: what a job-array task does.</summary>
        public Task RunPhaseAsync(int phase, ShardSpec shard, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            var runner = new PipelineRunner(definition, progress);
            runner.CheckRunFile(shard.WorldSize);
            return runner.RunPhaseAsync(definition.Phases[phase], shard, cancellationToken);
        }
    }

    /// <summary>One map phase, then for each corpus-wide stage its reduce steps and a further map phase.</summary>
    private static List<PipelinePhase> PlanPhases(IReadOnlyList<IStage> stages)
    {
        var phases = new List<PipelinePhase>();
        var segment = 0;
        phases.Add(new PipelinePhase(0, PhaseKind.Map, 0, 0, 0, "map-0"));
        for (var i = 0; i < stages.Count; i++)
        {
            if (stages[i] is IGlobalStage global)
            {
                for (var step = 0; step < global.ReduceSteps.Count; step++)
                {
                    phases.Add(new PipelinePhase(phases.Count, PhaseKind.Reduce, segment, i + 1, step, $"reduce {global.Id} {global.ReduceSteps[step]}"));
                }
                segment++;
                phases.Add(new PipelinePhase(phases.Count, PhaseKind.Map, segment, 0, 0, $"map-{segment}"));
            }
        }
        return phases;
    }
}
