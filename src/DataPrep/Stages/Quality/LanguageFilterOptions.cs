using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>Options of <see cref="LanguageFilter"/>.</summary>
public sealed record LanguageFilterOptions : IValidatableOptions
{
    /// <summary>Languages to keep (ISO 639-1, as written by <c>LanguageId</c>). Default ko, en.</summary>
    [Description("Languages to keep (ISO 639-1 codes as written in the language metadata). Default [ko, en].")]
    public string[] Languages { get; init; } = ["ko", "en"];

    /// <summary>Minimum <c>language_score</c>. Default 0.65 (datatrove's LanguageFilter default, used by FineWeb).</summary>
    [Description("Minimum language_score to keep a document. Default {default} (datatrove LanguageFilter / FineWeb).")]
    public double MinScore { get; init; } = 0.65;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (Languages is null || Languages.Length == 0)
        {
            yield return new OptionProblem("languages", "list at least one language to keep, e.g. [ko, en].");
        }
        if (MinScore is < 0 or > 1)
        {
            yield return new OptionProblem("minScore", $"must be between 0 and 1 (got {MinScore}).");
        }
    }
}
