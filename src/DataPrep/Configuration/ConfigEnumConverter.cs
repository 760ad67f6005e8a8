using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataPrep.Configuration;

/// <summary>
/// Reads and writes an option enum as its camelCase name (<c>fastest</c>, <c>minHash</c>); numbers are refused,
/// so <c>format: 1</c> is an error rather than a silent choice.
/// </summary>
/// <remarks>The generic converter needs no code generated at run time, unlike the non-generic
/// <see cref="JsonStringEnumConverter"/>: that is what lets config binding run in the native (AOT) binary.</remarks>
/// <typeparam name="TEnum">The option's enum.</typeparam>
internal sealed class ConfigEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    /// <summary>Creates the converter: camelCase names, no integer values.</summary>
    public ConfigEnumConverter()
        : base(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    {
    }
}
