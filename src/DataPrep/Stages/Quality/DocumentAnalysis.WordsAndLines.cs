using System.Runtime.CompilerServices;

namespace DataPrep.Stages.Quality;

// What a word and a line are: their cores, flags and the counts the rules read, recorded as the pass ends each one.
internal sealed partial class DocumentAnalysis
{
    // Sentences closed by a Korean ending inside the current line, added when the line ends.
    private int _pendingSentences;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EndWord(ReadOnlySpan<char> span, int start, int end, WordFlags flags)
    {
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
        EndWord(span, start, end, coreStart, coreEnd, flags);
    }

    // A word whose core (the word without its leading and trailing non-word characters) is already known.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EndWord(ReadOnlySpan<char> span, int start, int end, int coreStart, int coreEnd, WordFlags flags)
    {
        if (WordCount == _words.Length)
        {
            Array.Resize(ref _words, _words.Length * 2);
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
            var stopWord = coreStart + 4 <= span.Length ? GopherStopWords.ContainsAt(span, coreStart, core.Length) : GopherStopWords.Contains(core);
            // Without a branch on the answer: about one English word in six is a stop word, at no predictable place.
            var stop = stopWord ? 1 : 0;
            flags |= (WordFlags)(stop * (int)WordFlags.EnglishStopWord);
            EnglishStopWords += stop;
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

    // Hangul syllables (all letters) are answered before char.IsLetterOrDigit, a Unicode category lookup: a Korean
    // eojeol asks this of its first and last char.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordChar(char c) =>
        c < 0x80 ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 : (uint)(c - 0xAC00) <= 0xD7A3 - 0xAC00 || char.IsLetterOrDigit(c);

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
}
