using System.CommandLine;
using DataPrep.Configuration;
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
