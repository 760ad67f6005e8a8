using System.Numerics;
using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>
/// Drops documents that do not look like human prose by Gopher's quality heuristics: word count,
/// mean word length, '#' and ellipsis density, bullet and ellipsis lines, words with letters and
/// stop words. Korean documents (by <c>language</c> metadata, else by script) are measured in eojeols
/// and checked for particles instead of English stop words.
/// </summary>
/// <remarks>
/// <para>Source: Rae et al. 2021, "Scaling Language Models: Methods, Analysis &amp; Insights from Training
/// Gopher", Appendix A (MassiveText quality filters), as implemented by datatrove's
/// <c>GopherQualityFilter</c>. English defaults are the published values: 50–100,000 non-symbol words,
/// mean word length 3–10 characters, '#' and ellipsis to word ratios ≤ 0.1, ≤ 90% of lines starting
/// with a bullet, ≤ 30% ending with an ellipsis, ≥ 80% of words with a letter, ≥ 2 of the stop words
/// {the, be, to, of, and, that, have, with}.</para>
/// <para>Korean: words are eojeols (space-separated units), which carry about 1.55 English words of
/// content, so the word bounds shrink to 30–65,000 (research/korean.md §3.4). Mean eojeol length is
/// 3.4 characters on encyclopedic text, so the bounds are 1.8–8: below means character-spaced spam or
/// jamo floods, above means unspaced text or keyword dumps. FineWeb-2's <c>kor_Hang</c> letter-word ratio
/// 0.791 is used as is. Korean function words are bound particles, so the stop-word test becomes: at
/// least 2 distinct case particles (은/는, 이/가, 을/를, 의, 에, 로, 와/과, 도) and at least 30% of Hangul
/// eojeols ending in a particle or verb ending (the measured 1st percentile of Korean prose is 0.38).</para>
/// <para>Mixed Korean/English documents (each script ≥ 20% of the words with letters) accept the
/// evidence of either language: the stop-word rule passes on English stop words or Korean particles,
/// and the word-count and word-length bounds are the looser of the two sets.</para>
/// <para>Words here are whitespace tokens with leading and trailing punctuation stripped, rather than
/// NLTK tokens, so punctuation never counts as a word: the letter-word ratio is slightly more lenient
/// than datatrove's on English.</para>
/// </remarks>
[Stage("GopherQuality", typeof(GopherQualityOptions), Family = 1,
    Description = "Gopher quality heuristics (word count and length, symbols, bullets, stop words), with eojeol/particle rules for Korean.")]
public sealed class GopherQualityFilter : FilterStage, IQualityRules
{
    /// <summary>Too few non-symbol words.</summary>
    public static readonly RejectionReason TooFewWords = new("quality.gopher.too_few_words", "Fewer non-symbol words (eojeols in Korean) than minWords.");

    /// <summary>Too many non-symbol words.</summary>
    public static readonly RejectionReason TooManyWords = new("quality.gopher.too_many_words", "More non-symbol words than maxWords.");

    /// <summary>Mean word length below the minimum.</summary>
    public static readonly RejectionReason ShortMeanWordLength = new("quality.gopher.short_mean_word_length", "Mean word length below minMeanWordLength.");

    /// <summary>Mean word length above the maximum.</summary>
    public static readonly RejectionReason LongMeanWordLength = new("quality.gopher.long_mean_word_length", "Mean word length above maxMeanWordLength.");

    /// <summary>Too many '#' per word.</summary>
    public static readonly RejectionReason TooManyHashes = new("quality.gopher.hash_to_word_ratio", "Ratio of '#' to words above maxHashToWordRatio.");

    /// <summary>Too many ellipses per word.</summary>
    public static readonly RejectionReason TooManyEllipses = new("quality.gopher.ellipsis_to_word_ratio", "Ratio of ellipses to words above maxEllipsisToWordRatio.");

    /// <summary>Too many bullet lines.</summary>
    public static readonly RejectionReason TooManyBulletLines = new("quality.gopher.bullet_lines", "Fraction of lines starting with a bullet above maxBulletLineRatio.");

