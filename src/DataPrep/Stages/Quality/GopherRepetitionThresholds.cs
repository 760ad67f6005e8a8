using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>
/// One language's thresholds for <see cref="GopherRepetitionFilter"/>. Unset values take the published
/// defaults of that language: Gopher Table A1 for English (and other languages), FineWeb-2
/// <c>kor_Hang</c> for Korean where it sets a value.
/// </summary>
public sealed record GopherRepetitionThresholds
{
    /// <summary>Maximum fraction of lines that repeat an earlier line. English 0.30, Korean 0.374.</summary>
    [Description("Maximum fraction of duplicate lines. Default: English {english} (Gopher), Korean {korean} (FineWeb-2 kor_Hang).")]
    public double? MaxDuplicateLineRatio { get; init; }

    /// <summary>Maximum fraction of paragraphs that repeat an earlier paragraph. 0.30.</summary>
    [Description("Maximum fraction of duplicate paragraphs. Default {default} (Gopher).")]
    public double? MaxDuplicateParagraphRatio { get; init; }

    /// <summary>Maximum fraction of characters in duplicate lines. 0.20.</summary>
    [Description("Maximum fraction of characters in duplicate lines. Default {default} (Gopher).")]
    public double? MaxDuplicateLineCharRatio { get; init; }

    /// <summary>Maximum fraction of characters in duplicate paragraphs. 0.20.</summary>
    [Description("Maximum fraction of characters in duplicate paragraphs. Default {default} (Gopher).")]
    public double? MaxDuplicateParagraphCharRatio { get; init; }

    /// <summary>Maximum character fraction of the most frequent 2-, 3- and 4-gram (three values).
    /// English 0.20, 0.18, 0.16; Korean 0.282, 0.228, 0.185.</summary>
    [Description("Maximum character fraction of the most frequent 2/3/4-gram (3 values). Default: English {english} (Gopher), Korean {korean} (FineWeb-2 kor_Hang).")]
    public double[]? MaxTopNGramCharRatios { get; init; }

    /// <summary>Maximum character fraction of duplicated 5- to 10-grams (six values).
    /// English 0.15 … 0.10; Korean 0.201, 0.184, 0.168, 0.154, 0.14, 0.127.</summary>
    [Description("Maximum character fraction in duplicated 5..10-grams (6 values). Default: English {english} (Gopher), Korean {korean} (FineWeb-2 kor_Hang).")]
    public double[]? MaxDuplicateNGramCharRatios { get; init; }

    internal IEnumerable<OptionProblem> Validate(string prefix)
    {
        foreach (var (name, value) in new (string, double?)[]
        {
            ("maxDuplicateLineRatio", MaxDuplicateLineRatio), ("maxDuplicateParagraphRatio", MaxDuplicateParagraphRatio),
            ("maxDuplicateLineCharRatio", MaxDuplicateLineCharRatio), ("maxDuplicateParagraphCharRatio", MaxDuplicateParagraphCharRatio),
        })
        {
            if (value is < 0 or > 1)
            {
                yield return new OptionProblem($"{prefix}.{name}", $"must be between 0 and 1 (got {value}).");
            }
        }
        if (MaxTopNGramCharRatios is { Length: not 3 })
        {
            yield return new OptionProblem($"{prefix}.maxTopNGramCharRatios", $"needs 3 values, for n = 2, 3, 4 (got {MaxTopNGramCharRatios.Length}).");
        }
        if (MaxDuplicateNGramCharRatios is { Length: not 6 })
        {
            yield return new OptionProblem($"{prefix}.maxDuplicateNGramCharRatios", $"needs 6 values, for n = 5 to 10 (got {MaxDuplicateNGramCharRatios.Length}).");
        }
    }
}
