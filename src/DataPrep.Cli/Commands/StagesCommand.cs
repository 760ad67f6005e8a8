using System.CommandLine;
using System.Text.Json;
using DataPrep.Configuration;
using DataPrep.IO;
using DataPrep.Pipeline;

namespace DataPrep.Cli.Commands;

/// <summary><c>dataprep stages</c>: every registered stage with its options, defaults and rejection codes.</summary>
internal static class StagesCommand
{
    public static Command Create(CliConsole console)
    {
        var markdown = new Option<bool>("--markdown") { Description = "Print as Markdown (the README's config reference)." };
        var command = new Command("stages", "List every stage with its options, defaults and rejection codes.") { markdown };
        command.SetAction(parse =>
        {
            Print(StageRegistry.CreateDefault(), console.Output, parse.GetValue(markdown));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string FamilyName(int family) => family switch
    {
        0 => "0. Normalisation",
        1 => "1. Quality filtering",
        2 => "2. Deduplication",
        3 => "3. PII scrubbing",
        4 => "4. Tokenization",
        _ => "Other stages",
    };

    public static void Print(StageRegistry registry, TextWriter output, bool markdown)
    {
        int? family = null;
        foreach (var stage in registry.Stages)
        {
            if (markdown && stage.Family != family)
            {
                family = stage.Family;
                output.WriteLine($"#### {FamilyName(stage.Family)}");
                output.WriteLine();
            }
            if (markdown)
            {
                output.WriteLine($"##### `{stage.Name}`");
                output.WriteLine();
                output.WriteLine(stage.Description);
                output.WriteLine();
                output.WriteLine("| option | default | description |");
                output.WriteLine("| --- | --- | --- |");
                foreach (var (name, defaultValue, description) in Options(stage.OptionsType, stage.CreateDefaultOptions()))
                {
                    output.WriteLine($"| `{name}` | `{defaultValue}` | {description} |");
                }
                output.WriteLine();
                if (stage.RejectionReasons.Count > 0)
                {
                    output.WriteLine("Rejection codes: " + string.Join(", ", stage.RejectionReasons.Select(r => $"`{r.Code}` ({r.Description})")));
                    output.WriteLine();
                }
                continue;
            }
            output.WriteLine($"{stage.Name}  —  {stage.Description}");
            foreach (var (name, defaultValue, description) in Options(stage.OptionsType, stage.CreateDefaultOptions()))
            {
                output.WriteLine($"    {name} = {defaultValue}    {description}");
            }
            foreach (var reason in stage.RejectionReasons)
            {
                output.WriteLine($"    rejects: {reason.Code}    {reason.Description}");
            }
            output.WriteLine();
        }
        if (!markdown)
        {
            output.WriteLine("input (every stage's input):");
            foreach (var reason in InputReasons.All)
            {
                output.WriteLine($"    rejects: {reason.Code}    {reason.Description}");
            }
        }
    }

    /// <summary>(config name, default as JSON, description) of every option of a record.</summary>
    public static IEnumerable<(string Name, string Default, string Description)> Options(Type optionsType, object defaults)
    {
        // The binder's own metadata (generated at compile time for DataPrep's records): what is listed is what binds.
        var typeInfo = OptionsBinder.SerializerOptions.GetTypeInfo(optionsType);
        foreach (var property in typeInfo.Properties.Where(p => p.Set is not null))
        {
            var value = property.Get?.Invoke(defaults);
            var json = JsonSerializer.Serialize(value, OptionsBinder.SerializerOptions.GetTypeInfo(property.PropertyType))
                .Replace("\n", "").Replace("  ", "");
            yield return (property.Name, json, OptionDescriptions.Describe(property, defaults));
        }
    }
}
