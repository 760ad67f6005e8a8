using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>Options of <see cref="FineWebQualityFilter"/>: an English (default) and a Korean threshold set.</summary>
public sealed record FineWebQualityOptions : IValidatableOptions
{
    /// <summary>Thresholds for English and every other non-Korean language (FineWeb's).</summary>
    [Description("Thresholds for English and other non-Korean documents; unset values take FineWeb's defaults.")]
    public FineWebQualityThresholds English { get; init; } = FineWebQualityFilter.EnglishDefaults.ToThresholds();

    /// <summary>Thresholds for Korean documents.</summary>
    [Description("Thresholds for Korean documents; unset values take the Korean defaults (FineWeb-2 kor_Hang).")]
    public FineWebQualityThresholds Korean { get; init; } = FineWebQualityFilter.KoreanDefaults.ToThresholds();

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate() => English.Validate("english").Concat(Korean.Validate("korean"));
}
