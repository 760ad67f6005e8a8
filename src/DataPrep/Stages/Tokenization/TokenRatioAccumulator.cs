using System.Text;
using DataPrep.Text;
using DataPrep.Tokenizers;

namespace DataPrep.Stages.Tokenization;

/// <summary>Per-thread counts of <see cref="TokenRatioReport"/>: corpus counts plus one block of counts per tokenizer.</summary>
internal sealed class TokenRatioAccumulator
{
    internal static readonly string[] Languages = ["ko", "en", "other"];

    /// <summary>Script buckets in attribution priority order; index 7 is "none".</summary>
    internal static readonly string[] ScriptNames = ["hangul", "han", "kana", "latin", "cyrillic", "other", "common", "none"];

    private const int None = 7;

    private readonly ITextTokenizer[] _tokenizers;
    private readonly List<int> _ids = new(4096);
    private byte[] _flags = new byte[4096];

    public TokenRatioAccumulator(ITextTokenizer[] tokenizers)
    {
        _tokenizers = tokenizers;
        PerTokenizer = new Block[tokenizers.Length];
        for (var i = 0; i < PerTokenizer.Length; i++)
        {
            PerTokenizer[i] = new Block();
        }
    }

    public long Documents;
    public readonly long[] DocumentsByLanguage = new long[3];
    public readonly long[] WordsByLanguage = new long[3];
    public readonly long[] CharactersByLanguage = new long[3];
    public long Words;
    public long HangulWords;
    public long Letters;
    public long HangulLetters;
    public long ParallelPairs;
    public long DecomposedHangulDocuments;
    public readonly Block[] PerTokenizer;

    internal sealed class Block
    {
        public long Tokens;
        public readonly long[] ByScript = new long[8];
        public readonly long[] ByLanguage = new long[3];
        public readonly long[] Fertility = new long[4 * 5]; // [ko, en, parallel ko, parallel en] x [docs, tokens, chars, words, bytes]
        public long ByteFallback;
        public long Unknown;
    }

    public void Add(string text, int language, string? parallelEnglish)
    {
        Documents++;
        DocumentsByLanguage[language]++;
        if (Scripts.HasDecomposedHangul(text))
        {
            DecomposedHangulDocuments++;
        }
        var (characters, words, hangulWords, letters, hangulLetters) = Measure(text);
        var bytes = Encoding.UTF8.GetByteCount(text);
        Words += words;
        HangulWords += hangulWords;
        Letters += letters;
        HangulLetters += hangulLetters;
        WordsByLanguage[language] += words;
        CharactersByLanguage[language] += characters;
        (long Characters, long Words, long Bytes) english = default;
        if (parallelEnglish is not null)
        {
            ParallelPairs++;
            var measured = Measure(parallelEnglish);
            english = (measured.Characters, measured.Words, Encoding.UTF8.GetByteCount(parallelEnglish));
        }
        for (var t = 0; t < _tokenizers.Length; t++)
        {
            var tokenizer = _tokenizers[t];
            var block = PerTokenizer[t];
            _ids.Clear();
            tokenizer.Encode(text, _ids);
            var count = _ids.Count;
            block.Tokens += count;
            block.ByLanguage[language] += count;
            Attribute(tokenizer, block);
            if (language < 2)
            {
                AddFertility(block, language, count, characters, words, bytes);
            }
            if (parallelEnglish is not null)
            {
                AddFertility(block, 2, count, characters, words, bytes);
                AddFertility(block, 3, tokenizer.CountTokens(parallelEnglish), english.Characters, english.Words, english.Bytes);
            }
        }
    }

    public void MergeInto(TokenRatioAccumulator total)
    {
        lock (total)
        {
            total.Documents += Documents;
            total.Words += Words;
            total.HangulWords += HangulWords;
            total.Letters += Letters;
            total.HangulLetters += HangulLetters;
            total.ParallelPairs += ParallelPairs;
            total.DecomposedHangulDocuments += DecomposedHangulDocuments;
            for (var i = 0; i < 3; i++)
            {
                total.DocumentsByLanguage[i] += DocumentsByLanguage[i];
                total.WordsByLanguage[i] += WordsByLanguage[i];
                total.CharactersByLanguage[i] += CharactersByLanguage[i];
            }
            for (var t = 0; t < PerTokenizer.Length; t++)
            {
                var from = PerTokenizer[t];
                var to = total.PerTokenizer[t];
                to.Tokens += from.Tokens;
                to.ByteFallback += from.ByteFallback;
                to.Unknown += from.Unknown;
                for (var i = 0; i < from.ByScript.Length; i++)
                {
                    to.ByScript[i] += from.ByScript[i];
                }
                for (var i = 0; i < from.ByLanguage.Length; i++)
                {
                    to.ByLanguage[i] += from.ByLanguage[i];
                }
                for (var i = 0; i < from.Fertility.Length; i++)
                {
                    to.Fertility[i] += from.Fertility[i];
                }
            }
        }
    }

