using System.Globalization;
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
public sealed class GopherQualityFilter : FilterStage
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

    private readonly Limits _english;
    private readonly Limits _korean;

    /// <summary>Creates the filter.</summary>
    public GopherQualityFilter(GopherQualityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _english = Limits.Resolve(options.English, EnglishDefaults);
        _korean = Limits.Resolve(options.Korean, KoreanDefaults);
    }

    /// <summary>The options in effect.</summary>
    public GopherQualityOptions Options { get; }

    /// <inheritdoc />
    public override string Id => "quality.gopher";

    /// <inheritdoc />
    protected override Verdict Evaluate(Document document, StageStats stats)
    {
        var a = DocumentAnalysis.Of(document.Text);
        var profile = QualityProfile.Of(document, a);
        var limits = profile.Korean ? _korean : _english;
        var minWords = profile.Mixed ? Math.Min(_english.MinWords, _korean.MinWords) : limits.MinWords;
        var minLength = profile.Mixed ? Math.Min(_english.MinMeanWordLength, _korean.MinMeanWordLength) : limits.MinMeanWordLength;
        var maxLength = profile.Mixed ? Math.Max(_english.MaxMeanWordLength, _korean.MaxMeanWordLength) : limits.MaxMeanWordLength;

        var words = a.NonSymbolWords;
        if (words < minWords)
        {
            return Verdict.Reject(TooFewWords, Detail("words", words, "<", minWords));
        }
        if (words > limits.MaxWords)
        {
            return Verdict.Reject(TooManyWords, Detail("words", words, ">", limits.MaxWords));
        }
        var meanLength = (double)a.NonSymbolCoreChars / words;
        if (meanLength < minLength)
        {
            return Verdict.Reject(ShortMeanWordLength, Detail("mean_word_length", meanLength, "<", minLength));
        }
        if (meanLength > maxLength)
        {
            return Verdict.Reject(LongMeanWordLength, Detail("mean_word_length", meanLength, ">", maxLength));
        }
        var hashRatio = (double)a.HashChars / words;
        if (hashRatio > limits.MaxHashToWordRatio)
        {
            return Verdict.Reject(TooManyHashes, Detail("hash_ratio", hashRatio, ">", limits.MaxHashToWordRatio));
        }
        var ellipsisRatio = (double)a.Ellipses / words;
        if (ellipsisRatio > limits.MaxEllipsisToWordRatio)
        {
            return Verdict.Reject(TooManyEllipses, Detail("ellipsis_ratio", ellipsisRatio, ">", limits.MaxEllipsisToWordRatio));
        }
        if (a.LineCount >= MinLinesForLineRatios)
        {
            var bulletRatio = (double)a.BulletLines / a.LineCount;
            if (bulletRatio > limits.MaxBulletLineRatio)
            {
                return Verdict.Reject(TooManyBulletLines, Detail("bullet_lines", bulletRatio, ">", limits.MaxBulletLineRatio));
            }
            var ellipsisLines = (double)a.EllipsisLines / a.LineCount;
            if (ellipsisLines > limits.MaxEllipsisLineRatio)
            {
                return Verdict.Reject(TooManyEllipsisLines, Detail("ellipsis_lines", ellipsisLines, ">", limits.MaxEllipsisLineRatio));
            }
        }
        var alphaRatio = a.WordCount == 0 ? 0 : (double)a.AlphaWords / a.WordCount;
        if (alphaRatio < limits.MinAlphaWordRatio)
        {
            return Verdict.Reject(TooFewAlphaWords, Detail("alpha_words", alphaRatio, "<", limits.MinAlphaWordRatio));
        }

        var particleClasses = System.Numerics.BitOperations.PopCount((uint)a.CaseParticleMask);
        var stopOk = profile.Mixed
            ? a.EnglishStopWords >= _english.MinStopWords || particleClasses >= _korean.MinStopWords
            : profile.Korean ? particleClasses >= limits.MinStopWords : a.EnglishStopWords >= limits.MinStopWords;
        if (!stopOk)
        {
            return profile.Korean
                ? Verdict.Reject(TooFewStopWords, Detail("case_particles", particleClasses, "<", limits.MinStopWords))
                : Verdict.Reject(TooFewStopWords, Detail("stop_words", a.EnglishStopWords, "<", limits.MinStopWords));
        }
        if (limits.MinParticleRatio > 0 && a.HangulWords > 0)
        {
            var particleRatio = (double)a.ParticleWords / a.HangulWords;
            if (particleRatio < limits.MinParticleRatio)
            {
                return Verdict.Reject(TooFewParticles, Detail("particle_ratio", particleRatio, "<", limits.MinParticleRatio));
            }
        }
        return Verdict.Keep;
    }

    internal static string Detail(string name, double value, string op, double limit) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}={value:0.###}{op}{limit:0.###}");

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
