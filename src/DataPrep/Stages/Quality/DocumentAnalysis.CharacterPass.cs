using System.Numerics;
using System.Runtime.CompilerServices;
using DataPrep.Text;

namespace DataPrep.Stages.Quality;

// The one pass over the characters of a document: character counts, and word and line boundaries.
internal sealed partial class DocumentAnalysis
{
    private void Analyze(ReadOnlySpan<char> span) => Analyze(span, AsciiBlock.IsSupported);

    /// <summary>
    /// The analysis of <paramref name="text"/> without the thread's cache, with or without the ASCII blocks (tests and
    /// benchmarks compare the two), into <paramref name="reuse"/> when given.
    /// </summary>
    internal static DocumentAnalysis AnalyzeUncached(string text, bool asciiBlocks, DocumentAnalysis? reuse = null)
    {
        var analysis = reuse ?? new DocumentAnalysis();
        analysis._document = null;
        analysis._text = text.AsMemory();
        analysis.Analyze(text, asciiBlocks);
        return analysis;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Analyze(ReadOnlySpan<char> span, bool asciiBlocks)
    {
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
        // Where the next block of ASCII may start. After a block that is not all ASCII the next try is one block later,
        // then two, four, eight: Korean text rarely holds 32 ASCII characters in a row, and each try costs a classification.
        var nextBlock = asciiBlocks ? 0 : int.MaxValue;
        var failedBlocks = 0;

        for (var i = 0; i <= span.Length; i++)
        {
            if (i >= nextBlock)
            {
                // A block of ASCII is counted from its class masks and walked word by word. A run of dots decides
                // ellipses character by character, so a block continuing or holding one is read that way.
                if (i + AsciiBlock.Length <= span.Length && AsciiBlock.TryClassify(span, i, out var block)
                    && (block.Dot & ((block.Dot >> 1) | (dotRun > 0 ? 1u : 0u))) == 0)
                {
                    whitespace += BitOperations.PopCount(block.Space);
                    newlines += BitOperations.PopCount(block.Newline);
                    latin += BitOperations.PopCount(block.Letter);
                    digits += BitOperations.PopCount(block.Digit);
                    hashes += BitOperations.PopCount(block.Hash);
                    curly += BitOperations.PopCount(block.Curly);
                    var after = i + AsciiBlock.Length < span.Length ? span[i + AsciiBlock.Length] : '\n';
                    var followsLast = after is ' ' or '\n' or '\t' or '\r' or '"' or '\'' or '”' or '’' or ')' ? 1u << 31 : 0u;
                    var sentenceEnds = block.SentenceMark & ((block.Follow >> 1) | followsLast);
                    var wordChars = block.Letter | block.Digit;
                    var pos = 0;
                    while (true)
                    {
                        if (wordStart < 0)
                        {
                            var nonSpace = ~block.Space & ~AsciiBlock.Range(0, pos);
                            var wordAt = nonSpace == 0 ? AsciiBlock.Length : BitOperations.TrailingZeroCount(nonSpace);
                            var breaks = block.Newline & AsciiBlock.Range(pos, wordAt);
                            if (breaks != 0)
                            {
                                if (lineStart >= 0)
                                {
                                    EndLine(span, lineStart, lineEnd, lineFirstWord, lineSentences, lineHasLongWord, newlinesSinceLine >= 2);
                                    lineStart = -1;
                                    newlinesSinceLine = 0;
                                }
                                newlinesSinceLine += BitOperations.PopCount(breaks);
                            }
                            if (wordAt == AsciiBlock.Length)
                            {
                                break;
                            }
                            pos = wordAt;
                            if (lineStart < 0)
                            {
                                lineStart = i + pos;
                                lineFirstWord = WordCount;
                                lineSentences = 0;
                                lineHasLongWord = false;
                            }
                            wordStart = i + pos;
                        }
                        var spaces = block.Space & ~AsciiBlock.Range(0, pos);
                        var wordEnd = spaces == 0 ? AsciiBlock.Length : BitOperations.TrailingZeroCount(spaces);
                        var segment = AsciiBlock.Range(pos, wordEnd);
                        if ((block.Letter & segment) != 0)
                        {
                            wordFlags |= WordFlags.HasLetter | WordFlags.HasLatin;
                        }
                        if ((block.Digit & segment) != 0)
                        {
                            wordFlags |= WordFlags.HasDigit;
                        }
                        lineSentences += BitOperations.PopCount(sentenceEnds & segment);
                        lineEnd = i + wordEnd;
                        if (wordEnd == AsciiBlock.Length)
                        {
                            break; // the word goes on in the next block
                        }
                        var end = i + wordEnd;
                        if (end - wordStart > LongWordLength)
                        {
                            lineHasLongWord = true;
                        }
                        if (wordStart >= i)
                        {
                            // The whole word is in this block: its core runs from its first to its last letter or digit.
                            var core = wordChars & AsciiBlock.Range(wordStart - i, wordEnd);
                            if (core == 0)
                            {
                                EndWord(span, wordStart, end, end, end, wordFlags);
                            }
                            else
                            {
                                EndWord(span, wordStart, end, i + BitOperations.TrailingZeroCount(core), i + 32 - BitOperations.LeadingZeroCount(core), wordFlags);
                            }
                        }
                        else
                        {
                            EndWord(span, wordStart, end, wordFlags);
                        }
                        wordStart = -1;
                        wordFlags = WordFlags.None;
                        pos = wordEnd;
                    }
                    dotRun = (int)(block.Dot >> 31);
                    previousMojibake = false;
                    i += AsciiBlock.Length - 1;
                    failedBlocks = 0;
                    continue;
                }
                nextBlock = i + (AsciiBlock.Length << failedBlocks);
                failedBlocks = Math.Min(failedBlocks + 1, 3);
            }
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
                // An eojeol ending in a syllable before a plain space, the commonest case in Korean text: ended here,
                // as for Latin words below.
                if (runEnd < span.Length && span[runEnd] == ' ')
                {
                    whitespace++;
                    if (runEnd - wordStart > LongWordLength)
                    {
                        lineHasLongWord = true;
                    }
                    EndWord(span, wordStart, runEnd, wordFlags);
                    wordStart = -1;
                    wordFlags = WordFlags.None;
                    i = runEnd;
                }
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
                    // A word followed by a plain space, the commonest case in Latin text: end the word here, as the
                    // space's own turn of the loop would, without going through the character dispatch.
                    if (runEnd < span.Length && span[runEnd] == ' ')
                    {
                        whitespace++;
                        if (runEnd - wordStart > LongWordLength)
                        {
                            lineHasLongWord = true;
                        }
                        EndWord(span, wordStart, runEnd, wordFlags);
                        wordStart = -1;
                        wordFlags = WordFlags.None;
                        i = runEnd;
                    }
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
}
