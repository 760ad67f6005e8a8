using System.CommandLine;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using DataPrep.Configuration;
using DataPrep.Execution;
using DataPrep.IO;
using DataPrep.Pipeline;

namespace DataPrep.Cli.Commands;

/// <summary><c>dataprep schema</c>: the JSON Schema of config files, for editor completion and checking.</summary>
internal static class SchemaCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("schema", "Print the JSON Schema of config files (for editor completion).");
        command.SetAction(_ =>
        {
            console.Output.WriteLine(Build(StageRegistry.CreateDefault()).ToJsonString(OptionsBinder.SerializerOptions));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static JsonObject Build(StageRegistry registry)
    {
        var exporter = new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true };
        JsonNode For(Type type) => OptionsBinder.SerializerOptions.GetJsonSchemaAsNode(type, exporter);
        var stageItems = new JsonArray(new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(registry.Stages.Select(s => (JsonNode)s.Name).ToArray()) });
        foreach (var stage in registry.Stages)
        {
            var options = For(stage.OptionsType);
            if (options is JsonObject o)
            {
                o["additionalProperties"] = false;
                o["description"] = stage.Description;
            }
            stageItems.Add((JsonNode)new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = false,
                ["required"] = new JsonArray(stage.Name),
                ["properties"] = new JsonObject { [stage.Name] = new JsonObject { ["anyOf"] = new JsonArray(options, new JsonObject { ["type"] = "null" }) } },
            });
        }
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "DataPrep pipeline config",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                ["input"] = For(typeof(InputOptions)),
                ["stages"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["anyOf"] = stageItems } },
                ["output"] = For(typeof(OutputOptions)),
                ["execution"] = For(typeof(ExecutionOptions)),
                ["plugins"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            },
        };
    }
}
