using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DataPrep.Stages.Quality;

// Repetition statistics (Gopher Table A1): duplicate lines and paragraphs, top and duplicated n-grams, on first use.
internal sealed partial class DocumentAnalysis
{
    private ulong[] _wordHashes = new ulong[256];
    private ulong[] _bigramHashes = new ulong[256];
    private bool _bigramsDone;
    private ulong[] _lineHashes = new ulong[64];
    private int[] _cumulativeCoreLength = new int[257];
    private bool _repetitionDone;
    private HashCounter? _table;
    private int _duplicateLines;
    private long _duplicateLineChars;
    private int _duplicateParagraphs;
    private long _duplicateParagraphChars;

    public int DuplicateLines { get { EnsureRepetition(); return _duplicateLines; } }

    public long DuplicateLineChars { get { EnsureRepetition(); return _duplicateLineChars; } }

    public int DuplicateParagraphs { get { EnsureRepetition(); return _duplicateParagraphs; } }

    public long DuplicateParagraphChars { get { EnsureRepetition(); return _duplicateParagraphChars; } }

    private HashCounter Table => _table ??= new HashCounter();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EnsureRepetition()
    {
        if (_repetitionDone)
        {
            return;
        }
        _repetitionDone = true;
        _bigramsDone = false;
        _bigramCountsDone = false;
        _topBigramChars = -1;
        _fiveGramCoverage = -1;
        var span = Text;

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
            wordHashes[n] = WordHash(span, word.CoreStart, word.CoreLength);
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
        if (n == 2)
        {
            // The top bigram is read by its own rule and bounds the 3- and 4-gram rules: count it once.
            if (_topBigramChars < 0)
            {
                _topBigramChars = CountTopNGramChars(2);
            }
            return _topBigramChars;
        }
        return CountTopNGramChars(n);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long CountTopNGramChars(int n)
    {
        var count = _ngramWords - n + 1;
        if (count < 2)
        {
            return 0;
        }
        if (n == 2)
        {
            return CountTopBigramChars(count);
        }
        var table = Table;
        table.Reset(count);
        var bestCount = 1;
        var bestLength = 0;
        for (var i = 0; i < count; i++)
        {
            var seen = table.Add(NGramHash(i, n));
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
        return bestCount < 2 ? 0 : (long)bestCount * bestLength;
    }

    // The top bigram, as CountTopNGramChars, in a table of its own that keeps every bigram's final count for the
    // 5-gram pass (see CountRepeatedFiveGramCoverage), with each bigram's slot in it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long CountTopBigramChars(int count)
    {
        var table = _bigramTable ??= new HashCounter();
        table.Reset(count);
        if (_bigramSlots.Length < count)
        {
            _bigramSlots = new int[_wordHashes.Length];
        }
        var slots = _bigramSlots;
        var bestCount = 1;
        var bestLength = 0;
        var bigrams = BigramHashes();
        for (var i = 0; i < count; i++)
        {
            var seen = table.Add(bigrams[i], out slots[i]);
            if (seen > 1 && seen >= bestCount)
            {
                var length = NGramChars(i, 2) + 1;
                if (seen > bestCount || length > bestLength)
                {
                    bestCount = seen;
                    bestLength = length;
                }
            }
        }
        _maxBigramCount = bestCount;
        _bigramCountsDone = true;
        return bestCount < 2 ? 0 : (long)bestCount * bestLength;
    }

    private HashCounter? _bigramTable;
    private int[] _bigramSlots = new int[256];
    private bool _bigramCountsDone;

    private int _maxBigramCount;
    private long _topBigramChars;
    private long _fiveGramCoverage;

    /// <summary>
    /// An upper bound of <see cref="TopNGramChars"/> for n ≥ 3 from the bigram statistics: an n-gram
    /// occurs at most as often as its leading bigram, and is at most as long as the longest window of n words.
    /// Lets clean documents skip the exact count.
    /// </summary>
    public long TopNGramCharsUpperBound(int n)
    {
        var topBigramChars = TopNGramChars(2);
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
        if (_fiveGramCoverage < 0)
        {
            _fiveGramCoverage = CountRepeatedFiveGramCoverage();
        }
        return _fiveGramCoverage;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long CountRepeatedFiveGramCoverage()
    {
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
        if (_bigramCountsDone)
        {
            return CountRepeatedFiveGramCoverageOfRepeatedBigrams(count, table, bigrams, words);
        }
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

    // A 5-gram that occurs twice is made of four bigrams that each occur at least twice. With the bigrams' final counts
    // at hand (the top-bigram pass), only 5-grams over four repeated bigrams can repeat: the others are neither looked up
    // nor added, since no other 5-gram can equal them. In clean text that is most of them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long CountRepeatedFiveGramCoverageOfRepeatedBigrams(int count, HashCounter table, ReadOnlySpan<ulong> bigrams, ulong[] words)
    {
        const int n = 5;
        var bigramTable = _bigramTable!;
        var slots = _bigramSlots;
        var covered = 0L;
        var coveredUpTo = 0;
        // Repeated bigrams in a row ending at bigram i + 3, the last bigram of the 5-gram at i.
        var streak = 0;
        for (var b = 0; b < 3; b++)
        {
            streak = bigramTable.CountAt(slots[b]) > 1 ? streak + 1 : 0;
        }
        for (var i = 0; i < count; i++)
        {
            streak = bigramTable.CountAt(slots[i + 3]) > 1 ? streak + 1 : 0;
            if (streak < 4)
            {
                continue;
            }
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

    /// <summary>
    /// The hash of the word at <paramref name="start"/>: words of up to 8 chars (most of them) are read as one or two
    /// 64-bit loads and mixed by two 128-bit multiplications, in line; longer ones take <see cref="Hash"/>. Word hashes
    /// are only compared with each other, so they need not equal <see cref="Hash"/> of the same chars.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong WordHash(ReadOnlySpan<char> text, int start, int length)
    {
        const ulong S0 = 0xA0761D6478BD642FUL, S1 = 0xE7037ED1A0B428DBUL, S2 = 0x8EBC6AF09C88C6E3UL;
        ref var first = ref Unsafe.As<char, byte>(ref Unsafe.Add(ref MemoryMarshal.GetReference(text), start));
        if (length > 8)
        {
            return Hash(text.Slice(start, length));
        }
        ulong a, b;
        if (start + 4 <= text.Length)
        {
            // Up to 4 chars: the first four with the ones past the word masked off, and b = 0. 5–8 chars: the first four
            // and the last four (overlapping when shorter than 8); the length tells them apart. Chosen by masks, not by a
            // branch on the length: English word lengths are too varied to predict.
            var longer = (4 - length) >> 31; // all ones for 5–8 chars, 0 for up to 4
            a = Unsafe.ReadUnaligned<ulong>(ref first) & (ulong.MaxValue >> ((64 - (16 * length)) & ~longer));
            b = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, ((length - 4) & longer) * 2)) & (ulong)(long)longer;
        }
        else
        {
            // At the end of the text (so at most 3 chars): the same value, one char at a time.
            a = 0;
            for (var k = 0; k < length; k++)
            {
                a |= (ulong)text[start + k] << (16 * k);
            }
            b = 0;
        }
        var hash = Mum(a ^ S0, b ^ S1 ^ (ulong)length);
        return Mum(hash ^ S2, (ulong)length ^ S1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mum(ulong a, ulong b)
    {
        var high = Math.BigMul(a, b, out var low);
        return high ^ low;
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
