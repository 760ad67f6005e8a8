namespace DataPrep.Stages.Quality;

/// <summary>What kind of number a quality rule measures, which decides the thresholds the what-if report sweeps.</summary>
internal enum QualityRuleKind
{
    /// <summary>A yes/no rule: the value is 0 or 1, compared with 0.5; no sweep.</summary>
    Flag,

    /// <summary>A whole number (words, stop words, sentences).</summary>
    Count,

    /// <summary>A non-negative ratio without upper bound.</summary>
    Ratio,

    /// <summary>A fraction between 0 and 1.</summary>
    Fraction,
}
