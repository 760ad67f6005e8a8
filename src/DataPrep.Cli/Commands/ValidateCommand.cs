using System.Buffers;
using System.CommandLine;
using System.Text;
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
        var input = new Option<string[]>("--input", "-i") { Description = "Input files, folders or globs (replace input.path), as for run.", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--output", "-o") { Description = "Output folder (replaces output.path), as for run." };
        var worldSize = new Option<int?>("--world-size") { Description = "Number of shards the run will use (checked against the output folder's run)." };
        var command = new Command("validate",
            "Check a config (every stage, option, type and range), its input paths and output folder as run does, without reading data; print the resolved pipeline.")
        {
            config, input, output, worldSize,
        };
        command.SetAction(parse =>
        {
            var loaded = CommonOptions.LoadConfig(parse.GetValue(config)!, console);
            if (loaded is null)
            {
                return ExitCodes.BadUsage;
            }
            var inputs = parse.GetValue(input);
            loaded.WithOverrides(inputs is { Length: > 0 } ? inputs : null, parse.GetValue(output), null, null);
            var world = parse.GetValue(worldSize) ?? 1;
            if (world < 1)
            {
                console.Error.WriteLine($"--world-size must be at least 1 (got {world}).");
                return ExitCodes.BadUsage;
            }
            // The same checks as run, so validate never calls valid what run refuses.
            if (CommonOptions.BuildForRun(loaded, null, world, wholeRun: true, console) is null)
            {
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

    // On one line through the binding's own metadata: a writer's options, not the serializer's, decide the indentation, so
    // no second JsonSerializerOptions (whose metadata for every record would be built again) is needed.
    private static string Json(object value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, value, OptionsBinder.SerializerOptions.GetTypeInfo(value.GetType()));
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
