using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DataPrep.Configuration;

/// <summary>
/// Binds a config subtree onto an options record, collecting every problem with its config path:
/// unknown option names (with the nearest valid ones), values that do not convert (with the expected
/// type), and what the record's own <see cref="IValidatableOptions.Validate"/> reports.
/// Names match ignoring case; numbers use the invariant culture; absent options keep the record's defaults.
/// </summary>
public static class OptionsBinder
{
    /// <summary>The serializer options binding (and <c>dataprep schema</c>) use: camelCase names, enums as camelCase strings.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateSerializerOptions();

    /// <summary>Binds <paramref name="node"/> (an object, or null for all defaults) onto a new <paramref name="optionsType"/>.</summary>
    /// <returns>The options, or <c>null</c> when there were problems (added to <paramref name="problems"/>).</returns>
    public static object? Bind(Type optionsType, JsonNode? node, string path, List<ConfigProblem> problems)
    {
        var before = problems.Count;
        var typeInfo = SerializerOptions.GetTypeInfo(optionsType);
        var canonical = new JsonObject();
        if (node is not null and not JsonObject)
        {
            problems.Add(PipelineConfigException.InvalidValue(path,
                $"expected a mapping of options ({string.Join(", ", typeInfo.Properties.Select(p => p.Name))}), got {Describe(node)}."));
            return null;
        }
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                var property = typeInfo.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                var propertyPath = $"{path}.{name}";
                if (property is null || property.Set is null)
                {
                    problems.Add(PipelineConfigException.UnknownArgument(propertyPath, name,
                        typeInfo.Properties.Where(p => p.Set is not null).Select(p => p.Name)));
                    continue;
                }
                var converted = Convert(value, property.PropertyType, propertyPath, problems);
                if (converted.Ok)
                {
                    canonical[property.Name] = converted.Node;
                }
            }
        }
        if (problems.Count > before)
        {
            return null;
        }
        var options = canonical.Deserialize(optionsType, SerializerOptions)!;
        if (options is IValidatableOptions validatable)
        {
            foreach (var problem in validatable.Validate())
            {
                problems.Add(PipelineConfigException.InvalidValue(
                    string.IsNullOrEmpty(problem.Property) ? path : $"{path}.{problem.Property}", problem.Message));
            }
        }
        return problems.Count > before ? null : options;
    }

    /// <summary>The config name of a CLR property name (camelCase), as used in messages and schemas.</summary>
    public static string ConfigName(string clrName) => JsonNamingPolicy.CamelCase.ConvertName(clrName);

    private static (bool Ok, JsonNode? Node) Convert(JsonNode? value, Type type, string path, List<ConfigProblem> problems)
    {
        // A single value where a list is expected is a one-item list: `path: a.jsonl` and `path: [a.jsonl]` mean the same.
        if (value is JsonValue && type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            value = new JsonArray(value.DeepClone());
        }
        var node = value?.DeepClone();
        try
        {
            JsonSerializer.Deserialize(node, type, SerializerOptions);
            return (true, node);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            problems.Add(PipelineConfigException.InvalidValue(path, $"expected {DescribeType(type)}, got {Describe(value)}."));
            return (false, null);
        }
    }

    /// <summary>Names a CLR type the way a config author thinks of it.</summary>
    public static string DescribeType(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return DescribeType(underlying) + " or null";
        }
        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => $"'{ConfigName(n)}'"));
        }
        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
        {
            return "a whole number";
        }
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return "a number";
        }
        if (type == typeof(bool))
        {
            return "true or false";
        }
        if (type == typeof(string))
        {
            return "a string";
        }
        if (type.IsArray || (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type)))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[^1];
            return $"a list of {DescribeType(element)}";
        }
        return $"a mapping ({type.Name})";
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a mapping",
        JsonArray => "a list",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"the string \"{Shorten(v.GetValue<string>())}\"",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => $"the number {v.ToJsonString()}",
        _ => node.ToJsonString(),
    };

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            WriteIndented = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }
}
