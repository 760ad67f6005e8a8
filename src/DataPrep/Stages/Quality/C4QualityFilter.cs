using System.Buffers;
using System.Text;
using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>
/// C4's clean-up rules. Each line is checked (terminal punctuation, at least 3 words, no word over 1,000
/// characters, no "javascript", no policy boilerplate); a document is rejected when it contains
/// "lorem ipsum" or a '{', or when fewer than 5 sentences survive. By default the text is left as is
/// (a filter); with <c>removeLines</c> the text is rewritten to the surviving lines, as C4 did. Citation markers
/// (<c>[1]</c>, <c>[edit]</c>, <c>[citation needed]</c>, Korean <c>[편집]</c>) do not hide a line's terminal punctuation
/// and are removed from rewritten lines (<c>removeCitations</c>).
/// </summary>
/// <remarks>
/// <para>Source: Raffel et al. 2020, "Exploring the Limits of Transfer Learning with a Unified
/// Text-to-Text Transformer", §2.2 (C4), as implemented by TFDS <c>c4_utils</c> and datatrove's
/// <c>C4QualityFilter</c>, whose rule order this follows (lorem ipsum and '{' are only looked for in
/// lines that passed the earlier line rules). Defaults are C4's: 3 words per line, 5 sentences,
/// 1,000-character words, terminal punctuation <c>. ? ! " '</c> without a trailing ellipsis.</para>
/// <para>Why filter-only by default: the other quality rules and deduplication measure the text as it
/// came; silently deleting lines from kept documents makes "why does this output differ from the input"
/// unanswerable from the rejects file. Set <c>removeLines: true</c> for C4's behaviour. Line drops are
/// counted as <c>lines.dropped.&lt;rule&gt;</c> either way.</para>
/// <para>Korean: a line ending in a sentence-final ending (다, 요, 까, 죠, 네, 음, 함, 임, 됨) or in Korean/CJK
/// closing quotes counts as terminated; words are eojeols; sentences are counted from '.', '!', '?'
/// followed by a space, plus one for a line closed by an ending. Policy phrases include the Korean
/// boilerplate of web footers (이용약관, 개인정보처리방침, 무단전재, 재배포 금지).</para>
/// </remarks>
[Stage("C4Quality", typeof(C4QualityOptions), Family = 1,
    Description = "C4 rules: terminal punctuation, short lines, javascript/policy lines, lorem ipsum, '{', minimum sentences; Korean endings count as terminal.")]
public sealed class C4QualityFilter : DocumentStage, IQualityRules
{
    /// <summary>The document contains "lorem ipsum".</summary>
    public static readonly RejectionReason LoremIpsum = new("quality.c4.lorem_ipsum", "Contains 'lorem ipsum' placeholder text.");

    /// <summary>The document contains a curly bracket.</summary>
    public static readonly RejectionReason CurlyBracket = new("quality.c4.curly_bracket", "Contains '{' in a line that passed the line rules (code or templates).");

    /// <summary>Too few sentences survive the line rules.</summary>
    public static readonly RejectionReason TooFewSentences = new("quality.c4.too_few_sentences", "Fewer than minSentences sentences in the lines that pass the line rules.");

    private static readonly string[] s_englishPolicy =
        ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"];

    private static readonly string[] s_koreanPolicy =
        ["이용약관", "개인정보처리방침", "개인정보 처리방침", "개인정보취급방침", "무단전재", "무단 전재", "재배포 금지", "재배포금지"];

