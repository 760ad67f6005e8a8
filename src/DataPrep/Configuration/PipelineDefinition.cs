using DataPrep.IO;
using DataPrep.Pipeline;
using Serilog;
using Serilog.Core;

namespace DataPrep.Configuration;

/// <summary>
/// What a pipeline is, without running it: input, stages in order, output and execution options. Build one from a
/// config (<see cref="FromConfig"/>) or in code (<see cref="PipelineBuilder"/>); both compose (<see cref="Then"/>).
/// Running it (<c>definition.RunAsync(...)</c>) and its phase plan (<c>definition.Phases</c>) are extension members in
/// <c>DataPrep.Execution</c> (<c>PipelineExecution</c>).
/// </summary>
public sealed class PipelineDefinition
{
    internal PipelineDefinition(InputOptions input, IReadOnlyList<IStage> stages, OutputOptions output, ExecutionOptions execution, ILogger? log,
        IReadOnlyList<(string Name, object? Options)>? stageOptions = null)
    {
        Input = input;
        Stages = stages;
        StageOptions = stageOptions ?? stages.Select(s => (s.Id, (object?)null)).ToList();
        Output = output;
        Execution = execution;
        Log = log ?? Logger.None;
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

    /// <summary>Builds a pipeline from a loaded config: creates every stage, reporting all construction problems together.</summary>
    /// <exception cref="PipelineConfigException">A stage could not be created from its options.</exception>
    public static PipelineDefinition FromConfig(PipelineConfig config, StageBuildContext? buildContext = null, ILogger? log = null)
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
        // A loop, not LINQ's Select over these tuples (a value type), which ReadyToRun cannot precompile (bench/results/startup.md,
        // Session 11).
        var stageOptions = new List<(string Name, object? Options)>(config.Stages.Count);
        foreach (var stage in config.Stages)
        {
            stageOptions.Add((stage.Name, stage.Options));
        }
        return new PipelineDefinition(config.Input, stages, config.Output, config.Execution, log, stageOptions);
    }

    /// <summary>A pipeline with one more stage at the end.</summary>
    public PipelineDefinition Then(IStage stage) => new(Input, [.. Stages, stage], Output, Execution, Log, [.. StageOptions, (stage.Id, null)]);

    /// <summary>The same pipeline logging to <paramref name="log"/>.</summary>
    public PipelineDefinition WithLogger(ILogger log) => new(Input, Stages, Output, Execution, log, StageOptions);

    /// <summary>The same pipeline with other input, output or execution options.</summary>
    public PipelineDefinition With(InputOptions? input = null, OutputOptions? output = null, ExecutionOptions? execution = null) =>
        new(input ?? Input, Stages, output ?? Output, execution ?? Execution, Log, StageOptions);
}
