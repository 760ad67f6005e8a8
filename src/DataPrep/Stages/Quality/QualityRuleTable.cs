using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>
/// A quality stage's rules in the order it checks them: the first that fails rejects the document. The what-if
/// report reads the same table and sweeps each rule's threshold.
/// </summary>
/// <param name="perLanguage">True when thresholds are options per language (<c>english.minWords</c>,
/// <c>korean.minWords</c>) rather than one option for both.</param>
/// <param name="rules">The rules, in order.</param>
internal sealed class QualityRuleTable(bool perLanguage, params QualityRule[] rules)
{
    private readonly QualityRule[] _rules = rules;

    /// <summary>True when thresholds are options per language.</summary>
    public bool PerLanguage { get; } = perLanguage;

    /// <summary>The rules, in the order they are checked.</summary>
    public IReadOnlyList<QualityRule> Rules => _rules;

    /// <summary>Keeps the document, or rejects it by the first rule it fails.</summary>
    public Verdict Evaluate(in QualityInput input)
    {
        foreach (var rule in _rules)
        {
            var threshold = rule.Threshold(input.Korean);
            // A bound that passes (or does not apply) spares the exact value.
            if (rule.UpperBound is { } bound && (bound(in input) is not { } limit || !rule.Fails(limit, threshold)))
            {
                continue;
            }
            if (rule.Measure(in input) is not { } value || !rule.Fails(value, threshold))
            {
                continue;
            }
            if (input.Profile.Mixed && rule.Mixed != MixedLanguageRule.OwnSet)
            {
                if (OtherLanguagePasses(rule, in input, value))
                {
                    continue;
                }
                if (rule.Mixed == MixedLanguageRule.LooserThreshold)
                {
                    // Both thresholds failed: the detail names the looser one, the one the document had to meet.
                    var other = rule.Threshold(!input.Korean);
                    threshold = rule.Comparison == QualityComparison.Below ? Math.Min(threshold, other) : Math.Max(threshold, other);
                }
            }
            return rule.Reject(input.Document, value, threshold, input.Korean);
        }
        return Verdict.Keep;
    }

    /// <summary>
    /// The value the what-if report sweeps for <paramref name="rule"/>: the measured value, or for a mixed document
    /// that the other language's threshold lets pass, a value no threshold of this set fails (±∞); null when the
    /// rule does not apply.
    /// </summary>
    public static double? SweptValue(QualityRule rule, in QualityInput input)
    {
        if (rule.Measure(in input) is not { } value)
        {
            return null;
        }
        if (input.Profile.Mixed && rule.Mixed != MixedLanguageRule.OwnSet && OtherLanguagePasses(rule, in input, value))
        {
            return rule.Comparison == QualityComparison.Below ? double.PositiveInfinity : double.NegativeInfinity;
        }
        return value;
    }

    private static bool OtherLanguagePasses(QualityRule rule, in QualityInput input, double value)
    {
        var other = rule.Threshold(!input.Korean);
        if (rule.Mixed == MixedLanguageRule.LooserThreshold)
        {
            return !rule.Fails(value, other);
        }
        var otherInput = input.ForOtherLanguage();
        return rule.Measure(in otherInput) is { } otherValue && !rule.Fails(otherValue, other);
    }
}
