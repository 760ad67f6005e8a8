using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>
/// One row of a quality stage's rule table: the reason it rejects with, the option that sets its threshold, what
/// it measures and how, the comparison, and the threshold in effect for English (and every other language) and
/// for Korean. The stage's <c>Evaluate</c> and the what-if report both read it, so a rule is written once.
/// </summary>
/// <param name="reason">The reason a document failing the rule is rejected with.</param>
/// <param name="option">The option that sets the threshold (<c>minWords</c>), as the what-if report names it.</param>
/// <param name="measured">What the value is, as the rejects file's detail names it (<c>words</c>); null for flags.</param>
/// <param name="kind">What kind of number the value is.</param>
/// <param name="comparison">When the value fails the threshold.</param>
/// <param name="english">The threshold for English and every language but Korean.</param>
/// <param name="korean">The threshold for Korean.</param>
/// <param name="measure">Computes the value.</param>
internal sealed class QualityRule(
    RejectionReason reason, string option, string? measured, QualityRuleKind kind, QualityComparison comparison,
    double english, double korean, QualityMeasure measure)
{
    /// <summary>The reason a failing document is rejected with.</summary>
    public RejectionReason Reason { get; } = reason;

    /// <summary>The option that sets the threshold.</summary>
    public string Option { get; } = option;

    /// <summary>The option of the Korean threshold when it is a separate option (<c>minSentencesKorean</c>).</summary>
    public string? KoreanOption { get; init; }

    /// <summary>What the value is, in the rejects file's detail; null for flags.</summary>
    public string? Measured { get; } = measured;

    /// <summary>What the value is when measured for Korean, if it differs (<c>case_particles</c>).</summary>
    public string? KoreanMeasured { get; init; }

    /// <summary>What kind of number the value is.</summary>
    public QualityRuleKind Kind { get; } = kind;

    /// <summary>When the value fails the threshold.</summary>
    public QualityComparison Comparison { get; } = comparison;

    /// <summary>How a mixed Korean/English document is judged.</summary>
    public MixedLanguageRule Mixed { get; init; }

    /// <summary>Computes the value.</summary>
    public QualityMeasure Measure { get; } = measure;

    /// <summary>
    /// A cheap upper bound of a maximum rule's value, checked first: when the bound passes, the exact (costly)
    /// value is not computed. Only a stage's <c>Evaluate</c> uses it; the what-if report needs the exact value.
    /// </summary>
    public QualityMeasure? UpperBound { get; init; }

    /// <summary>The detail of a flag's rejection (never document text); none when null.</summary>
    public Func<Document, string?>? FlagDetail { get; init; }

    /// <summary>Thresholds the what-if report sweeps instead of the ones around the configured value.</summary>
    public double[]? SweepGrid { get; init; }

    /// <summary>A yes/no rule: the measure returns 1 when the document has the flagged property, else 0;
    /// <paramref name="detail"/> gives the rejection's detail (never document text).</summary>
    public static QualityRule Flag(RejectionReason reason, string option, QualityMeasure isSet, Func<Document, string?>? detail = null) =>
        new(reason, option, measured: null, QualityRuleKind.Flag, QualityComparison.Above, 0.5, 0.5, isSet) { FlagDetail = detail };

    /// <summary>The threshold for the language a value is measured for.</summary>
    public double Threshold(bool korean) => korean ? _korean : _english;

    private readonly double _english = english;
    private readonly double _korean = korean;

    /// <summary>True when <paramref name="value"/> fails <paramref name="threshold"/>; NaN never fails.</summary>
    public bool Fails(double value, double threshold) => Comparison switch
    {
        QualityComparison.Below => value < threshold,
        QualityComparison.AtLeast => value >= threshold,
        _ => value > threshold,
    };

    /// <summary>Keeps the document, or rejects it when a value measured elsewhere (for English unless
    /// <paramref name="korean"/>) fails the threshold.</summary>
    public Verdict Check(double value, bool korean = false)
    {
        var threshold = Threshold(korean);
        return Fails(value, threshold) ? Reject(null, value, threshold, korean) : Verdict.Keep;
    }

    /// <summary>The rejection for a failing value, with <c>measured=value{comparison}threshold</c> as its detail.</summary>
    public Verdict Reject(Document? document, double value, double threshold, bool korean)
    {
        if (Kind == QualityRuleKind.Flag)
        {
            return Verdict.Reject(Reason, document is null ? null : FlagDetail?.Invoke(document));
        }
        var name = korean && KoreanMeasured is not null ? KoreanMeasured : Measured!;
        var symbol = Comparison switch
        {
            QualityComparison.Below => "<",
            QualityComparison.AtLeast => ">=",
            _ => ">",
        };
        return Verdict.Reject(Reason, name, value, symbol, threshold);
    }
}
