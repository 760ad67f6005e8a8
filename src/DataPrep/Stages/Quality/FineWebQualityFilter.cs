using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>
/// FineWeb's own line rules: too few lines ending in punctuation, too many short lines, characters in
/// duplicated lines, and too many newlines per word (lists and menus).
/// </summary>
/// <remarks>
/// <para>Source: Penedo et al. 2024, "The FineWeb Datasets" §3.3 (custom filters), as implemented by
/// datatrove's <c>FineWebQualityFilter</c>. English defaults are FineWeb's: ≥ 12% of lines end in
/// terminal punctuation, ≤ 67% of lines are 30 characters or shorter, ≤ 1% of characters (newlines
/// excluded) sit in duplicated lines, ≤ 0.3 newlines per word.</para>
/// <para>Korean: FineWeb-2's <c>kor_Hang</c> halves the punctuation threshold to 0.062; lines ending in a
/// sentence-final ending (다, 요, 까, …) count as terminated here, which FineWeb-2 did not do, so the
/// threshold is lenient. A short line is 15 characters or fewer in Korean: a Hangul syllable carries about
/// twice the content of a Latin letter (o200k spends 0.58 tokens per Korean character against about 0.25
/// per English one), and FineWeb-2 kept the English 30, which flags normal Korean headings and list
/// items of 4–6 eojeols. FineWeb-2's newline ratio 0.196 is per Kiwi morpheme; an eojeol holds about two
/// morphemes, so the per-eojeol default is 0.4.</para>
/// </remarks>
[Stage("FineWebQuality", typeof(FineWebQualityOptions), Family = 1,
    Description = "FineWeb line rules: terminal-punctuation lines, short lines, duplicated-line characters, newlines per word.")]
public sealed class FineWebQualityFilter : FilterStage, IQualityRules
{
    /// <summary>The document has no non-blank line.</summary>
    public static readonly RejectionReason Empty = new("quality.fineweb.empty", "No non-blank line.");

    /// <summary>Too few lines end in terminal punctuation.</summary>
    public static readonly RejectionReason LinePunctuation = new("quality.fineweb.line_punctuation", "Fraction of lines ending in terminal punctuation below minTerminalLineRatio.");

    /// <summary>Too many short lines.</summary>
    public static readonly RejectionReason ShortLines = new("quality.fineweb.short_lines", "Fraction of lines of at most shortLineLength characters above maxShortLineRatio.");

    /// <summary>Too many characters in duplicated lines.</summary>
    public static readonly RejectionReason DuplicateLineChars = new("quality.fineweb.duplicate_line_chars", "Fraction of characters in duplicate lines above maxDuplicateLineCharRatio.");

    /// <summary>Too many newlines per word.</summary>
    public static readonly RejectionReason NewlineRatio = new("quality.fineweb.newline_ratio", "Newlines per word above maxNewlineToWordRatio (lists, menus).");

    internal static readonly Limits EnglishDefaults = new(0.12, 30, 0.67, 0.01, 0.3);
    internal static readonly Limits KoreanDefaults = new(0.062, 15, 0.67, 0.01, 0.4);

    private readonly QualityRuleTable _rules;

    /// <summary>Creates the filter.</summary>
    public FineWebQualityFilter(FineWebQualityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _rules = Rules(Limits.Resolve(options.English, EnglishDefaults), Limits.Resolve(options.Korean, KoreanDefaults));
    }

    /// <summary>The options in effect.</summary>
    public FineWebQualityOptions Options { get; }

    /// <inheritdoc />
    public override string Id => "quality.fineweb";

    QualityRuleTable IQualityRules.QualityRules => _rules;

    /// <inheritdoc />
    protected override Verdict Evaluate(Document document, StageStats stats) => _rules.Evaluate(QualityInput.Of(document));

    // The rules in the order they are checked; a document without a non-blank line is rejected first.
    private static QualityRuleTable Rules(Limits en, Limits ko) => new(perLanguage: true,
        QualityRule.Flag(Empty, "(no non-blank line)", static (in x) => x.A.LineCount == 0 ? 1 : 0),
        new(LinePunctuation, "minTerminalLineRatio", "terminal_lines", QualityRuleKind.Fraction, QualityComparison.Below,
            en.MinTerminalLineRatio, ko.MinTerminalLineRatio,
            static (in x) => x.A.LineCount == 0 ? null : x.A.FineWebTerminalLines / (double)x.A.LineCount),
        new(ShortLines, "maxShortLineRatio", "short_lines", QualityRuleKind.Fraction, QualityComparison.Above,
            en.MaxShortLineRatio, ko.MaxShortLineRatio, (in x) => ShortLineRatio(x.A, (x.Korean ? ko : en).ShortLineLength)),
        new(DuplicateLineChars, "maxDuplicateLineCharRatio", "duplicate_line_chars", QualityRuleKind.Fraction, QualityComparison.Above,
            en.MaxDuplicateLineCharRatio, ko.MaxDuplicateLineCharRatio, static (in x) =>
            {
                var nonNewline = x.A.Length - x.A.Newlines;
                return x.A.LineCount == 0 ? null : nonNewline == 0 ? 0 : (double)x.A.DuplicateLineChars / nonNewline;
            }),
        new(NewlineRatio, "maxNewlineToWordRatio", "newlines_per_word", QualityRuleKind.Ratio, QualityComparison.Above,
            en.MaxNewlineToWordRatio, ko.MaxNewlineToWordRatio,
            static (in x) => x.A.LineCount == 0 ? null : x.A.WordCount == 0 ? double.PositiveInfinity : (double)x.A.Newlines / x.A.WordCount));

    private static double? ShortLineRatio(DocumentAnalysis a, int shortLineLength)
    {
        if (a.LineCount == 0)
        {
            return null;
        }
        var count = 0;
        foreach (ref readonly var line in a.Lines)
        {
            if (line.Length <= shortLineLength)
            {
                count++;
            }
        }
        return count / (double)a.LineCount;
    }

    internal readonly record struct Limits(
        double MinTerminalLineRatio, int ShortLineLength, double MaxShortLineRatio, double MaxDuplicateLineCharRatio, double MaxNewlineToWordRatio)
    {
        public FineWebQualityThresholds ToThresholds() => new()
        {
            MinTerminalLineRatio = MinTerminalLineRatio, ShortLineLength = ShortLineLength, MaxShortLineRatio = MaxShortLineRatio,
            MaxDuplicateLineCharRatio = MaxDuplicateLineCharRatio, MaxNewlineToWordRatio = MaxNewlineToWordRatio,
        };

        public static Limits Resolve(FineWebQualityThresholds t, Limits d) => new(
            t.MinTerminalLineRatio ?? d.MinTerminalLineRatio, t.ShortLineLength ?? d.ShortLineLength,
            t.MaxShortLineRatio ?? d.MaxShortLineRatio, t.MaxDuplicateLineCharRatio ?? d.MaxDuplicateLineCharRatio,
            t.MaxNewlineToWordRatio ?? d.MaxNewlineToWordRatio);
    }
}