    /// <summary>Too many lines ending with an ellipsis.</summary>
    public static readonly RejectionReason TooManyEllipsisLines = new("quality.gopher.ellipsis_lines", "Fraction of lines ending with an ellipsis above maxEllipsisLineRatio.");

    /// <summary>Too few words with a letter.</summary>
    public static readonly RejectionReason TooFewAlphaWords = new("quality.gopher.alpha_words", "Fraction of words containing a letter below minAlphaWordRatio.");

    /// <summary>Too few stop words (English) or distinct case particles (Korean).</summary>
    public static readonly RejectionReason TooFewStopWords = new("quality.gopher.too_few_stop_words", "Fewer English stop words, or distinct Korean case particles, than minStopWords.");

    /// <summary>Too few Korean eojeols with a particle or ending.</summary>
    public static readonly RejectionReason TooFewParticles = new("quality.gopher.too_few_particles", "Fraction of Hangul eojeols ending in a particle or verb ending below minParticleRatio.");

    /// <summary>The bullet and ellipsis line rules apply from this many lines on: with one or two lines a
    /// single line decides the ratio (0% or 100%), which says how one line is formatted, not that the
    /// document is a list. Paragraph-per-line text (petitions, forum posts) would otherwise be dropped for
    /// starting with "-" or trailing off with "...".</summary>
    public const int MinLinesForLineRatios = 3;

    internal static readonly Limits EnglishDefaults = new(50, 100_000, 3, 10, 0.1, 0.1, 0.9, 0.3, 0.8, 2, 0);
    internal static readonly Limits KoreanDefaults = new(30, 65_000, 1.8, 8, 0.1, 0.1, 0.9, 0.3, 0.791, 2, 0.30);

    private readonly QualityRuleTable _rules;

    /// <summary>Creates the filter.</summary>
    public GopherQualityFilter(GopherQualityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _rules = Rules(Limits.Resolve(options.English, EnglishDefaults), Limits.Resolve(options.Korean, KoreanDefaults));
    }

    /// <summary>The options in effect.</summary>
    public GopherQualityOptions Options { get; }

    /// <inheritdoc />
    public override string Id => "quality.gopher";

    QualityRuleTable IQualityRules.QualityRules => _rules;

    /// <inheritdoc />
    protected override Verdict Evaluate(Document document, StageStats stats) => _rules.Evaluate(QualityInput.Of(document));

