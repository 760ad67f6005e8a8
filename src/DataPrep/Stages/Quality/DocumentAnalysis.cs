using DataPrep.Documents;

namespace DataPrep.Stages.Quality;

/// <summary>
/// Everything the heuristic quality rules measure on one document, computed in one pass over the
/// text and shared by every quality stage (the last analysis is cached per thread and reused while
/// the text is the same string instance). Buffers are reused, so the steady state allocates nothing.
/// Repetition statistics (hashing words, lines and n-grams) are computed on first use only.
/// </summary>
internal sealed partial class DocumentAnalysis
{
    /// <summary>Words longer than this make a C4 line invalid (C4 / datatrove <c>max_word_length</c>).</summary>
    public const int LongWordLength = 1000;

    [ThreadStatic]
    private static DocumentAnalysis? t_current;

    private WordSpan[] _words = new WordSpan[256];
    private LineSpan[] _lines = new LineSpan[64];

    private DocumentAnalysis()
    {
    }

    /// <summary>The analysis of <paramref name="text"/>, reusing this thread's last one when it is the same string.</summary>
    public static DocumentAnalysis Of(string text) => Of(text.AsMemory(), document: null);

    /// <summary>
    /// The analysis of <paramref name="document"/>'s text, reusing this thread's last one when it is the same text.
    /// The text is read through <see cref="DocumentChars"/>, so a document that arrived as UTF-8 is never made a string.
    /// </summary>
    public static DocumentAnalysis Of(Document document) => Of(DocumentChars.Of(document), document);

    private static DocumentAnalysis Of(ReadOnlyMemory<char> text, Document? document)
    {
        var analysis = t_current ??= new DocumentAnalysis();
        // The same memory alone is not enough: a thread's decode buffer holds one document after another.
        if (!analysis._text.Equals(text) || !ReferenceEquals(analysis._document, document)
            || (document is not null && analysis._documentVersion != document.TextVersion))
        {
            analysis._document = document;
            analysis._documentVersion = document?.TextVersion ?? 0;
            analysis._text = text;
            analysis.Analyze(text.Span);
        }
        return analysis;
    }

    private ReadOnlyMemory<char> _text;
    private Document? _document;
    private int _documentVersion;

    /// <summary>The analysed text; valid while this analysis is the thread's current one.</summary>
    public ReadOnlySpan<char> Text => _text.Span;

    public int Length => _text.Length;

    public int WordCount { get; private set; }

    public int LineCount { get; private set; }

    public ReadOnlySpan<WordSpan> Words => _words.AsSpan(0, WordCount);

    public ReadOnlySpan<LineSpan> Lines => _lines.AsSpan(0, LineCount);

    // Word-level counts.
    public int NonSymbolWords;
    public long NonSymbolCoreChars;
    public int HangulNonSymbolWords;
    public long HangulCoreChars;
    public int LatinNonSymbolWords;
    public long LatinCoreChars;
    public int AlphaWords;
    public int EnglishStopWords;
    public int HangulWords;
    public int LatinOnlyWords;
    public int ParticleWords;
    public int CaseParticleMask;

    // Character-level counts.
    public int Newlines;
    public int WhitespaceChars;
    public int HashChars;
    public int Ellipses;
    public int CurlyBrackets;
    public int HangulSyllables;
    public int CompatibilityJamo;
    public int LatinLetters;
    public int HanLetters;
    public int KanaLetters;
    public int CyrillicLetters;
    public int Letters;
    public int Digits;
    public int ReplacementChars;
    public int MojibakeChars;

    // Line-level counts.
    public int TerminalLines;
    public int FineWebTerminalLines;
    public int EllipsisLines;
    public int BulletLines;
    public int ParagraphCount;

    public int NonWhitespaceChars => Length - WhitespaceChars;

    /// <summary>Share of Hangul eojeols among eojeols with letters of either script; 0 without letters.</summary>
    public double HangulWordShare => HangulWords + LatinOnlyWords == 0 ? 0 : (double)HangulWords / (HangulWords + LatinOnlyWords);
}
