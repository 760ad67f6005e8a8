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
public sealed class LanguageFilter : FilterStage
{
    /// <summary>No language metadata.</summary>
    public static readonly RejectionReason Missing = new("quality.language.missing", "No language metadata: run LanguageId before Language.");

    /// <summary>Language not in the list.</summary>
    public static readonly RejectionReason NotListed = new("quality.language.not_listed", "Language is not one of the listed languages.");

    /// <summary>Score too low.</summary>
    public static readonly RejectionReason LowScore = new("quality.language.low_score", "language_score below minScore.");

    private readonly HashSet<string> _languages;

    /// <summary>Creates the filter.</summary>
    public LanguageFilter(LanguageFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _languages = new HashSet<string>(options.Languages, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The options in effect.</summary>
    public LanguageFilterOptions Options { get; }

    /// <inheritdoc />
    public override string Id => "quality.language";

    /// <inheritdoc />
    protected override Verdict Evaluate(Document document, StageStats stats)
    {
        var language = document.Metadata.GetString(MetadataKeys.Language);
        if (language is null)
        {
            return Missing;
        }
        if (!_languages.Contains(language))
        {
            // Language codes are short machine values, never document text.
            return Verdict.Reject(NotListed, "language=" + (language.Length <= 8 ? language : language[..8]));
        }
        var score = document.Metadata.GetNumber(MetadataKeys.LanguageScore) ?? 0;
        if (score < Options.MinScore)
        {
            return Verdict.Reject(LowScore, GopherQualityFilter.Detail("language_score", score, "<", Options.MinScore));
        }
        return Verdict.Keep;
    }
}
