using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DataPrep.Text;

namespace DataPrep.Stages.Quality;

/// <summary>Per-word facts the quality rules share.</summary>
[Flags]
internal enum WordFlags : byte
{
    None = 0,
    HasLetter = 1,
    HasHangul = 2,
    HasLatin = 4,
    HasDigit = 8,
    EnglishStopWord = 16,
    KoreanParticle = 32,
}

/// <summary>Per-line facts the quality rules share.</summary>
[Flags]
internal enum LineFlags : byte
{
    None = 0,
    Terminal = 1,
    EndsWithEllipsis = 2,
    StartsWithBullet = 4,
    HasLongWord = 8,
    NewParagraph = 16,
}

/// <summary>A whitespace-separated token: an English word with its punctuation, or a Korean eojeol.
/// The core drops leading and trailing punctuation and symbols.</summary>
[StructLayout(LayoutKind.Auto)]
internal struct WordSpan
{
    public int Start;
    public int Length;
    public int CoreStart;
    public int CoreLength;
    public WordFlags Flags;
}

/// <summary>A non-blank line, trimmed, with its word and sentence counts.</summary>
[StructLayout(LayoutKind.Auto)]
internal struct LineSpan
{
    public int Start;
    public int Length;
    public int FirstWord;
    public int Words;
    public int Sentences;
    public LineFlags Flags;
}

/// <summary>
/// Everything the heuristic quality rules measure on one document, computed in one pass over the
/// text and shared by every quality stage (the last analysis is cached per thread and reused while
/// the text is the same string instance). Buffers are reused, so the steady state allocates nothing.
/// Repetition statistics (hashing words, lines and n-grams) are computed on first use only.
/// </summary>
internal sealed class DocumentAnalysis
{
    /// <summary>Words longer than this make a C4 line invalid (C4 / datatrove <c>max_word_length</c>).</summary>
    public const int LongWordLength = 1000;

    [ThreadStatic]
    private static DocumentAnalysis? t_current;

    private WordSpan[] _words = new WordSpan[256];
    private LineSpan[] _lines = new LineSpan[64];
    private ulong[] _wordHashes = new ulong[256];
    private ulong[] _bigramHashes = new ulong[256];
    private bool _bigramsDone;
    private ulong[] _lineHashes = new ulong[64];
    private int[] _cumulativeCoreLength = new int[257];
    private bool _repetitionDone;
    private HashCounter? _table;

    private DocumentAnalysis()
    {
    }

    /// <summary>The analysis of <paramref name="text"/>, reusing this thread's last one when it is the same string.</summary>
    public static DocumentAnalysis Of(string text)
    {
        var analysis = t_current ??= new DocumentAnalysis();
        if (!ReferenceEquals(analysis.Text, text))
        {
            analysis.Analyze(text);
        }
        return analysis;
    }

    public string Text { get; private set; } = null!;

    public int Length => Text.Length;

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

    // Repetition (lazy).
    private int _duplicateLines;
    private long _duplicateLineChars;
    private int _duplicateParagraphs;
    private long _duplicateParagraphChars;

    public int NonWhitespaceChars => Length - WhitespaceChars;

    /// <summary>Share of Hangul eojeols among eojeols with letters of either script; 0 without letters.</summary>
    public double HangulWordShare => HangulWords + LatinOnlyWords == 0 ? 0 : (double)HangulWords / (HangulWords + LatinOnlyWords);

