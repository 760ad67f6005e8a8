using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace DataPrep.Configuration;

/// <summary>
/// Binding metadata for options records that are not DataPrep's own (plugin stages, stages registered in code), made by
/// reflection. It answers nothing until <see cref="Enable"/> is called, which the reflection-based registration paths
/// do; until then (and always in the native binary, where plugins cannot load) every built-in record binds through the
/// compile-time <see cref="OptionsJsonContext"/> alone.
/// </summary>
internal sealed class PluginOptionsResolver : IJsonTypeInfoResolver
{
    private static volatile IJsonTypeInfoResolver? _reflection;

    private PluginOptionsResolver()
    {
    }

    /// <summary>The one instance, in <see cref="OptionsBinder.SerializerOptions"/>' resolver chain.</summary>
    public static PluginOptionsResolver Instance { get; } = new();

    /// <summary>Lets options records outside DataPrep bind (by reflection) from now on.</summary>
    [RequiresUnreferencedCode("Options of stages outside DataPrep are bound by reflection over their public properties.")]
    [RequiresDynamicCode("Options of stages outside DataPrep are bound by reflection, which may need code generated at run time.")]
    public static void Enable() => _reflection ??= new DefaultJsonTypeInfoResolver();

    /// <inheritdoc />
    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) => _reflection?.GetTypeInfo(type, options);
}
