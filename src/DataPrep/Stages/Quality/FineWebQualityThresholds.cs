using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>One language's thresholds for <see cref="FineWebQualityFilter"/>; unset values take that
/// language's defaults (FineWeb for English and other languages, FineWeb-2 kor_Hang for Korean).</summary>
public sealed record FineWebQualityThresholds
{
    /// <summary>Minimum fraction of lines ending in terminal punctuation. English 0.12, Korean 0.062.</summary>
    [Description("Minimum fraction of lines that end in terminal punctuation (Korean endings count). Default: English {english} (FineWeb), Korean {korean} (FineWeb-2 kor_Hang).")]
    public double? MinTerminalLineRatio { get; init; }

    /// <summary>A line this long or shorter (characters) is short. English 30, Korean 15 (denser script).</summary>
    [Description("Lines of at most this many characters count as short. Default: English {english} (FineWeb), Korean {korean} (a Hangul syllable carries about two Latin letters of content).")]
    public int? ShortLineLength { get; init; }

    /// <summary>Maximum fraction of short lines. 0.67 for both.</summary>
    [Description("Maximum fraction of short lines. Default {default} (FineWeb).")]
    public double? MaxShortLineRatio { get; init; }

    /// <summary>Maximum fraction of characters (newlines excluded) in duplicate lines. 0.01 for both.</summary>
    [Description("Maximum fraction of non-newline characters inside duplicate lines. Default {default} (FineWeb).")]
    public double? MaxDuplicateLineCharRatio { get; init; }

    /// <summary>Maximum newlines per word. English 0.3; Korean 0.4 per eojeol (FineWeb-2's 0.196 is per morpheme).</summary>
    [Description("Maximum newlines per word. Default: English {english} (FineWeb), Korean {korean} per eojeol (FineWeb-2's 0.196 per Kiwi morpheme, at about 2 morphemes per eojeol).")]
    public double? MaxNewlineToWordRatio { get; init; }

    internal IEnumerable<OptionProblem> Validate(string prefix)
    {
        foreach (var (name, value) in new (string, double?)[]
        {
            ("minTerminalLineRatio", MinTerminalLineRatio), ("maxShortLineRatio", MaxShortLineRatio),
            ("maxDuplicateLineCharRatio", MaxDuplicateLineCharRatio),
        })
        {
            if (value is < 0 or > 1)
            {
                yield return new OptionProblem($"{prefix}.{name}", $"must be between 0 and 1 (got {value}).");
            }
        }
        if (ShortLineLength < 0)
        {
            yield return new OptionProblem($"{prefix}.shortLineLength", $"must be 0 or more (got {ShortLineLength}).");
        }
        if (MaxNewlineToWordRatio < 0)
        {
            yield return new OptionProblem($"{prefix}.maxNewlineToWordRatio", $"must be 0 or more (got {MaxNewlineToWordRatio}).");
        }
    }
}
