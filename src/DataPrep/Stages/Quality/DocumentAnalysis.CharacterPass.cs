using System.Runtime.CompilerServices;
using DataPrep.Text;

namespace DataPrep.Stages.Quality;

// The one pass over the characters of a document: character counts, and word and line boundaries.
internal sealed partial class DocumentAnalysis
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Analyze(ReadOnlySpan<char> span)
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
