using DataPrep.Documents;
using DataPrep.Text;

namespace DataPrep.Stages.Mixing;

/// <summary>
/// The languages a mix can target and how a document's language is decided: a source's fixed <c>language</c>; else the
/// document's <c>language</c> field (written by <c>LanguageId</c>: <c>ko*</c> → ko, <c>en*</c> → en, anything else →
/// other); else the script of its letters — Hangul ≥ 50% → ko, Latin ≥ 50% → en, otherwise other (the same rule as the
/// Tokenize stage's per-language counters and <c>dataprep tokens</c>).
/// </summary>
internal static class MixLanguages
{
    /// <summary>The source option value that means "decide per document".</summary>
    public const string Auto = "auto";

    /// <summary>Korean.</summary>
    public const string Korean = "ko";

    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>Everything else (other scripts, no letters).</summary>
    public const string Other = "other";

    /// <summary>The languages targets may name.</summary>
    public static IReadOnlyList<string> Known { get; } = [Korean, English, Other];

    /// <summary>True when <paramref name="language"/> is one of <see cref="Known"/>.</summary>
    public static bool IsKnown(string language) => Known.Contains(language, StringComparer.Ordinal);

    /// <summary>The language of <paramref name="document"/> under a source's <paramref name="sourceLanguage"/> setting.</summary>
    public static string Of(Document document, string sourceLanguage)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!string.Equals(sourceLanguage, Auto, StringComparison.Ordinal))
        {
            return sourceLanguage;
        }
        if (document.Metadata.GetString(MetadataKeys.Language) is { Length: > 0 } tagged)
        {
            return tagged.StartsWith(Korean, StringComparison.OrdinalIgnoreCase) ? Korean
                : tagged.StartsWith(English, StringComparison.OrdinalIgnoreCase) ? English
                : Other;
        }
        return OfScript(document.Text);
    }

    /// <summary>The language by the majority script of the letters of <paramref name="text"/>.</summary>
    public static string OfScript(ReadOnlySpan<char> text)
    {
        var counts = Scripts.Count(text);
        var letters = counts.Letters;
        // Integer halves: no division, and exactly 50% Hangul counts as Korean as in TokenizeStage.
        return letters == 0 ? Other
            : counts.Hangul * 2 >= letters ? Korean
            : counts.Latin * 2 >= letters ? English
            : Other;
    }
}
