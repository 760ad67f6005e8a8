using DataPrep.Documents;

namespace DataPrep.Stages.Quality;

/// <summary>Which threshold set applies to a document, and whether it mixes Korean and English enough
/// that rules must accept the evidence of both languages.</summary>
internal readonly record struct QualityProfile(bool Korean, bool Mixed)
{
    /// <summary>Share of the minority script's words (Hangul eojeols vs Latin-only words) from which a
    /// document counts as mixed Korean/English.</summary>
    public const double MixedShare = 0.2;

    /// <summary>
    /// Korean thresholds when the <c>language</c> metadata says <c>ko</c>; the English (default) set
    /// for any other language written there; without metadata, Korean when at least half of the words
    /// with letters are Hangul eojeols.
    /// </summary>
    public static QualityProfile Of(Document document, DocumentAnalysis analysis)
    {
        var share = analysis.HangulWordShare;
        var mixed = analysis.HangulWords + analysis.LatinOnlyWords > 0 && share >= MixedShare && share <= 1 - MixedShare;
        var language = document.Metadata.GetString(MetadataKeys.Language);
        var korean = language is null ? analysis.HangulWords > 0 && share >= 0.5 : string.Equals(language, "ko", StringComparison.OrdinalIgnoreCase);
        return new QualityProfile(korean, mixed);
    }
}
