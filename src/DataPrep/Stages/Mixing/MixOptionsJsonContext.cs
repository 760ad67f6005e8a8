using System.Text.Json.Serialization;
using DataPrep.Configuration;

namespace DataPrep.Stages.Mixing;

/// <summary>
/// Binding code for a mix config's records, generated at compile time like <c>OptionsJsonContext</c>'s (no reflection,
/// so <c>dataprep mix</c> works in the native binary) and with the same naming and unmapped-member rules. Mixing owns it
/// because Mixing sits above Configuration (docs/architecture.md): Configuration's context cannot list Mixing's types.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true,
    Converters = [typeof(ConfigEnumConverter<MixTargetKind>)])]
[JsonSerializable(typeof(MixOptions))]
[JsonSerializable(typeof(MixSourceOptions))]
internal sealed partial class MixOptionsJsonContext : JsonSerializerContext
{
}
