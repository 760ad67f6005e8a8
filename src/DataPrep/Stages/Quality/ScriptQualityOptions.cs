using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>Options of <see cref="ScriptQualityFilter"/>.</summary>
public sealed record ScriptQualityOptions : IValidatableOptions
{
    /// <summary>Maximum share of mis-decoded characters (Latin-1/1252 runs, U+FFFD) among non-space characters. Default 0.05.</summary>
    [Description("Maximum share of mojibake characters (runs of Latin-1/Windows-1252 look-alikes, U+FFFD) among non-space characters. Default {default}.")]
    public double MaxMojibakeRatio { get; init; } = 0.05;

    /// <summary>Maximum share of stand-alone compatibility jamo (ㅋ ㅎ ㅠ) among Hangul characters. Default 0.1.</summary>
    [Description("Maximum share of stand-alone jamo (ㅋㅋ, ㅎㅎ, ㅠㅠ) among Hangul characters. Default {default}.")]
    public double MaxJamoRatio { get; init; } = 0.1;

    /// <summary>Minimum share of Hangul syllables among non-space characters of a Korean document. Default 0.4.</summary>
    [Description("Minimum share of Hangul syllables among non-space characters of a Korean document. Default {default}.")]
    public double MinHangulRatio { get; init; } = 0.4;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        foreach (var (name, value) in new (string, double)[] { ("maxMojibakeRatio", MaxMojibakeRatio), ("maxJamoRatio", MaxJamoRatio), ("minHangulRatio", MinHangulRatio) })
        {
            if (value is < 0 or > 1)
            {
                yield return new OptionProblem(name, $"must be between 0 and 1 (got {value}).");
            }
        }
    }
}
