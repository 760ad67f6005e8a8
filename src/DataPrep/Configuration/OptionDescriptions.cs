using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace DataPrep.Configuration;

/// <summary>
/// The text of an option's <see cref="DescriptionAttribute"/> with its defaults filled in, so a description never
/// repeats a threshold as a literal that could drift from the record's default. Placeholders: <c>{default}</c> is the
/// option's default; in a threshold record used once per language (<c>GopherQuality.english</c> and <c>.korean</c>),
/// <c>{english}</c> and <c>{korean}</c> are its default in each set, and <c>{default}</c> the default both share.
/// Numbers are written with the invariant culture, lists as <c>[a, b]</c>.
/// </summary>
internal static partial class OptionDescriptions
{
    /// <summary>The description of <paramref name="property"/> of a record whose defaults are <paramref name="defaults"/>.</summary>
    public static string Describe(JsonPropertyInfo property, object defaults) =>
        Render(Template(property), name => name == "default"
            ? property.Get!(defaults)
            : throw new InvalidOperationException($"Option '{property.Name}': {{{name}}} is only for per-language threshold records."));

    /// <summary>The description of <paramref name="property"/> of a per-language threshold record, with the
    /// <paramref name="english"/> and <paramref name="korean"/> defaults.</summary>
    /// <exception cref="InvalidOperationException">The text says <c>{default}</c> but the two sets differ.</exception>
    public static string DescribePerLanguage(JsonPropertyInfo property, object english, object korean) =>
        Render(Template(property), name => name switch
        {
            "english" => property.Get!(english),
            "korean" => property.Get!(korean),
            _ when Format(property.Get!(english)) == Format(property.Get!(korean)) => property.Get!(english),
            _ => throw new InvalidOperationException(
                $"Option '{property.Name}': {{default}} but English and Korean defaults differ; write {{english}} and {{korean}}."),
        });

    /// <summary>The description as written on the property, placeholders unfilled; empty when it has none.</summary>
    public static string Template(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: false)
            .OfType<DescriptionAttribute>().FirstOrDefault()?.Description ?? "";

    /// <summary>True when <paramref name="template"/> has a placeholder.</summary>
    public static bool HasPlaceholder(string template) => Placeholder().IsMatch(template);

    private static string Render(string template, Func<string, object?> value) =>
        Placeholder().Replace(template, match => Format(value(match.Groups[1].Value)));

    private static string Format(object? value) => value switch
    {
        null => "null",
        string text => text,
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex(@"\{(default|english|korean)\}")]
    private static partial Regex Placeholder();
}
