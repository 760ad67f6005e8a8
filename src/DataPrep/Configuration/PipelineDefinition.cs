using DataPrep.Configuration;
using DataPrep.Execution;
using DataPrep.IO;
using Serilog;
using Serilog.Core;

namespace DataPrep.Pipeline;

/// <summary>
/// A built, runnable pipeline: input, stages in order, output and execution options. Build one from a
/// config (<see cref="FromConfig"/>) or in code (<see cref="PipelineBuilder"/>); both compose
/// (<see cref="Then"/>). Run it with <see cref="RunAsync"/>.
/// </summary>
public sealed class Pipeline
{
    internal Pipeline(InputOptions input, IReadOnlyList<IStage> stages, OutputOptions output, ExecutionOptions execution, ILogger? log,
        IReadOnlyList<(string Name, object? Options)>? stageOptions = null)
    {
        Input = input;
        Stages = stages;
        StageOptions = stageOptions ?? stages.Select(s => (s.Id, (object?)null)).ToList();
        Output = output;
        Execution = execution;
        Log = log ?? Logger.None;
        Phases = PlanPhases(stages);
    }

    /// <summary>The input options.</summary>
    public InputOptions Input { get; }

    /// <summary>The stages, in order.</summary>
    public IReadOnlyList<IStage> Stages { get; }

    /// <summary>Config name and bound options of each stage, for the run's record in <c>run.json</c>; options are null
    /// for stages added in code (their options are not visible to the pipeline).</summary>
    internal IReadOnlyList<(string Name, object? Options)> StageOptions { get; }

    /// <summary>The output options.</summary>
    public OutputOptions Output { get; }

    /// <summary>The execution options.</summary>
    public ExecutionOptions Execution { get; }

    /// <summary>The logger (silent by default).</summary>
    public ILogger Log { get; }

    /// <summary>The phases a run goes through (one map phase unless a stage is corpus-wide).</summary>
    public IReadOnlyList<PipelinePhase> Phases { get; }

    /// <summary>Builds a pipeline from a loaded config: creates every stage, reporting all construction problems together.</summary>
    /// <exception cref="PipelineConfigException">A stage could not be created from its options.</exception>
    public static Pipeline FromConfig(PipelineConfig config, StageBuildContext? buildContext = null, ILogger? log = null)
    {
        var context = buildContext ?? new StageBuildContext(Directory.GetCurrentDirectory(), config.ConfigDirectory, log ?? Logger.None,
            config.Output.Path is null ? null : Path.GetFullPath(config.Output.Path));
        var problems = new List<ConfigProblem>();
        var stages = new List<IStage>();
        foreach (var stage in config.Stages)
        {
            try
            {
                stages.Add(stage.Descriptor.Create(stage.Options, context));
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or NotSupportedException
                or FormatException or UnauthorizedAccessException or PipelineConfigException)
            {
                problems.Add(new ConfigProblem(stage.Path, $"cannot create stage '{stage.Name}': {e.Message}"));
            }
        }
        if (problems.Count > 0)
        {
            throw new PipelineConfigException(config.Source, problems);
        }
        return new Pipeline(config.Input, stages, config.Output, config.Execution, log, config.Stages.Select(s => (s.Name, (object?)s.Options)).ToList());
    }

    /// <summary>A pipeline with one more stage at the end.</summary>
    public Pipeline Then(IStage stage) => new(Input, [.. Stages, stage], Output, Execution, Log, [.. StageOptions, (stage.Id, null)]);

    /// <summary>The same pipeline logging to <paramref name="log"/>.</summary>
    public Pipeline WithLogger(ILogger log) => new(Input, Stages, Output, Execution, log, StageOptions);

    /// <summary>The same pipeline with other input, output or execution options.</summary>
    public Pipeline With(InputOptions? input = null, OutputOptions? output = null, ExecutionOptions? execution = null) =>
        new(input ?? Input, Stages, output ?? Output, execution ?? Execution, Log, StageOptions);

    /// <summary>
    /// Runs every phase for the given shards on this machine: with <paramref name="shard"/> null, all shards of
    /// <paramref name="worldSize"/> (default 1); with a shard, only that shard (allowed only for pipelines
    /// without corpus-wide stages, whose shards are independent). Shards with a completion marker are skipped.
    /// Returns the merged stats of everything in the output folder.
    /// </summary>
    public Task<PipelineStats> RunAsync(ShardSpec? shard = null, int worldSize = 1, IProgress<RunProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        new PipelineRunner(this, progress).RunAsync(shard, worldSize, cancellationToken);

    /// <summary>Runs one part (<paramref name="shard"/>) of one phase: what a job-array task does.</summary>
    public Task RunPhaseAsync(int phase, ShardSpec shard, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var runner = new PipelineRunner(this, progress);
        runner.CheckRunFile(shard.WorldSize);
        return runner.RunPhaseAsync(Phases[phase], shard, cancellationToken);
    }

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