    private void Analyze(string text)
    {
        Text = text;
        WordCount = 0;
        LineCount = 0;
        _repetitionDone = false;
        NonSymbolWords = HangulNonSymbolWords = LatinNonSymbolWords = AlphaWords = EnglishStopWords = 0;
        NonSymbolCoreChars = HangulCoreChars = LatinCoreChars = 0;
        HangulWords = LatinOnlyWords = ParticleWords = CaseParticleMask = 0;
        TerminalLines = FineWebTerminalLines = EllipsisLines = BulletLines = ParagraphCount = 0;
        _pendingSentences = 0;

        // Character counters live in locals (registers) and are stored once at the end: this loop
        // runs once per character of every document and is most of the quality stages' cost.
        int whitespace = 0, newlines = 0, hashes = 0, curly = 0, ellipses = 0, hangul = 0, jamo = 0, latin = 0;
        int han = 0, kana = 0, cyrillic = 0, otherLetters = 0, digits = 0, replacement = 0, mojibake = 0;

        var span = text.AsSpan();
        var wordStart = -1;
        var wordFlags = WordFlags.None;
        var lineStart = -1;
        var lineEnd = 0;
        var lineFirstWord = 0;
        var lineSentences = 0;
        var lineHasLongWord = false;
        var newlinesSinceLine = 2; // the first line opens a paragraph
        var dotRun = 0;
        var previousMojibake = false;

        for (var i = 0; i <= span.Length; i++)
        {
            char c;
            bool isSpace;
            var isHangul = false;
            if (i < span.Length)
            {
                c = span[i];
                // Hangul syllables, the common case of Korean text, skip the white-space test.
                isHangul = c >= 0xAC00 && c <= 0xD7A3;
                isSpace = !isHangul && (c < 0x80 ? c is ' ' or '\n' or '\t' or '\r' or '\f' or '\v' : c is '\u0085' or '\u00A0' or '\u1680' or (>= '\u2000' and <= '\u200A') or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000');
            }
            else
            {
                c = '\n';
                isSpace = true;
            }
            if (isSpace)
            {
                var isNewline = c == '\n';
                if (i < span.Length)
                {
                    whitespace++;
                }
                if (wordStart >= 0)
                {
                    if (i - wordStart > LongWordLength)
                    {
                        lineHasLongWord = true;
                    }
                    EndWord(span, wordStart, i, wordFlags);
                    wordStart = -1;
                    wordFlags = WordFlags.None;
                }
                if (isNewline)
                {
                    if (i < span.Length)
                    {
                        newlines++;
                    }
                    if (lineStart >= 0)
                    {
                        EndLine(span, lineStart, lineEnd, lineFirstWord, lineSentences, lineHasLongWord, newlinesSinceLine >= 2);
                        lineStart = -1;
                        newlinesSinceLine = 0;
                    }
                    newlinesSinceLine++;
                }
                dotRun = 0;
                previousMojibake = false;
                continue;
            }

            if (lineStart < 0)
            {
                lineStart = i;
                lineFirstWord = WordCount;
                lineSentences = 0;
                lineHasLongWord = false;
            }
            lineEnd = i + 1;
            if (wordStart < 0)
            {
                wordStart = i;
            }

            if (isHangul)
            {
                wordFlags |= WordFlags.HasLetter | WordFlags.HasHangul;
                // Consume the whole run of syllables here; the loop's i++ moves past it.
                var runEnd = i + 1;
                while (runEnd < span.Length && span[runEnd] >= 0xAC00 && span[runEnd] <= 0xD7A3)
                {
                    runEnd++;
                }
                hangul += runEnd - i;
                i = runEnd - 1;
                lineEnd = runEnd;
                dotRun = 0;
                previousMojibake = false;
                continue;
            }

            if (c < 0x80)
            {
                if ((uint)((c | 0x20) - 'a') <= 'z' - 'a')
                {
                    wordFlags |= WordFlags.HasLetter | WordFlags.HasLatin;
                    // Consume the run of ASCII letters here; the loop's i++ moves past it.
                    var runEnd = i + 1;
                    while (runEnd < span.Length && (uint)((span[runEnd] | 0x20) - 'a') <= 'z' - 'a')
                    {
                        runEnd++;
                    }
                    latin += runEnd - i;
                    i = runEnd - 1;
                    lineEnd = runEnd;
                    dotRun = 0;
                    previousMojibake = false;
                    continue;
                }
                else if ((uint)(c - '0') <= 9)
                {
                    wordFlags |= WordFlags.HasDigit;
                    digits++;
                }
                else
                {
                    switch (c)
                    {
                        case '#':
                            hashes++;
                            break;
                        case '{':
                            curly++;
                            break;
                        case '.':
                            if (++dotRun == 3)
                            {
                                ellipses++;
                                dotRun = 0;
                            }
                            if (IsSentenceEnd(span, i))
                            {
                                lineSentences++;
                            }
                            previousMojibake = false;
                            continue;
                        case '!' or '?':
                            if (IsSentenceEnd(span, i))
                            {
                                lineSentences++;
                            }
                            break;
                    }
                }
                dotRun = 0;
                previousMojibake = false;
                continue;
            }

            dotRun = 0;
            var mojibakeLike = IsMojibakeLike(c);
            if (mojibakeLike && previousMojibake)
            {
                mojibake++;
            }
            previousMojibake = mojibakeLike;
            if (c == '\uFFFD')
            {
                replacement++;
                continue;
            }
            if (c == '…')
            {
                ellipses++;
                continue;
            }
            switch (Scripts.Of(c))
            {
                case Script.Hangul:
                    wordFlags |= WordFlags.HasLetter | WordFlags.HasHangul;
                    if (Scripts.IsCompatibilityJamo(c))
                    {
                        jamo++;
                    }
                    else
                    {
                        otherLetters++;
                    }
                    break;
                case Script.Latin:
                    wordFlags |= WordFlags.HasLetter | WordFlags.HasLatin;
                    latin++;
                    break;
                case Script.Han:
                    han++;
                    wordFlags |= WordFlags.HasLetter;
                    break;
                case Script.Kana:
                    kana++;
                    wordFlags |= WordFlags.HasLetter;
                    break;
                case Script.Cyrillic:
                    cyrillic++;
                    wordFlags |= WordFlags.HasLetter;
                    break;
                case Script.Common:
                    if (char.IsDigit(c))
                    {
                        wordFlags |= WordFlags.HasDigit;
                        digits++;
                    }
                    else if (c is '。' or '！' or '？')
                    {
                        lineSentences++;
                    }
                    break;
                default:
                    wordFlags |= WordFlags.HasLetter;
                    otherLetters++;
                    break;
            }
        }

        WhitespaceChars = whitespace;
        Newlines = newlines;
        HashChars = hashes;
        CurlyBrackets = curly;
        Ellipses = ellipses;
        HangulSyllables = hangul;
        CompatibilityJamo = jamo;
        LatinLetters = latin;
        HanLetters = han;
        KanaLetters = kana;
        CyrillicLetters = cyrillic;
        Letters = hangul + jamo + latin + han + kana + cyrillic + otherLetters;
        Digits = digits;
        ReplacementChars = replacement;
        MojibakeChars = mojibake;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSentenceEnd(ReadOnlySpan<char> span, int i)
    {
        var next = i + 1 < span.Length ? span[i + 1] : '\n';
        return next is ' ' or '\n' or '\t' or '\r' or '"' or '\'' or '”' or '’' or ')';
    }

    // Characters that UTF-8 (or CP949) bytes turn into when decoded as Latin-1 / Windows-1252: the
    // Latin-1 supplement and the 1252 punctuation block. Two of them in a row are rare in real text
    // (Portuguese "ção" is the common exception) and make up most of a mis-decoded document.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsMojibakeLike(char c) =>
        (c >= 0x80 && c <= 0xFF && c != 0xA0 && c != 0xB7 && c != 0xAB && c != 0xBB)
        || c is '€' or '‚' or 'ƒ' or '„' or '†' or '‡' or 'ˆ' or '‰' or 'Š' or '‹' or 'Œ' or 'Ž' or 'š' or '›' or 'œ' or 'ž' or 'Ÿ' or '™';

    private void EndWord(ReadOnlySpan<char> span, int start, int end, WordFlags flags)
    {
        if (WordCount == _words.Length)
        {
            Array.Resize(ref _words, _words.Length * 2);
        }
        var coreStart = start;
        var coreEnd = end;
        while (coreStart < coreEnd && !IsWordChar(span[coreStart]))
        {
            coreStart++;
        }
        while (coreEnd > coreStart && !IsWordChar(span[coreEnd - 1]))
        {
            coreEnd--;
        }
        var core = span[coreStart..coreEnd];
        if (!core.IsEmpty)
        {
            NonSymbolWords++;
            NonSymbolCoreChars += core.Length;
            if ((flags & WordFlags.HasHangul) != 0)
            {
                HangulNonSymbolWords++;
                HangulCoreChars += core.Length;
            }
            else if ((flags & WordFlags.HasLatin) != 0)
            {
                LatinNonSymbolWords++;
                LatinCoreChars += core.Length;
            }
        }
        if ((flags & WordFlags.HasLetter) != 0)
        {
            AlphaWords++;
        }
        if ((flags & WordFlags.HasHangul) != 0)
        {
            HangulWords++;
            // An eojeol closing a Korean sentence without a period ("…있습니다 그래서") still ends a
            // sentence; with a period the '.' was counted already.
            if (coreEnd == end && KoreanText.EndsSentence(core))
            {
                _pendingSentences++;
            }
            if (KoreanText.EndsInParticle(core))
            {
                flags |= WordFlags.KoreanParticle;
                ParticleWords++;
            }
            var particleClass = KoreanText.CaseParticleClass(core);
            if (particleClass >= 0)
            {
                CaseParticleMask |= 1 << particleClass;
            }
        }
        else if ((flags & WordFlags.HasLatin) != 0)
        {
            LatinOnlyWords++;
            if (GopherStopWords.Contains(core))
            {
                flags |= WordFlags.EnglishStopWord;
                EnglishStopWords++;
            }
        }
        _words[WordCount++] = new WordSpan
        {
            Start = start,
            Length = end - start,
            CoreStart = coreStart,
            CoreLength = coreEnd - coreStart,
            Flags = flags,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordChar(char c) =>
        c < 0x80 ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 : char.IsLetterOrDigit(c);

    private void EndLine(ReadOnlySpan<char> span, int start, int end, int firstWord, int sentences, bool longWord, bool newParagraph)
    {
        if (LineCount == _lines.Length)
        {
            Array.Resize(ref _lines, _lines.Length * 2);
        }
        var line = span[start..end];
        var flags = LineFlags.None;
        sentences += _pendingSentences;
        _pendingSentences = 0;
        var endsWithEllipsis = line.EndsWith("...") || line[^1] == '…';
        if (endsWithEllipsis)
        {
            flags |= LineFlags.EndsWithEllipsis;
            EllipsisLines++;
        }
        if (IsTerminal(line))
        {
            flags |= LineFlags.Terminal;
            TerminalLines++;
            if (sentences == 0)
            {
                sentences = 1;
            }
        }
        // FineWeb counts a trailing ellipsis as punctuation; a paragraph-per-line text whose line holds
        // two or more sentences is prose even when its last sentence was cut off.
        if ((flags & (LineFlags.Terminal | LineFlags.EndsWithEllipsis)) != 0 || sentences >= 2)
        {
            FineWebTerminalLines++;
        }
        if (line[0] is '•' or '-' or '·' or '●' or '○' or '■' or '□' or '▪' or '▶' or '►' or '◦' or '‣')
        {
            flags |= LineFlags.StartsWithBullet;
            BulletLines++;
        }
        if (longWord)
        {
            flags |= LineFlags.HasLongWord;
        }
        if (newParagraph)
        {
            flags |= LineFlags.NewParagraph;
            ParagraphCount++;
        }
        _lines[LineCount++] = new LineSpan
        {
            Start = start,
            Length = end - start,
            FirstWord = firstWord,
            Words = WordCount - firstWord,
            Sentences = Math.Max(sentences, 1),
            Flags = flags,
        };
    }

    /// <summary>
    /// True when a line ends a sentence: C4's <c>. ? ! " '</c> (an ellipsis does not count), the
    /// closing quotes and brackets of Korean and CJK typography, or a Korean sentence-final ending
    /// (다, 요, 까, …) written without a period.
    /// </summary>
    public static bool IsTerminal(ReadOnlySpan<char> line)
    {
        // Closing brackets and a trailing tilde after the sentence end ("…합니다]", "…니다~") do not hide it.
        var end = line.Length;
        while (end > 1 && line[end - 1] is ')' or ']' or '」' or '』' or '》' or '〉' or '»' or '~')
        {
            end--;
        }
        line = line[..end];
        var last = line[^1];
        switch (last)
        {
            case '.':
                return !line.EndsWith("...");
            case '?' or '!' or '"' or '\'' or '”' or '’' or '」' or '』' or '。' or '？' or '！':
                return true;
            default:
                return KoreanText.IsSentenceFinal(last);
        }
    }

    // ---- repetition (Gopher Table A1), computed on first use ----

    public int DuplicateLines { get { EnsureRepetition(); return _duplicateLines; } }

    public long DuplicateLineChars { get { EnsureRepetition(); return _duplicateLineChars; } }

    public int DuplicateParagraphs { get { EnsureRepetition(); return _duplicateParagraphs; } }

    public long DuplicateParagraphChars { get { EnsureRepetition(); return _duplicateParagraphChars; } }

    private HashCounter Table => _table ??= new HashCounter();

    private void EnsureRepetition()
    {
        if (_repetitionDone)
        {
            return;
        }
        _repetitionDone = true;
        _bigramsDone = false;
        var span = Text.AsSpan();

        // Word hashes of the cores of non-symbol words, and prefix sums of their lengths, for n-grams.
        if (_wordHashes.Length < WordCount)
        {
            _wordHashes = new ulong[_words.Length];
            _cumulativeCoreLength = new int[_words.Length + 1];
        }
        var n = 0;
        var wordHashes = _wordHashes;
        var cumulative = _cumulativeCoreLength;
        var total = 0;
        cumulative[0] = 0;
        foreach (ref readonly var word in Words)
        {
            if (word.CoreLength == 0)
            {
                continue;
            }
            wordHashes[n] = Hash(span.Slice(word.CoreStart, word.CoreLength));
            total += word.CoreLength;
            cumulative[++n] = total;
        }
        _ngramWords = n;

        // Duplicate lines and paragraphs: an element counts as duplicate from its second occurrence on.
        var table = Table;
        table.Reset(LineCount);
        _duplicateLines = 0;
        _duplicateLineChars = 0;
        if (_lineHashes.Length < LineCount)
        {
            _lineHashes = new ulong[_lines.Length];
        }
        for (var l = 0; l < LineCount; l++)
        {
            ref readonly var line = ref _lines[l];
            var lineHash = Hash(span.Slice(line.Start, line.Length));
            _lineHashes[l] = lineHash;
            if (table.Contains(lineHash, add: true))
            {
                _duplicateLines++;
                _duplicateLineChars += line.Length;
            }
        }
        table.Reset(ParagraphCount);
        _duplicateParagraphs = 0;
        _duplicateParagraphChars = 0;
        var lines = Lines;
        var index = 0;
        while (index < lines.Length)
        {
            var hash = 0xcbf29ce484222325UL;
            var chars = 0L;
            var first = index;
            do
            {
                hash = Mix(hash, _lineHashes[index]);
                chars += lines[index].Length + (index > first ? 1 : 0);
                index++;
            }
            while (index < lines.Length && (lines[index].Flags & LineFlags.NewParagraph) == 0);
            if (table.Contains(hash, add: true))
            {
                _duplicateParagraphs++;
                _duplicateParagraphChars += chars;
            }
        }
    }

    private int _ngramWords;
    private int _pendingSentences;

    /// <summary>Number of non-symbol words used for n-gram statistics.</summary>
    public int NGramWords { get { EnsureRepetition(); return _ngramWords; } }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong NGramHash(int start, int n)
    {
        var hash = 0x9E3779B97F4A7C15UL * (ulong)n;
        for (var k = 0; k < n; k++)
        {
            hash = Mix(hash, _wordHashes[start + k]);
        }
        return hash;
    }

    /// <summary>Characters of the n-gram at word <paramref name="start"/>; words joined without spaces.</summary>
    private int NGramChars(int start, int n) => _cumulativeCoreLength[start + n] - _cumulativeCoreLength[start];

    /// <summary>
    /// Characters covered by the most frequent word n-gram (count × length with single spaces between
    /// words), as Gopher's "top n-gram character fraction" numerator; 0 when no n-gram repeats.
    /// </summary>
    public long TopNGramChars(int n)
    {
        EnsureRepetition();
        var count = _ngramWords - n + 1;
        if (count < 2)
        {
            return 0;
        }
        var table = Table;
        table.Reset(count);
        var bestCount = 1;
        var bestLength = 0;
        var bigrams = n == 2 ? BigramHashes() : default;
        for (var i = 0; i < count; i++)
        {
            var seen = table.Add(n == 2 ? bigrams[i] : NGramHash(i, n));
            if (seen > 1 && seen >= bestCount)
            {
                // Every occurrence of an n-gram is the same words, so its length here is its length.
                var length = NGramChars(i, n) + n - 1;
                if (seen > bestCount || length > bestLength)
                {
                    bestCount = seen;
                    bestLength = length;
                }
            }
        }
        if (n == 2)
        {
            _maxBigramCount = bestCount;
        }
        return bestCount < 2 ? 0 : (long)bestCount * bestLength;
    }

    private int _maxBigramCount;

    /// <summary>
    /// An upper bound of <see cref="TopNGramChars"/> for n ≥ 3 from the bigram statistics (call
    /// <c>TopNGramChars(2)</c> first): an n-gram
    /// occurs at most as often as its leading bigram, and is at most as long as the longest window of n words.
    /// Lets clean documents skip the exact count.
    /// </summary>
    public long TopNGramCharsUpperBound(int n, long topBigramChars)
    {
        EnsureRepetition();
        var count = _ngramWords - n + 1;
        if (count < 2 || topBigramChars == 0)
        {
            return 0;
        }
        var maxCount = _maxBigramCount;
        var longest = 0;
        for (var i = 0; i < count; i++)
        {
            var length = NGramChars(i, n);
            if (length > longest)
            {
                longest = length;
            }
        }
        return (long)maxCount * (longest + n - 1);
    }

    /// <summary>
    /// Characters (words joined without spaces) inside duplicated word n-grams, Gopher's
    /// "duplicate n-gram character fraction" numerator: scanning left to right, an n-gram seen before
    /// counts in full and the scan jumps past it, so overlapping repeats are not counted twice.
    /// </summary>
    public long DuplicateNGramChars(int n)
    {
        EnsureRepetition();
        var count = _ngramWords - n + 1;
        if (count < 2)
        {
            return 0;
        }
        var table = Table;
        table.Reset(count);
        var repeated = 0L;
        var i = 0;
        while (i < count)
        {
            if (table.Contains(NGramHash(i, n), add: true))
            {
                repeated += NGramChars(i, n);
                i += n;
            }
            else
            {
                i++;
            }
        }
        return repeated;
    }

    /// <summary>
    /// Characters of words covered by any repeated 5-gram (each later occurrence marks its 5 words).
    /// Every duplicated n-gram with n ≥ 5 is made of repeated 5-grams, so this bounds
    /// <see cref="DuplicateNGramChars"/> for n = 5…10 from above: clean text needs only this one pass.
    /// </summary>
    public long RepeatedFiveGramCoverage()
    {
        EnsureRepetition();
        const int n = 5;
        var count = _ngramWords - n + 1;
        if (count < 2)
        {
            return 0;
        }
        var table = Table;
        table.Reset(count);
        var covered = 0L;
        var coveredUpTo = 0; // words before this index are already counted
        var bigrams = BigramHashes();
        var words = _wordHashes;
        for (var i = 0; i < count; i++)
        {
            // Two bigrams and a word instead of five words: the same five words always give the same value.
            var hash = Mix(Mix(Mix(unchecked(0x9E3779B97F4A7C15UL * n), bigrams[i]), bigrams[i + 2]), words[i + 4]);
            if (table.Contains(hash, add: true))
            {
                var from = Math.Max(i, coveredUpTo);
                covered += _cumulativeCoreLength[i + n] - _cumulativeCoreLength[from];
                coveredUpTo = i + n;
            }
        }
        return covered;
    }

    /// <summary>The hash of every word bigram, computed once per document for the top-bigram and 5-gram passes.</summary>
    private ReadOnlySpan<ulong> BigramHashes()
    {
        var count = _ngramWords - 1;
        if (count <= 0)
        {
            return default;
        }
        if (!_bigramsDone)
        {
            if (_bigramHashes.Length < count)
            {
                _bigramHashes = new ulong[_wordHashes.Length];
            }
            for (var i = 0; i < count; i++)
            {
                _bigramHashes[i] = NGramHash(i, 2);
            }
            _bigramsDone = true;
        }
        return _bigramHashes.AsSpan(0, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong hash, ulong value)
    {
        hash ^= value + 0x9E3779B97F4A7C15UL + (hash << 6) + (hash >> 2);
        return hash * 0xFF51AFD7ED558CCDUL;
    }

    /// <summary>A fast 64-bit hash of a span of chars: 8 chars per step in two independent lanes (a line's hash is one
    /// long dependency chain otherwise), the last 1–3 chars in one read.</summary>
    internal static ulong Hash(ReadOnlySpan<char> text)
    {
        const ulong K = 0x9E3779B97F4A7C15UL;
        ref var bytes = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(text));
        var length = text.Length;
        var a = 0x243F6A8885A308D3UL ^ (ulong)length;
        var b = 0x13198A2E03707344UL;
        var i = 0;
        for (; i + 8 <= length; i += 8)
        {
            a = (a ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, i * 2))) * K;
            b = (b ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, (i * 2) + 8))) * K;
            a ^= a >> 32;
            b ^= b >> 32;
        }
        if (i + 4 <= length)
        {
            a = (a ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, i * 2))) * K;
            a ^= a >> 32;
            i += 4;
        }
        var tail = (length - i) switch
        {
            1 => Unsafe.Add(ref bytes, i * 2) | ((ulong)Unsafe.Add(ref bytes, (i * 2) + 1) << 8),
            2 => Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref bytes, i * 2)),
            3 => Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref bytes, i * 2)) | ((ulong)Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref bytes, (i * 2) + 4)) << 32),
            _ => 0UL,
        };
        // The tail's length is in the seed, so a tail of zero chars and no tail differ.
        var hash = ((a ^ tail) * K) ^ (b * 0xC2B2AE3D27D4EB4FUL);
        hash ^= hash >> 29;
        hash *= 0xBF58476D1CE4E5B9UL;
        return hash ^ (hash >> 32);
    }
}
