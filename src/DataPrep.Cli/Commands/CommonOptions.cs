using System.CommandLine;
using DataPrep.Configuration;
using DataPrep.Execution;
using Serilog.Events;

namespace DataPrep.Cli.Commands;

/// <summary>Arguments and options several commands share, and the one place config errors become exit code 2.</summary>
internal static class CommonOptions
{
    public static Argument<string> ConfigArgument() => new("config") { Description = "Pipeline config file (YAML or JSON)." };

    public static Option<LogEventLevel> LogLevel() => new("--log-level")
    {
        Description = "Minimum log level (Verbose, Debug, Information, Warning, Error).",
        DefaultValueFactory = _ => LogEventLevel.Information,
    };

    /// <summary>
    /// Builds the pipeline of <paramref name="loaded"/> (with overrides applied) and checks everything a run checks before
    /// it reads data (<see cref="PipelineRunner.Preflight"/>): <c>run</c> and <c>validate</c> call this, so they agree.
    /// Prints every problem and returns null on failure.
    /// </summary>
    public static PipelineDefinition? BuildForRun(PipelineConfig loaded, ExistingOutput? existing, int world, bool wholeRun, CliConsole console,
        Serilog.ILogger? log = null)
    {
        try
        {
            var pipeline = PipelineDefinition.FromConfig(loaded, log: log);
            if (existing is { } policy)
            {
                pipeline = pipeline.With(execution: pipeline.Execution with { ExistingOutput = policy });
            }
            new PipelineRunner(pipeline).Preflight(world, wholeRun);
            return pipeline;
        }
        catch (PipelineConfigException e)
        {
            console.Error.WriteLine(WithSource(e, loaded.Source).Message);
            return null;
        }
    }

    /// <summary>The same problems, attributed to the config file when the library did not know it.</summary>
    public static PipelineConfigException WithSource(PipelineConfigException e, string? source) =>
        e.Source is null ? new PipelineConfigException(source, e.Problems) : e;

    /// <summary>Loads a config, printing every problem and returning null on failure.</summary>
    public static PipelineConfig? LoadConfig(string path, CliConsole console)
    {
        try
        {
            return PipelineConfig.Load(path);
        }
        catch (PipelineConfigException e)
        {
            console.Error.WriteLine(e.Message);
            return null;
        }
    }
}
