using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>
/// Keeps documents whose <c>language</c> metadata is one of the listed languages with a
/// <c>language_score</c> of at least <c>minScore</c> (default 0.65). Run <c>LanguageId</c> first.
/// </summary>
/// <remarks>Source: datatrove <c>LanguageFilter</c> (default threshold 0.65, used by FineWeb). FineWeb-2's
/// Korean threshold 0.842 is calibrated on GlotLID scores and does not carry over to this stage's
/// script-share and Lingua scores, so it is not a default here.</remarks>
[Stage("Language", typeof(LanguageFilterOptions), Family = 1,
    Description = "Keeps documents in the listed languages whose language_score reaches minScore (run LanguageId first).")]
public sealed class LanguageFilter : FilterStage, IQualityRules
{
    /// <summary>No language metadata.</summary>
    public static readonly RejectionReason Missing = new("quality.language.missing", "No language metadata: run LanguageId before Language.");

    /// <summary>Language not in the list.</summary>
    public static readonly RejectionReason NotListed = new("quality.language.not_listed", "Language is not one of the listed languages.");

    /// <summary>Score too low.</summary>
    public static readonly RejectionReason LowScore = new("quality.language.low_score", "language_score below minScore.");

    private readonly HashSet<string> _languages;
    private readonly QualityRuleTable _rules;

    /// <summary>Creates the filter.</summary>
    public LanguageFilter(LanguageFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _languages = new HashSet<string>(options.Languages, StringComparer.OrdinalIgnoreCase);
        _rules = Rules(options, _languages);
    }

    /// <summary>The options in effect.</summary>
    public LanguageFilterOptions Options { get; }

    /// <inheritdoc />
    public override string Id => "quality.language";

    QualityRuleTable IQualityRules.QualityRules => _rules;

    /// <inheritdoc />
    protected override Verdict Evaluate(Document document, StageStats stats) => _rules.Evaluate(QualityInput.MetadataOf(document));

    // The rules read metadata only (written by LanguageId).
    private static QualityRuleTable Rules(LanguageFilterOptions o, HashSet<string> listed) => new(perLanguage: false,
        QualityRule.Flag(Missing, "(language metadata)", static (in x) => x.Document.Metadata.GetString(MetadataKeys.Language) is null ? 1 : 0),
        QualityRule.Flag(NotListed, "languages",
            (in x) => x.Document.Metadata.GetString(MetadataKeys.Language) is { } language && !listed.Contains(language) ? 1 : 0,
            // Language codes are short machine values, never document text.
            static d => d.Metadata.GetString(MetadataKeys.Language) is { } language
                ? "language=" + (language.Length <= 8 ? language : language[..8]) : null),
        new(LowScore, "minScore", "language_score", QualityRuleKind.Fraction, QualityComparison.Below, o.MinScore, o.MinScore,
            (in x) => x.Document.Metadata.GetString(MetadataKeys.Language) is { } language && listed.Contains(language)
                ? x.Document.Metadata.GetNumber(MetadataKeys.LanguageScore) ?? 0 : null));
}
