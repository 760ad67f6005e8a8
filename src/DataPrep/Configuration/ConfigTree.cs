using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataPrep.Configuration;

/// <summary>
/// Loads YAML or JSON config text into one <see cref="JsonNode"/> tree, so binding never knows
/// which format a config came from. Plain YAML scalars follow the YAML 1.2 core schema
/// (<c>true</c>, <c>12</c>, <c>0.5</c>, <c>null</c>); quoted scalars are always strings.
/// </summary>
internal static class ConfigTree
{
    /// <summary>Parses <paramref name="text"/>; JSON when it starts with <c>{</c> or the name ends in .json, else YAML.</summary>
    /// <exception cref="PipelineConfigException">The text is not valid YAML or JSON.</exception>
    public static JsonNode? Parse(string text, string? sourceName)
    {
        var trimmed = text.TrimStart();
        var isJson = (sourceName?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ?? false) || trimmed.StartsWith('{');
        return isJson ? ParseJson(text, sourceName) : ParseYaml(text, sourceName);
    }

    private static JsonNode? ParseJson(string text, string? sourceName)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
            });
        }
        catch (JsonException e)
        {
            throw new PipelineConfigException(sourceName, [new ConfigProblem(
                $"line {(e.LineNumber ?? 0) + 1}", $"not valid JSON: {e.Message}")]);
        }
    }

    private static JsonNode? ParseYaml(string text, string? sourceName)
    {
        // Config files take the scanner-only reader; anything it does not take (and every error) goes through the full parser.
        if (YamlConfigReader.TryRead(text, out var root))
        {
            return root;
        }
        return ParseYamlStream(text, sourceName);
    }

    /// <summary>Parses YAML with YamlDotNet's full parser (<see cref="YamlStream"/>): what <see cref="YamlConfigReader"/> falls
    /// back to, and what tests compare it with.</summary>
    /// <exception cref="PipelineConfigException">The text is not valid YAML.</exception>
    internal static JsonNode? ParseYamlStream(string text, string? sourceName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new PipelineConfigException(sourceName, [new ConfigProblem(
                $"line {e.Start.Line}, column {e.Start.Column}", $"not valid YAML: {e.InnerException?.Message ?? e.Message}")]);
        }
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? key.ToString();
                    obj[name] = Convert(value);
                }
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(item));
                }
                return array;
            case YamlScalarNode scalar:
                return ConvertScalar(scalar.Value, scalar.Style);
            default:
                return JsonValue.Create(node.ToString());
        }
    }

    /// <summary>A scalar's value: quoted scalars are strings; plain ones follow the YAML 1.2 core schema.</summary>
    internal static JsonNode? ConvertScalar(string? text, ScalarStyle style)
    {
        var value = text ?? "";
        if (style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        var digits = value.Replace("_", "", StringComparison.Ordinal);
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }
        if (double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && char.IsDigit(digits[^1]))
        {
            return JsonValue.Create(d);
        }
        return JsonValue.Create(value);
    }
}
