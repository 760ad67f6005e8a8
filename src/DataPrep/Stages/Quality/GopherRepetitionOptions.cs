using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>Options of <see cref="GopherRepetitionFilter"/>: an English (default) and a Korean threshold set.</summary>
public sealed record GopherRepetitionOptions : IValidatableOptions
{
    /// <summary>Thresholds for English and every other non-Korean language (Gopher Table A1).</summary>
    [Description("Thresholds for English and other non-Korean documents; unset values take Gopher's defaults.")]
    public GopherRepetitionThresholds English { get; init; } = GopherRepetitionFilter.EnglishDefaults.ToThresholds();

    /// <summary>Thresholds for Korean documents (FineWeb-2 kor_Hang).</summary>
    [Description("Thresholds for Korean documents; unset values take FineWeb-2 kor_Hang's.")]
    public GopherRepetitionThresholds Korean { get; init; } = GopherRepetitionFilter.KoreanDefaults.ToThresholds();

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate() => English.Validate("english").Concat(Korean.Validate("korean"));
}