    // The rules in the order they are checked. Mixed Korean/English documents take the looser word-count and
    // word-length bounds, and pass the stop-word rule on English stop words or Korean case particles.
    private static QualityRuleTable Rules(Limits en, Limits ko) => new(perLanguage: true,
        new(TooFewWords, "minWords", "words", QualityRuleKind.Count, QualityComparison.Below, en.MinWords, ko.MinWords,
            static (in x) => x.A.NonSymbolWords) { Mixed = MixedLanguageRule.LooserThreshold },
        new(TooManyWords, "maxWords", "words", QualityRuleKind.Count, QualityComparison.Above, en.MaxWords, ko.MaxWords,
            static (in x) => x.A.NonSymbolWords),
        new(ShortMeanWordLength, "minMeanWordLength", "mean_word_length", QualityRuleKind.Ratio, QualityComparison.Below,
            en.MinMeanWordLength, ko.MinMeanWordLength, MeanWordLength) { Mixed = MixedLanguageRule.LooserThreshold },
        new(LongMeanWordLength, "maxMeanWordLength", "mean_word_length", QualityRuleKind.Ratio, QualityComparison.Above,
            en.MaxMeanWordLength, ko.MaxMeanWordLength, MeanWordLength) { Mixed = MixedLanguageRule.LooserThreshold },
        new(TooManyHashes, "maxHashToWordRatio", "hash_ratio", QualityRuleKind.Ratio, QualityComparison.Above,
            en.MaxHashToWordRatio, ko.MaxHashToWordRatio, static (in x) => (double)x.A.HashChars / x.A.NonSymbolWords),
        new(TooManyEllipses, "maxEllipsisToWordRatio", "ellipsis_ratio", QualityRuleKind.Ratio, QualityComparison.Above,
            en.MaxEllipsisToWordRatio, ko.MaxEllipsisToWordRatio, static (in x) => (double)x.A.Ellipses / x.A.NonSymbolWords),
        new(TooManyBulletLines, "maxBulletLineRatio", "bullet_lines", QualityRuleKind.Fraction, QualityComparison.Above,
            en.MaxBulletLineRatio, ko.MaxBulletLineRatio,
            static (in x) => x.A.LineCount >= MinLinesForLineRatios ? (double)x.A.BulletLines / x.A.LineCount : null),
        new(TooManyEllipsisLines, "maxEllipsisLineRatio", "ellipsis_lines", QualityRuleKind.Fraction, QualityComparison.Above,
            en.MaxEllipsisLineRatio, ko.MaxEllipsisLineRatio,
            static (in x) => x.A.LineCount >= MinLinesForLineRatios ? (double)x.A.EllipsisLines / x.A.LineCount : null),
        new(TooFewAlphaWords, "minAlphaWordRatio", "alpha_words", QualityRuleKind.Fraction, QualityComparison.Below,
            en.MinAlphaWordRatio, ko.MinAlphaWordRatio, static (in x) => x.A.WordCount == 0 ? 0 : (double)x.A.AlphaWords / x.A.WordCount),
        new(TooFewStopWords, "minStopWords", "stop_words", QualityRuleKind.Count, QualityComparison.Below, en.MinStopWords, ko.MinStopWords,
            static (in x) => x.Korean ? BitOperations.PopCount((uint)x.A.CaseParticleMask) : x.A.EnglishStopWords)
        {
            KoreanMeasured = "case_particles",
            Mixed = MixedLanguageRule.EitherLanguage,
        },
        new(TooFewParticles, "minParticleRatio", "particle_ratio", QualityRuleKind.Fraction, QualityComparison.Below,
            en.MinParticleRatio, ko.MinParticleRatio, static (in x) => x.A.HangulWords > 0 ? (double)x.A.ParticleWords / x.A.HangulWords : null));

    private static double? MeanWordLength(in QualityInput x) =>
        x.A.NonSymbolWords == 0 ? null : (double)x.A.NonSymbolCoreChars / x.A.NonSymbolWords;

    internal readonly record struct Limits(
        int MinWords, int MaxWords, double MinMeanWordLength, double MaxMeanWordLength,
        double MaxHashToWordRatio, double MaxEllipsisToWordRatio, double MaxBulletLineRatio, double MaxEllipsisLineRatio,
        double MinAlphaWordRatio, int MinStopWords, double MinParticleRatio)
    {
        public GopherQualityThresholds ToThresholds() => new()
        {
            MinWords = MinWords, MaxWords = MaxWords, MinMeanWordLength = MinMeanWordLength, MaxMeanWordLength = MaxMeanWordLength,
            MaxHashToWordRatio = MaxHashToWordRatio, MaxEllipsisToWordRatio = MaxEllipsisToWordRatio,
            MaxBulletLineRatio = MaxBulletLineRatio, MaxEllipsisLineRatio = MaxEllipsisLineRatio,
            MinAlphaWordRatio = MinAlphaWordRatio, MinStopWords = MinStopWords, MinParticleRatio = MinParticleRatio,
        };

        public static Limits Resolve(GopherQualityThresholds t, Limits d) => new(
            t.MinWords ?? d.MinWords, t.MaxWords ?? d.MaxWords,
            t.MinMeanWordLength ?? d.MinMeanWordLength, t.MaxMeanWordLength ?? d.MaxMeanWordLength,
            t.MaxHashToWordRatio ?? d.MaxHashToWordRatio, t.MaxEllipsisToWordRatio ?? d.MaxEllipsisToWordRatio,
            t.MaxBulletLineRatio ?? d.MaxBulletLineRatio, t.MaxEllipsisLineRatio ?? d.MaxEllipsisLineRatio,
            t.MinAlphaWordRatio ?? d.MinAlphaWordRatio, t.MinStopWords ?? d.MinStopWords, t.MinParticleRatio ?? d.MinParticleRatio);
    }
}
