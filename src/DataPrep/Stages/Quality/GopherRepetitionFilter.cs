using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>
/// Drops documents with repeated content: duplicate lines and paragraphs (by count and by characters),
/// a dominant 2-, 3- or 4-gram, or too many characters inside duplicated 5- to 10-grams.
/// </summary>
/// <remarks>
/// <para>Source: Rae et al. 2021 (Gopher), Appendix A and Table A1, as implemented by datatrove's
/// <c>GopherRepetitionFilter</c>. English defaults are Table A1's: duplicate line fraction 0.30,
/// duplicate paragraph fraction 0.30, duplicate line and paragraph character fractions 0.20, top
/// 2/3/4-gram character fractions 0.20/0.18/0.16, duplicate 5…10-gram character fractions
/// 0.15/0.14/0.13/0.12/0.11/0.10. Character fractions are over the whole text's length.</para>
/// <para>Korean defaults are FineWeb-2's <c>kor_Hang</c> values (duplicate lines 0.374, top n-grams
/// 0.282/0.228/0.185, duplicate n-grams 0.201…0.127): particles and endings repeat more than English
/// function words, so the bounds are looser. FineWeb-2 counts Kiwi morphemes; here n-grams are over
/// eojeols, which repeat less than morphemes, so these thresholds are if anything lenient on Korean.</para>
/// <para>Words are whitespace tokens without their edge punctuation; tokens of only symbols are skipped.
/// A top n-gram counts only when it occurs at least twice (a single occurrence is not repetition, and
/// would otherwise reject every short document). Clean documents skip most of the n-gram work: the
/// 3- and 4-gram counts are bounded by the top bigram count, and every duplicated n-gram with n ≥ 5 is
/// covered by repeated 5-grams, so one 5-gram pass bounds all six duplicate fractions.</para>
/// </remarks>
[Stage("GopherRepetition", typeof(GopherRepetitionOptions), Family = 1,
    Description = "Gopher repetition rules: duplicate lines/paragraphs, top 2-4-grams, duplicated 5-10-grams (Korean thresholds from FineWeb-2).")]
public sealed class GopherRepetitionFilter : FilterStage, IQualityRules
{
    /// <summary>Too many duplicate lines.</summary>
    public static readonly RejectionReason DuplicateLines = new("quality.gopher_repetition.duplicate_lines", "Fraction of lines repeating an earlier line above maxDuplicateLineRatio.");

    /// <summary>Too many duplicate paragraphs.</summary>
    public static readonly RejectionReason DuplicateParagraphs = new("quality.gopher_repetition.duplicate_paragraphs", "Fraction of paragraphs repeating an earlier paragraph above maxDuplicateParagraphRatio.");

    /// <summary>Too many characters in duplicate lines.</summary>
    public static readonly RejectionReason DuplicateLineChars = new("quality.gopher_repetition.duplicate_line_chars", "Fraction of characters in duplicate lines above maxDuplicateLineCharRatio.");

    /// <summary>Too many characters in duplicate paragraphs.</summary>
    public static readonly RejectionReason DuplicateParagraphChars = new("quality.gopher_repetition.duplicate_paragraph_chars", "Fraction of characters in duplicate paragraphs above maxDuplicateParagraphCharRatio.");

    /// <summary>The most frequent bigram covers too many characters.</summary>
    public static readonly RejectionReason Top2Gram = new("quality.gopher_repetition.top_2gram", "Character fraction of the most frequent 2-gram above its maximum.");

    /// <summary>The most frequent trigram covers too many characters.</summary>
    public static readonly RejectionReason Top3Gram = new("quality.gopher_repetition.top_3gram", "Character fraction of the most frequent 3-gram above its maximum.");

    /// <summary>The most frequent 4-gram covers too many characters.</summary>
    public static readonly RejectionReason Top4Gram = new("quality.gopher_repetition.top_4gram", "Character fraction of the most frequent 4-gram above its maximum.");

    /// <summary>Too many characters in duplicated 5-grams.</summary>
    public static readonly RejectionReason Duplicate5Grams = new("quality.gopher_repetition.duplicate_5grams", "Character fraction in duplicated 5-grams above its maximum.");

