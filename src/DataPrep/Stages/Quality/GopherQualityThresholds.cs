using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>
/// One language's thresholds for <see cref="GopherQualityFilter"/>. Every value left unset (null) takes
/// the published default of that language: Gopher's for English and other languages, the eojeol
/// equivalents of FineWeb-2's <c>kor_Hang</c> settings for Korean (see the filter's remarks).
/// </summary>
public sealed record GopherQualityThresholds
{
    /// <summary>Minimum number of non-symbol words (eojeols in Korean). English 50, Korean 30.</summary>
    [Description("Minimum non-symbol words (eojeols for Korean). Default: English {english} (Gopher), Korean {korean}.")]
    public int? MinWords { get; init; }

    /// <summary>Maximum number of non-symbol words. English 100,000, Korean 65,000.</summary>
    [Description("Maximum non-symbol words. Default: English {english} (Gopher), Korean {korean}.")]
    public int? MaxWords { get; init; }

    /// <summary>Minimum mean word length in characters, punctuation excluded. English 3, Korean 1.8.</summary>
    [Description("Minimum mean word length in characters (punctuation excluded). Default: English {english} (Gopher), Korean {korean}.")]
    public double? MinMeanWordLength { get; init; }

    /// <summary>Maximum mean word length in characters. English 10, Korean 8.</summary>
    [Description("Maximum mean word length in characters. Default: English {english} (Gopher), Korean {korean}.")]
    public double? MaxMeanWordLength { get; init; }

    /// <summary>Maximum ratio of '#' characters to words. 0.1 for both.</summary>
    [Description("Maximum ratio of '#' to words. Default {default} (Gopher).")]
    public double? MaxHashToWordRatio { get; init; }

    /// <summary>Maximum ratio of ellipses ("..." or "…") to words. 0.1 for both.</summary>
    [Description("Maximum ratio of ellipses ('...' or '…') to words. Default {default} (Gopher).")]
    public double? MaxEllipsisToWordRatio { get; init; }

    /// <summary>Maximum fraction of lines starting with a bullet. 0.9 for both.</summary>
    [Description("Maximum fraction of lines that start with a bullet. Default {default} (Gopher).")]
    public double? MaxBulletLineRatio { get; init; }

    /// <summary>Maximum fraction of lines ending with an ellipsis. 0.3 for both.</summary>
    [Description("Maximum fraction of lines that end with an ellipsis. Default {default} (Gopher).")]
    public double? MaxEllipsisLineRatio { get; init; }

    /// <summary>Minimum fraction of words containing a letter. English 0.8, Korean 0.791.</summary>
    [Description("Minimum fraction of words that contain a letter. Default: English {english} (Gopher), Korean {korean} (FineWeb-2 kor_Hang).")]
    public double? MinAlphaWordRatio { get; init; }

    /// <summary>Minimum stop-word evidence: English stop-word occurrences (2), or for Korean the number
    /// of distinct case-particle classes among eojeol endings (2).</summary>
    [Description("Minimum stop words: English occurrences of the/be/to/of/and/that/have/with ({english}); Korean distinct case particles 은는/이가/을를/의/에/로/와과/도 ({korean}).")]
    public int? MinStopWords { get; init; }

    /// <summary>Minimum fraction of Hangul eojeols that end in a particle or ending. Korean 0.30; 0 (off) for English.</summary>
    [Description("Minimum fraction of Hangul eojeols ending in a particle or verb ending. Default: Korean {korean}, English {english} (off).")]
    public double? MinParticleRatio { get; init; }

    internal IEnumerable<OptionProblem> Validate(string prefix)
    {
        if (MinWords < 0)
        {
            yield return new OptionProblem($"{prefix}.minWords", $"must be 0 or more (got {MinWords}).");
        }
        if (MinWords is { } min && MaxWords is { } max && max < min)
        {
            yield return new OptionProblem($"{prefix}.maxWords", $"must not be below minWords (got {max} < {min}).");
        }
        if (MinMeanWordLength is { } minLength && MaxMeanWordLength is { } maxLength && maxLength < minLength)
        {
            yield return new OptionProblem($"{prefix}.maxMeanWordLength", $"must not be below minMeanWordLength (got {maxLength} < {minLength}).");
        }
        foreach (var (name, value) in new (string, double?)[]
        {
            ("maxBulletLineRatio", MaxBulletLineRatio), ("maxEllipsisLineRatio", MaxEllipsisLineRatio),
            ("minAlphaWordRatio", MinAlphaWordRatio), ("minParticleRatio", MinParticleRatio),
        })
        {
            if (value is < 0 or > 1)
            {
                yield return new OptionProblem($"{prefix}.{name}", $"must be between 0 and 1 (got {value}).");
            }
        }
        if (MaxHashToWordRatio < 0 || MaxEllipsisToWordRatio < 0)
        {
            yield return new OptionProblem(prefix, "symbol-to-word ratios must be 0 or more.");
        }
    }
}
