using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>
/// Character-level junk that word rules miss: mojibake (text decoded with the wrong code page),
/// jamo spam (ㅋㅋㅋ, ㅎㅎ, ㅠㅠ floods) and Korean documents with too little Hangul.
/// </summary>
/// <remarks>
/// <para>No peer system has these as rules (research/anchors.md §4.2); they follow research/korean.md
/// §3.4: <c>hangul_ratio</c> and <c>compat_jamo_ratio</c> as separate quality signals.</para>
/// <para>Mojibake: UTF-8 or CP949 bytes read as Latin-1/Windows-1252 become runs of characters from the
/// Latin-1 supplement and the 1252 punctuation block (<c>ì•ˆë…•</c>); real text rarely has two of them in
/// a row. A document is rejected when such second-in-a-row characters plus U+FFFD replacement characters
/// exceed 5% of its non-space characters, well above Portuguese "ção"-style pairs (about 1–2%).</para>
/// <para>Jamo spam: compatibility jamo are normal in moderation in informal Korean; above 10% of the
/// Hangul characters the text is mostly ㅋㅋ/ㅠㅠ. Hangul ratio: Korean encyclopedic text has a mean Hangul
/// share of non-space characters of 0.87 and a 10th percentile of 0.725 (measured on KoBEST); below 0.4
/// a "Korean" document is mostly numbers, tables, symbols or another script.</para>
/// </remarks>
[Stage("ScriptQuality", typeof(ScriptQualityOptions), Family = 1,
    Description = "Character-level junk: mojibake, Korean jamo spam (ㅋㅋ/ㅠㅠ), Korean documents with too little Hangul.")]
public sealed class ScriptQualityFilter : FilterStage, IQualityRules
{
    /// <summary>Mis-decoded text.</summary>
    public static readonly RejectionReason Mojibake = new("quality.script.mojibake", "Share of mojibake characters (wrong code page, U+FFFD) above maxMojibakeRatio.");

    /// <summary>Jamo floods.</summary>
    public static readonly RejectionReason JamoSpam = new("quality.script.jamo_spam", "Share of stand-alone jamo (ㅋ ㅎ ㅠ) among Hangul characters above maxJamoRatio.");

    /// <summary>A Korean document with little Hangul.</summary>
    public static readonly RejectionReason LowHangulRatio = new("quality.script.low_hangul_ratio", "Korean document whose Hangul syllables are below minHangulRatio of its non-space characters.");

    /// <summary>Creates the filter.</summary>
    public ScriptQualityFilter(ScriptQualityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _rules = Rules(options);
    }

    private readonly QualityRuleTable _rules;

    /// <summary>The options in effect.</summary>
    public ScriptQualityOptions Options { get; }

    /// <inheritdoc />
    public override string Id => "quality.script";

    QualityRuleTable IQualityRules.QualityRules => _rules;

    /// <inheritdoc />
    protected override Verdict Evaluate(Document document, StageStats stats) => _rules.Evaluate(QualityInput.Of(document));

    // One threshold for every language; a text without non-space characters passes every rule.
    private static QualityRuleTable Rules(ScriptQualityOptions o) => new(perLanguage: false,
        new(Mojibake, "maxMojibakeRatio", "mojibake", QualityRuleKind.Fraction, QualityComparison.Above, o.MaxMojibakeRatio, o.MaxMojibakeRatio,
            static (in x) => x.A.NonWhitespaceChars == 0 ? null : (double)(x.A.MojibakeChars + x.A.ReplacementChars) / x.A.NonWhitespaceChars),
        new(JamoSpam, "maxJamoRatio", "jamo", QualityRuleKind.Fraction, QualityComparison.Above, o.MaxJamoRatio, o.MaxJamoRatio, static (in x) =>
        {
            var hangul = x.A.HangulSyllables + x.A.CompatibilityJamo;
            return x.A.NonWhitespaceChars == 0 || hangul == 0 ? null : (double)x.A.CompatibilityJamo / hangul;
        }),
        new(LowHangulRatio, "minHangulRatio", "hangul", QualityRuleKind.Fraction, QualityComparison.Below, o.MinHangulRatio, o.MinHangulRatio,
            static (in x) => x.A.NonWhitespaceChars == 0 || x.Profile is not { Korean: true, Mixed: false }
                ? null : (double)x.A.HangulSyllables / x.A.NonWhitespaceChars));
}
