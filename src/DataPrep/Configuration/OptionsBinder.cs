using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using DataPrep.Pipeline;

namespace DataPrep.Configuration;

/// <summary>
/// Binds a config subtree onto an options record, collecting every problem with its config path:
/// unknown option names (with the nearest valid ones), values that do not convert (with the expected
/// type), and what the record's own <see cref="IValidatableOptions.Validate"/> reports. A record nested in
/// another (<c>GopherQuality: { english: { minWords: 10 } }</c>) is bound by the same rules, so a misspelt name
/// inside it is named with its full path. Names match ignoring case; numbers use the invariant culture; absent
/// options keep the record's defaults.
/// </summary>
/// <remarks>Built-in options bind through <see cref="OptionsJsonContext"/>, generated at compile time (no
/// reflection: fast start-up, works in the native binary); options of plugin stages through
/// <see cref="PluginOptionsResolver"/>, which reflection-based plugin loading switches on.</remarks>
internal static class OptionsBinder
{
    /// <summary>The serializer options binding (and <c>dataprep schema</c>) use: camelCase names, enums as camelCase strings,
    /// unknown members refused.</summary>
    /// <remarks>One instance for everything: metadata is built per options instance, so a second one (say, for one-line
    /// output) would build every record's metadata again. Write one line with a <see cref="Utf8JsonWriter"/> instead.</remarks>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateSerializerOptions();

    /// <summary>Binds <paramref name="node"/> (an object, or null for all defaults) onto a new <paramref name="optionsType"/>.</summary>
    /// <returns>The options, or <c>null</c> when there were problems (added to <paramref name="problems"/>).</returns>
    public static object? Bind(Type optionsType, JsonNode? node, string path, List<ConfigProblem> problems) =>
        Bind(SerializerOptions.GetTypeInfo(optionsType), node, path, problems);

    /// <summary>Binds <paramref name="node"/> onto a new record of <paramref name="typeInfo"/>'s type, with the metadata of
    /// the context that made <paramref name="typeInfo"/> (a namespace above Configuration, like Mixing, brings its own
    /// source-generated context instead of adding its records to <see cref="OptionsJsonContext"/>). That context must use
    /// the same naming and unmapped-member rules as <see cref="OptionsJsonContext"/>.</summary>
    /// <returns>The options, or <c>null</c> when there were problems (added to <paramref name="problems"/>).</returns>
    internal static object? Bind(JsonTypeInfo typeInfo, JsonNode? node, string path, List<ConfigProblem> problems)
    {
        var before = problems.Count;
        var canonical = BindRecord(typeInfo, node, path, problems);
        if (problems.Count > before)
        {
            return null;
        }
        var options = JsonSerializer.Deserialize(canonical, typeInfo)!;
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

    /// <summary>The options record <paramref name="optionsType"/> with every default (what a bare stage name means).</summary>
    /// <exception cref="NotSupportedException">The type has no public parameterless constructor.</exception>
    public static object CreateDefault(Type optionsType) => CreateDefault(SerializerOptions.GetTypeInfo(optionsType));

    // The record's own parameterless constructor, so its property initializers give the defaults. Generated metadata
    // sets every init-only property when it deserialises (absent ones to 0/null), which is why binding starts from these
    // values instead of from an empty object. The constructor is the one the generated metadata looks up by a call the
    // trimmer understands, so it is kept in the native binary.
    private static object CreateDefault(JsonTypeInfo typeInfo) =>
        typeInfo.ConstructorAttributeProvider is ConstructorInfo { IsPublic: true } constructor && constructor.GetParameters().Length == 0
            ? constructor.Invoke(null)
            : throw new NotSupportedException($"{typeInfo.Type.FullName} has no public parameterless constructor: options records need one.");

    // Every settable option of a record with its default value, in canonical (camelCase) names.
    private static JsonObject Defaults(JsonTypeInfo typeInfo)
    {
        var defaults = CreateDefault(typeInfo);
        var values = new JsonObject();
        foreach (var property in typeInfo.Properties)
        {
            if (property.Set is not null && property.Get is not null)
            {
                values[property.Name] = JsonSerializer.SerializeToNode(property.Get(defaults), typeInfo.Options.GetTypeInfo(property.PropertyType));
            }
        }
        return values;
    }

    /// <summary>The config name of a CLR property name (camelCase), as used in messages and schemas.</summary>
    public static string ConfigName(string clrName) => JsonNamingPolicy.CamelCase.ConvertName(clrName);

    // Checks every name and value of one record (recursing into nested records) and returns the record's defaults
    // overlaid with the given values under their canonical names, so the final deserialisation cannot fail on a name.
    private static JsonObject BindRecord(JsonTypeInfo typeInfo, JsonNode? node, string path, List<ConfigProblem> problems)
    {
        var canonical = Defaults(typeInfo);
        if (node is null)
        {
            return canonical;
        }
        if (node is not JsonObject obj)
        {
            problems.Add(PipelineConfigException.InvalidValue(path,
                $"expected a mapping of options ({string.Join(", ", typeInfo.Properties.Select(p => p.Name))}), got {Describe(node)}."));
            return canonical;
        }
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
            var converted = Convert(value, typeInfo.Options.GetTypeInfo(property.PropertyType), propertyPath, problems);
            if (converted.Ok)
            {
                canonical[property.Name] = converted.Node;
            }
        }
        return canonical;
    }

    private static (bool Ok, JsonNode? Node) Convert(JsonNode? value, JsonTypeInfo typeInfo, string path, List<ConfigProblem> problems)
    {
        // A nested record follows the top level's rules: its unknown names are named, not "expected a mapping".
        if (typeInfo.Kind == JsonTypeInfoKind.Object && value is JsonObject)
        {
            var before = problems.Count;
            var nested = BindRecord(typeInfo, value, path, problems);
            return problems.Count > before ? (false, null) : (true, nested);
        }
        // A single value where a list is expected is a one-item list: `path: a.jsonl` and `path: [a.jsonl]` mean the same.
        if (value is JsonValue && typeInfo.Kind == JsonTypeInfoKind.Enumerable)
        {
            value = new JsonArray(value.DeepClone());
        }
        var node = value?.DeepClone();
        try
        {
            JsonSerializer.Deserialize(node, typeInfo);
            return (true, node);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            problems.Add(PipelineConfigException.InvalidValue(path, $"expected {DescribeType(typeInfo.Type)}, got {Describe(value)}."));
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
        if (type.IsArray || (type.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)))
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
        // Starts from the generated context's options, so the enum converters it declares come along (and WriteIndented).
        var options = new JsonSerializerOptions(OptionsJsonContext.Default.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(OptionsJsonContext.Default, PluginOptionsResolver.Instance),
        };
        options.MakeReadOnly();
        return options;
    }
}