    /// <summary>Language of a text from its letters: Hangul ≥ 50% → ko (0), Latin ≥ 50% → en (1), else other (2).</summary>
    internal static int LanguageFromScript(string text)
    {
        var counts = Scripts.Count(text);
        var letters = counts.Letters;
        if (letters == 0)
        {
            return 2;
        }
        return counts.Hangul * 2 >= letters ? 0 : counts.Latin * 2 >= letters ? 1 : 2;
    }

    private static void AddFertility(Block block, int slot, long tokens, long characters, long words, long bytes)
    {
        var f = block.Fertility.AsSpan(slot * 5, 5);
        f[0]++;
        f[1] += tokens;
        f[2] += characters;
        f[3] += words;
        f[4] += bytes;
    }

    private static (long Characters, long Words, long HangulWords, long Letters, long HangulLetters) Measure(string text)
    {
        long characters = 0, words = 0, hangulWords = 0, letters = 0, hangulLetters = 0;
        var inWord = false;
        var wordHasHangul = false;
        foreach (var c in text)
        {
            if (!char.IsLowSurrogate(c))
            {
                characters++;
            }
            if (char.IsWhiteSpace(c))
            {
                if (inWord && wordHasHangul)
                {
                    hangulWords++;
                }
                inWord = false;
                continue;
            }
            if (!inWord)
            {
                words++;
                inWord = true;
                wordHasHangul = false;
            }
            var script = Scripts.Of(c);
            if (script != Script.Common)
            {
                letters++;
                if (script == Script.Hangul)
                {
                    hangulLetters++;
                    wordHasHangul = true;
                }
            }
        }
        if (inWord && wordHasHangul)
        {
            hangulWords++;
        }
        return (characters, words, hangulWords, letters, hangulLetters);
    }

    /// <summary>
    /// Walks the tokens' bytes as one UTF-8 stream: every character is attributed to all tokens holding any of its
    /// bytes, so the byte-fallback pieces (or partial byte-level tokens) of one character follow that character.
    /// A token then counts under the highest-priority script it covers (Hangul first).
    /// </summary>
    private void Attribute(ITextTokenizer tokenizer, Block block)
    {
        var count = _ids.Count;
        if (_flags.Length < count)
        {
            _flags = new byte[Math.Max(count, _flags.Length * 2)];
        }
        var flags = _flags.AsSpan(0, count);
        flags.Clear();
        var remaining = 0;
        var codePoint = 0;
        var startToken = 0;
        for (var t = 0; t < count; t++)
        {
            var id = _ids[t];
            switch (tokenizer.GetTokenKind(id))
            {
                case TokenKind.ByteFallback:
                    block.ByteFallback++;
                    break;
                case TokenKind.Unknown:
                    block.Unknown++;
                    break;
            }
            foreach (var b in tokenizer.GetTokenBytes(id))
            {
                if (remaining > 0 && (b & 0xC0) == 0x80)
                {
                    codePoint = (codePoint << 6) | (b & 0x3F);
                    if (--remaining == 0)
                    {
                        Mark(flags, startToken, t, codePoint);
                    }
                    continue;
                }
                remaining = 0;
                if (b < 0x80)
                {
                    Mark(flags, t, t, b);
                }
                else if ((b & 0xE0) == 0xC0)
                {
                    (codePoint, remaining, startToken) = (b & 0x1F, 1, t);
                }
                else if ((b & 0xF0) == 0xE0)
                {
                    (codePoint, remaining, startToken) = (b & 0x0F, 2, t);
                }
                else if ((b & 0xF8) == 0xF0)
                {
                    (codePoint, remaining, startToken) = (b & 0x07, 3, t);
                }
            }
        }
        foreach (var f in flags)
        {
            block.ByScript[f == 0 ? None : System.Numerics.BitOperations.TrailingZeroCount(f)]++;
        }
    }

    private static void Mark(Span<byte> flags, int from, int to, int codePoint)
    {
        var bit = (byte)(1 << Bucket(codePoint));
        for (var i = from; i <= to; i++)
        {
            flags[i] |= bit;
        }
    }

    private static int Bucket(int codePoint)
    {
        if (codePoint >= 0x10000)
        {
            return System.Globalization.CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
            {
                >= System.Globalization.UnicodeCategory.UppercaseLetter and <= System.Globalization.UnicodeCategory.OtherLetter
                    => (codePoint >= 0x20000 && codePoint <= 0x3FFFF) ? 1 : 5,
                _ => 6,
            };
        }
        return Scripts.Of((char)codePoint) switch
        {
            Script.Hangul => 0,
            Script.Han => 1,
            Script.Kana => 2,
            Script.Latin => 3,
            Script.Cyrillic => 4,
            Script.Other => 5,
            _ => 6,
        };
    }
}