    /// <summary>Too many characters in duplicated 6-grams.</summary>
    public static readonly RejectionReason Duplicate6Grams = new("quality.gopher_repetition.duplicate_6grams", "Character fraction in duplicated 6-grams above its maximum.");

    /// <summary>Too many characters in duplicated 7-grams.</summary>
    public static readonly RejectionReason Duplicate7Grams = new("quality.gopher_repetition.duplicate_7grams", "Character fraction in duplicated 7-grams above its maximum.");

    /// <summary>Too many characters in duplicated 8-grams.</summary>
    public static readonly RejectionReason Duplicate8Grams = new("quality.gopher_repetition.duplicate_8grams", "Character fraction in duplicated 8-grams above its maximum.");

    /// <summary>Too many characters in duplicated 9-grams.</summary>
    public static readonly RejectionReason Duplicate9Grams = new("quality.gopher_repetition.duplicate_9grams", "Character fraction in duplicated 9-grams above its maximum.");

    /// <summary>Too many characters in duplicated 10-grams.</summary>
    public static readonly RejectionReason Duplicate10Grams = new("quality.gopher_repetition.duplicate_10grams", "Character fraction in duplicated 10-grams above its maximum.");

    internal static readonly Limits EnglishDefaults = new(0.30, 0.30, 0.20, 0.20, [0.20, 0.18, 0.16], [0.15, 0.14, 0.13, 0.12, 0.11, 0.10]);
    internal static readonly Limits KoreanDefaults = new(0.374, 0.30, 0.20, 0.20, [0.282, 0.228, 0.185], [0.201, 0.184, 0.168, 0.154, 0.14, 0.127]);

    private readonly QualityRuleTable _rules;

    /// <summary>Creates the filter.</summary>
    public GopherRepetitionFilter(GopherRepetitionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _rules = Rules(Limits.Resolve(options.English, EnglishDefaults), Limits.Resolve(options.Korean, KoreanDefaults));
    }

    /// <summary>The options in effect.</summary>
    public GopherRepetitionOptions Options { get; }

    /// <inheritdoc />
    public override string Id => "quality.gopher_repetition";

    QualityRuleTable IQualityRules.QualityRules => _rules;

    /// <inheritdoc />
    protected override Verdict Evaluate(Document document, StageStats stats) => _rules.Evaluate(QualityInput.Of(document));

    // The rules in the order they are checked; character fractions are over the whole text. The top 3- and
    // 4-gram rules are bounded by the top bigram, the duplicated 5- to 10-gram rules by the repeated 5-gram
    // coverage, so clean documents skip the exact counts.
    private static QualityRuleTable Rules(Limits en, Limits ko) => new(perLanguage: true,
    [
        new(DuplicateLines, "maxDuplicateLineRatio", "duplicate_lines", QualityRuleKind.Fraction, QualityComparison.Above,
            en.MaxDuplicateLineRatio, ko.MaxDuplicateLineRatio,
            static (in x) => HasLines(x.A) ? (double)x.A.DuplicateLines / x.A.LineCount : null),
        new(DuplicateParagraphs, "maxDuplicateParagraphRatio", "duplicate_paragraphs", QualityRuleKind.Fraction, QualityComparison.Above,
            en.MaxDuplicateParagraphRatio, ko.MaxDuplicateParagraphRatio,
            static (in x) => HasLines(x.A) ? x.A.ParagraphCount == 0 ? 0 : (double)x.A.DuplicateParagraphs / x.A.ParagraphCount : null),
        new(DuplicateLineChars, "maxDuplicateLineCharRatio", "duplicate_line_chars", QualityRuleKind.Fraction, QualityComparison.Above,
            en.MaxDuplicateLineCharRatio, ko.MaxDuplicateLineCharRatio,
            static (in x) => HasLines(x.A) ? x.A.DuplicateLineChars / (double)x.A.Length : null),
        new(DuplicateParagraphChars, "maxDuplicateParagraphCharRatio", "duplicate_paragraph_chars", QualityRuleKind.Fraction, QualityComparison.Above,
            en.MaxDuplicateParagraphCharRatio, ko.MaxDuplicateParagraphCharRatio,
            static (in x) => HasLines(x.A) ? x.A.DuplicateParagraphChars / (double)x.A.Length : null),
        TopNGram(Top2Gram, 2, en, ko),
        TopNGram(Top3Gram, 3, en, ko),
        TopNGram(Top4Gram, 4, en, ko),
        DuplicateNGrams(Duplicate5Grams, 5, en, ko),
        DuplicateNGrams(Duplicate6Grams, 6, en, ko),
        DuplicateNGrams(Duplicate7Grams, 7, en, ko),
        DuplicateNGrams(Duplicate8Grams, 8, en, ko),
        DuplicateNGrams(Duplicate9Grams, 9, en, ko),
        DuplicateNGrams(Duplicate10Grams, 10, en, ko),
    ]);