    // One ASCII case-insensitive pass over the document finds any of C4's English phrases (vectorised);
    // Hangul has no case, so the Korean phrases use ordinal searches, and only on text with Hangul.
    private static readonly SearchValues<string> s_anyEnglish =
        SearchValues.Create([.. s_englishPolicy, "javascript", "lorem ipsum"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> s_englishPolicySearch = SearchValues.Create(s_englishPolicy, StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> s_javascript = SearchValues.Create(["javascript"], StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> s_lorem = SearchValues.Create(["lorem ipsum"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Creates the filter.</summary>
    public C4QualityFilter(C4QualityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _rules = new QualityRuleTable(perLanguage: false,
            QualityRule.Flag(LoremIpsum, "filterLoremIpsum", (in x) => Probe.Code(x.Document) == LoremIpsum.Code ? 1 : 0),
            QualityRule.Flag(CurlyBracket, "filterCurlyBracket", (in x) => Probe.Code(x.Document) == CurlyBracket.Code ? 1 : 0),
            new(TooFewSentences, "minSentences", "sentences", QualityRuleKind.Count, QualityComparison.Below, options.MinSentences, options.MinSentencesKorean,
                (in x) => Probe.Code(x.Document) == TooFewSentences.Code ? Probe.Sentences : null)
            {
                KoreanOption = "minSentencesKorean",
            });
    }

    // C4's rules are decided inside its line loop (Evaluate); the what-if report measures them through a probe.
    private readonly QualityRuleTable _rules;
    private C4QualityProbe? _probe;

    private C4QualityProbe Probe => _probe ??= new C4QualityProbe(Options);

    QualityRuleTable IQualityRules.QualityRules => _rules;

    /// <summary>The options in effect.</summary>
    public C4QualityOptions Options { get; }

    /// <inheritdoc />
    public override string Id => "quality.c4";

    /// <inheritdoc />
    protected override Verdict Evaluate(Document document, StageContext context)
    {
        var o = Options;
        var a = DocumentAnalysis.Of(document);
        var text = a.Text;
        var anyEnglish = text.IndexOfAny(s_anyEnglish) >= 0;
        var hasLorem = anyEnglish && o.FilterLoremIpsum && text.IndexOfAny(s_lorem) >= 0;
        var hasJavascript = anyEnglish && o.FilterJavascript && text.IndexOfAny(s_javascript) >= 0;
        var hasEnglishPolicy = anyEnglish && o.FilterPolicy && text.IndexOfAny(s_englishPolicySearch) >= 0;
        var hasKoreanPolicy = o.FilterPolicy && a.HangulSyllables > 0 && ContainsAny(text, s_koreanPolicy);
        var hasCurly = o.FilterCurlyBracket && a.CurlyBrackets > 0;

        int citations = 0, longWord = 0, noTerminal = 0, fewWords = 0, javascript = 0, policy = 0, kept = 0, sentences = 0;
        StringBuilder? rewritten = o.RemoveLines ? new StringBuilder(text.Length) : null;
        foreach (ref readonly var line in a.Lines)
        {
            var content = text.Slice(line.Start, line.Length);
            if ((line.Flags & LineFlags.HasLongWord) != 0)
            {
                longWord++;
                continue;
            }
            if (o.FilterNoTerminalPunctuation && (line.Flags & LineFlags.Terminal) == 0 && !TerminalBeforeCitations(content))
            {
                noTerminal++;
                continue;
            }
            if (line.Words < o.MinWordsPerLine)
            {
                fewWords++;
                continue;
            }
            if (hasLorem && content.IndexOfAny(s_lorem) >= 0)
            {
                return Verdict.Reject(LoremIpsum, "line=lorem_ipsum");
            }
            if (hasJavascript && content.IndexOfAny(s_javascript) >= 0)
            {
                javascript++;
                continue;
            }
            if (hasCurly && content.Contains('{'))
            {
                return Verdict.Reject(CurlyBracket, "line='{'");
            }
            if ((hasEnglishPolicy && content.IndexOfAny(s_englishPolicySearch) >= 0)
                || (hasKoreanPolicy && ContainsAny(content, s_koreanPolicy)))
            {
                policy++;
                continue;
            }
            sentences += line.Sentences;
            kept++;
            if (rewritten is not null)
            {
                if (rewritten.Length > 0)
                {
                    rewritten.Append('\n');
                }
                citations += o.RemoveCitations ? CitationMarkers.AppendWithout(rewritten, content) : 0;
                if (!o.RemoveCitations)
                {
                    rewritten.Append(content);
                }
            }
        }

        var stats = context.Stats;
        Count(stats, "lines.dropped.long_word", longWord);
        Count(stats, "lines.dropped.no_terminal_punctuation", noTerminal);
        Count(stats, "lines.dropped.too_few_words", fewWords);
        Count(stats, "lines.dropped.javascript", javascript);
        Count(stats, "lines.dropped.policy", policy);
        Count(stats, "citations.removed", citations);

        var enough = _rules.Rules[^1].Check(sentences, QualityProfile.Of(document, a).Korean);
        if (!enough.IsKept)
        {
            return enough;
        }
        if (rewritten is not null && (kept < a.LineCount || citations > 0))
        {
            document.Text = rewritten.ToString();
        }
        return Verdict.Keep;
    }

    // C4 removes citation markers before its punctuation check, so "…was founded in 1910.[3]" ends a sentence.
    private bool TerminalBeforeCitations(ReadOnlySpan<char> line)
    {
        if (!Options.RemoveCitations || line.Length == 0 || line[^1] != ']')
        {
            return false;
        }
        var trimmed = CitationMarkers.TrimTrailing(line);
        return trimmed.Length > 0 && trimmed.Length < line.Length && DocumentAnalysis.IsTerminal(trimmed);
    }

    // A few vectorised single-phrase searches beat one multi-phrase search when the phrases are not ASCII.
    private static bool ContainsAny(ReadOnlySpan<char> text, string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (text.IndexOf(phrase, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    private static void Count(StageStats stats, string key, int value)
    {
        if (value > 0)
        {
            stats.Increment(key, value);
        }
    }
}
