using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;
using Lingua;

namespace DataPrep.Stages.Quality;

/// <summary>Options of <see cref="LanguageIdAnnotator"/>.</summary>
public sealed record LanguageIdOptions : IValidatableOptions
{
    /// <summary>ISO 639-1 codes of the languages to tell apart. Default ko, en.</summary>
    [Description("ISO 639-1 codes of the languages to identify (Lingua is restricted to these). Default [ko, en].")]
    public string[] Languages { get; init; } = ["ko", "en"];

    /// <summary>Share of letter bytes one script must reach for script statistics to decide alone. Default 0.8.</summary>
    [Description("Share of the letters' UTF-8 bytes one script must reach for script statistics to decide without Lingua. Default {default}.")]
    public double MinScriptShare { get; init; } = 0.8;

    /// <summary>Ask Lingua about ambiguous documents. Default true; false labels them by the majority script.</summary>
    [Description("Ask Lingua about ambiguous documents (mixed scripts, or several configured languages in one script). Default true.")]
    public bool UseLingua { get; init; } = true;

    /// <summary>Characters of the document Lingua looks at (from the start). Default 2000.</summary>
    [Description("Characters (from the start) that Lingua reads per ambiguous document. Default {default}.")]
    public int MaxLinguaChars { get; init; } = 2000;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (Languages is null || Languages.Length == 0)
        {
            yield return new OptionProblem("languages", "list at least one ISO 639-1 code, e.g. [ko, en].");
            yield break;
        }
        foreach (var code in Languages)
        {
            if (!TryParse(code, out _))
            {
                yield return new OptionProblem("languages", $"'{code}' is not an ISO 639-1 code Lingua knows (e.g. ko, en, ja, zh, fr, de).");
            }
        }
        if (MinScriptShare is <= 0.5 or > 1)
        {
            yield return new OptionProblem("minScriptShare", $"must be above 0.5 and at most 1 (got {MinScriptShare}).");
        }
        if (MaxLinguaChars < 100)
        {
            yield return new OptionProblem("maxLinguaChars", $"must be at least 100 (got {MaxLinguaChars}).");
        }
    }

    internal static bool TryParse(string? code, out Language language)
    {
        language = default;
        if (string.IsNullOrWhiteSpace(code) || code.Length != 2
            || !Enum.TryParse<IsoCode6391>(code, ignoreCase: true, out var iso) || iso == IsoCode6391.None)
        {
            return false;
        }
        language = LanguageInfo.GetByIsoCode6391(iso);
        return true;
    }
}
