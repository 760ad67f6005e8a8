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
public sealed class FineWebQualityFilter : FilterStage
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

    private readonly Limits _english;
    private readonly Limits _korean;

    /// <summary>Creates the filter.</summary>
    public FineWebQualityFilter(FineWebQualityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _english = Limits.Resolve(options.English, EnglishDefaults);
        _korean = Limits.Resolve(options.Korean, KoreanDefaults);
    }

    /// <summary>The options in effect.</summary>
    public FineWebQualityOptions Options { get; }

    /// <inheritdoc />
    public override string Id => "quality.fineweb";

    /// <inheritdoc />
    protected override Verdict Evaluate(Document document, StageStats stats)
    {
        var a = DocumentAnalysis.Of(document.Text);
        if (a.LineCount == 0)
        {
            return Empty;
        }
        var limits = QualityProfile.Of(document, a).Korean ? _korean : _english;
        double lines = a.LineCount;
        var terminal = a.FineWebTerminalLines / lines;
        if (terminal < limits.MinTerminalLineRatio)
        {
            return Verdict.Reject(LinePunctuation, GopherQualityFilter.Detail("terminal_lines", terminal, "<", limits.MinTerminalLineRatio));
        }
        var shortLines = 0;
        foreach (ref readonly var line in a.Lines)
        {
            if (line.Length <= limits.ShortLineLength)
            {
                shortLines++;
            }
        }
        var shortRatio = shortLines / lines;
        if (shortRatio > limits.MaxShortLineRatio)
        {
            return Verdict.Reject(ShortLines, GopherQualityFilter.Detail("short_lines", shortRatio, ">", limits.MaxShortLineRatio));
        }
        var nonNewline = a.Length - a.Newlines;
        var duplicate = nonNewline == 0 ? 0 : (double)a.DuplicateLineChars / nonNewline;
        if (duplicate > limits.MaxDuplicateLineCharRatio)
        {
            return Verdict.Reject(DuplicateLineChars, GopherQualityFilter.Detail("duplicate_line_chars", duplicate, ">", limits.MaxDuplicateLineCharRatio));
        }
        var newlineRatio = a.WordCount == 0 ? double.PositiveInfinity : (double)a.Newlines / a.WordCount;
        if (newlineRatio > limits.MaxNewlineToWordRatio)
        {
            return Verdict.Reject(NewlineRatio, GopherQualityFilter.Detail("newlines_per_word", newlineRatio, ">", limits.MaxNewlineToWordRatio));
        }
        return Verdict.Keep;
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
