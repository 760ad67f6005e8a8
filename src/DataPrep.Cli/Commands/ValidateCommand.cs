using System.CommandLine;
using System.Text.Json;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Cli.Commands;

/// <summary><c>dataprep validate CONFIG</c>: binds and validates everything a run would, reads no data, prints the resolved pipeline.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var config = CommonOptions.ConfigArgument();
        var command = new Command("validate", "Check a config (every stage, option, type and range) without reading data; print the resolved pipeline.") { config };
        command.SetAction(parse =>
        {
            var loaded = CommonOptions.LoadConfig(parse.GetValue(config)!, console);
            if (loaded is null)
            {
                return ExitCodes.BadUsage;
            }
            try
            {
                Pipeline.Pipeline.FromConfig(loaded);
            }
            catch (PipelineConfigException e)
            {
                console.Error.WriteLine(e.Message);
                return ExitCodes.BadUsage;
            }
            Print(loaded, console.Output);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Prints input, each stage with every option (defaults included), output and execution.</summary>
    public static void Print(PipelineConfig config, TextWriter output)
    {
        output.WriteLine($"{config.Source}: valid");
        output.WriteLine($"input: {Json(config.Input)}");
        for (var i = 0; i < config.Stages.Count; i++)
        {
            var stage = config.Stages[i];
            output.WriteLine($"stages[{i}] {stage.Name}: {Json(stage.Options)}");
        }
        output.WriteLine($"output: {Json(config.Output)}");
        output.WriteLine($"execution: {Json(config.Execution)}");
        if (config.Plugins.Count > 0)
        {
            output.WriteLine($"plugins: {string.Join(", ", config.Plugins)}");
        }
    }

    private static string Json(object value) =>
        JsonSerializer.Serialize(value, OptionsBinder.CompactSerializerOptions.GetTypeInfo(value.GetType()));
}