    // An empty text has no repetition to measure.
    private static bool HasLines(DocumentAnalysis a) => a.Length > 0 && a.LineCount > 0;

    private static QualityRule TopNGram(RejectionReason reason, int n, Limits en, Limits ko) =>
        new(reason, $"maxTopNGramCharRatios[{n - 2}]", $"top_{n}gram_chars", QualityRuleKind.Fraction, QualityComparison.Above,
            en.MaxTopNGramCharRatios[n - 2], ko.MaxTopNGramCharRatios[n - 2],
            (in x) => x.A.Length > 0 ? x.A.TopNGramChars(n) / (double)x.A.Length : null)
        {
            UpperBound = n == 2 ? null : (in x) => x.A.Length > 0 ? x.A.TopNGramCharsUpperBound(n) / (double)x.A.Length : null,
        };

    private static QualityRule DuplicateNGrams(RejectionReason reason, int n, Limits en, Limits ko) =>
        new(reason, $"maxDuplicateNGramCharRatios[{n - 5}]", $"duplicate_{n}gram_chars", QualityRuleKind.Fraction, QualityComparison.Above,
            en.MaxDuplicateNGramCharRatios[n - 5], ko.MaxDuplicateNGramCharRatios[n - 5],
            (in x) => x.A.Length > 0 ? x.A.DuplicateNGramChars(n) / (double)x.A.Length : null)
        {
            // Every duplicated n-gram with n >= 5 is made of repeated 5-grams.
            UpperBound = static (in x) => x.A.Length > 0 ? x.A.RepeatedFiveGramCoverage() / (double)x.A.Length : null,
        };

    internal sealed record Limits(
        double MaxDuplicateLineRatio, double MaxDuplicateParagraphRatio, double MaxDuplicateLineCharRatio,
        double MaxDuplicateParagraphCharRatio, double[] MaxTopNGramCharRatios, double[] MaxDuplicateNGramCharRatios)
    {
        public GopherRepetitionThresholds ToThresholds() => new()
        {
            MaxDuplicateLineRatio = MaxDuplicateLineRatio, MaxDuplicateParagraphRatio = MaxDuplicateParagraphRatio,
            MaxDuplicateLineCharRatio = MaxDuplicateLineCharRatio, MaxDuplicateParagraphCharRatio = MaxDuplicateParagraphCharRatio,
            MaxTopNGramCharRatios = (double[])MaxTopNGramCharRatios.Clone(), MaxDuplicateNGramCharRatios = (double[])MaxDuplicateNGramCharRatios.Clone(),
        };

        public static Limits Resolve(GopherRepetitionThresholds t, Limits d) => new(
            t.MaxDuplicateLineRatio ?? d.MaxDuplicateLineRatio, t.MaxDuplicateParagraphRatio ?? d.MaxDuplicateParagraphRatio,
            t.MaxDuplicateLineCharRatio ?? d.MaxDuplicateLineCharRatio, t.MaxDuplicateParagraphCharRatio ?? d.MaxDuplicateParagraphCharRatio,
            t.MaxTopNGramCharRatios ?? d.MaxTopNGramCharRatios, t.MaxDuplicateNGramCharRatios ?? d.MaxDuplicateNGramCharRatios);
    }
}
