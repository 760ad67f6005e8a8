using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>
/// Options of <see cref="GopherQualityFilter"/>: one threshold set for English (used for every
/// language other than Korean) and one for Korean. Unset values take the published defaults.
/// </summary>
public sealed record GopherQualityOptions : IValidatableOptions
{
    /// <summary>Thresholds for English and every other non-Korean language (Gopher's defaults).</summary>
    [Description("Thresholds for English and other non-Korean documents; unset values take Gopher's defaults.")]
    public GopherQualityThresholds English { get; init; } = GopherQualityFilter.EnglishDefaults.ToThresholds();

    /// <summary>Thresholds for Korean documents (eojeol-based defaults).</summary>
    [Description("Thresholds for Korean documents; unset values take the eojeol-based Korean defaults.")]
    public GopherQualityThresholds Korean { get; init; } = GopherQualityFilter.KoreanDefaults.ToThresholds();

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate() => English.Validate("english").Concat(Korean.Validate("korean"));
}
