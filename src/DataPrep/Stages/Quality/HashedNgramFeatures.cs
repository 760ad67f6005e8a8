using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace DataPrep.Stages.Quality;

/// <summary>
/// Turns a text into a sparse, L2-normalised vector of hashed n-gram features for
/// <see cref="QualityClassifierModel"/>: character 1- to 4-grams (which carry Korean syllables and
/// morphemes without a segmenter) and word unigrams and bigrams, each hashed with XxHash3 into
/// 2^<c>bits</c> buckets. Counts are damped (1 + ln count) before normalising.
/// </summary>
/// <remarks>
/// The text is first folded into a per-thread buffer in one pass: ASCII letters lower-cased, ASCII digits
/// mapped to '0' (numbers generalise), every whitespace run collapsed to one space, and only the first
/// <c>maxChars</c> characters are used. N-grams are hashed straight from spans of that buffer; no strings,
/// no regex, no <c>Split</c>. Each n-gram order has its own hash seed, so a character bigram and a word
/// with the same characters land in different buckets.
/// </remarks>
internal sealed class HashedNgramFeatures
{
    /// <summary>Shortest and longest character n-grams.</summary>
    public const int MinCharNGram = 1;

    /// <summary>Longest character n-gram.</summary>
    public const int MaxCharNGram = 4;

    /// <summary>Longest word n-gram.</summary>
    public const int MaxWordNGram = 2;

    private const long WordSeed = 0x5851F42D4C957F2DL;
    private const long BigramSeed = 0x2545F4914F6CDD1DL;

    [ThreadStatic]
    private static Buffers? t_buffers;

    /// <summary>Creates a featuriser.</summary>
    public HashedNgramFeatures(int bits, int maxChars)
    {
        if (bits is < 10 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "bits must be between 10 and 24.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 1);
        Bits = bits;
        MaxChars = maxChars;
    }

    /// <summary>Bucket count is 2^Bits.</summary>
    public int Bits { get; }

    /// <summary>Only this many characters of a document are featurised.</summary>
    public int MaxChars { get; }

    /// <summary>Number of buckets.</summary>
    public int Dimension => 1 << Bits;

    /// <summary>
    /// Featurises <paramref name="text"/> into this thread's buffers and returns the distinct bucket
    /// indices (in first-seen order) and their L2-normalised values. The spans are valid until the next call on this thread.
    /// </summary>
    public int Extract(ReadOnlySpan<char> text, out ReadOnlySpan<int> indices, out ReadOnlySpan<float> values)
    {
        var buffers = t_buffers ??= new Buffers();
        var folded = buffers.Fold(text, MaxChars);
        var hashes = buffers.Hashes(folded.Length * (MaxCharNGram + MaxWordNGram) + 2);
        var count = 0;
        var shift = 64 - Bits;

        // Character n-grams, n = 1..4, one seed per order.
        for (var i = 0; i < folded.Length; i++)
        {
            var maxN = Math.Min(MaxCharNGram, folded.Length - i);
            for (var n = MinCharNGram; n <= maxN; n++)
            {
                var gram = folded.Slice(i, n);
                hashes[count++] = (int)(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(gram), n) >> shift);
            }
        }

        // Word unigrams and bigrams over the space-separated tokens.
        Span<ulong> pair = stackalloc ulong[2];
        var havePrevious = false;
        var start = 0;
        for (var i = 0; i <= folded.Length; i++)
        {
            if (i < folded.Length && folded[i] != ' ')
            {
                continue;
            }
            if (i > start)
            {
                var word = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(folded[start..i]), WordSeed);
                hashes[count++] = (int)(word >> shift);
                if (havePrevious)
                {
                    pair[1] = word;
                    var bigram = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(pair), BigramSeed);
                    hashes[count++] = (int)(bigram >> shift);
                }
                pair[0] = word;
                havePrevious = true;
            }
            start = i + 1;
        }

        // Count distinct buckets with an open-addressing table (linear time; no sort). Buckets come out in
        // first-seen order, which is a function of the text alone, so scores are reproducible.
        var distinct = buffers.CountDistinct(hashes[..count], out var outIndices, out var counts);
        var outValues = buffers.Values(distinct);
        var sumSquares = 0.0;
        for (var j = 0; j < distinct; j++)
        {
            var value = counts[j] == 1 ? 1f : 1 + MathF.Log(counts[j]);
            outValues[j] = value;
            sumSquares += (double)value * value;
        }
        if (distinct > 0)
        {
            var scale = (float)(1 / Math.Sqrt(sumSquares));
            for (var j = 0; j < distinct; j++)
            {
                outValues[j] *= scale;
            }
        }
        indices = outIndices[..distinct];
        values = outValues[..distinct];
        return distinct;
    }

    private sealed class Buffers
    {
        private char[] _folded = new char[4096];
        private int[] _hashes = new int[8192];
        private int[] _indices = new int[8192];
        private float[] _values = new float[8192];

        public ReadOnlySpan<char> Fold(ReadOnlySpan<char> text, int maxChars)
        {
            var length = Math.Min(text.Length, maxChars);
            if (_folded.Length < length)
            {
                _folded = new char[Math.Max(length, _folded.Length * 2)];
            }
            var output = _folded.AsSpan();
            var n = 0;
            var lastSpace = true; // drops leading whitespace
            for (var i = 0; i < length; i++)
            {
                var c = text[i];
                if (c < 0x80)
                {
                    if (c is ' ' or '\n' or '\t' or '\r' or '\f' or '\v')
                    {
                        if (!lastSpace)
                        {
                            output[n++] = ' ';
                            lastSpace = true;
                        }
                        continue;
                    }
                    if ((uint)(c - 'A') <= 'Z' - 'A')
                    {
                        c = (char)(c | 0x20);
                    }
                    else if ((uint)(c - '0') <= 9)
                    {
                        c = '0';
                    }
                }
                else if (char.IsWhiteSpace(c))
                {
                    if (!lastSpace)
                    {
                        output[n++] = ' ';
                        lastSpace = true;
                    }
                    continue;
                }
                output[n++] = c;
                lastSpace = false;
            }
            if (n > 0 && output[n - 1] == ' ')
            {
                n--;
            }
            return output[..n];
        }

        public Span<int> Hashes(int size) => Ensure(ref _hashes, size);

        private int[] _slots = new int[1 << 14]; // bucket + 1; 0 = empty
        private int[] _slotEntry = new int[1 << 14];
        private int[] _counts = new int[8192];
        private int[] _slotOf = new int[8192];

        /// <summary>Distinct buckets of <paramref name="buckets"/> in first-seen order, with their counts.</summary>
        public int CountDistinct(ReadOnlySpan<int> buckets, out Span<int> distinctBuckets, out Span<int> counts)
        {
            var capacity = 1 << 14;
            while (capacity < buckets.Length * 2)
            {
                capacity <<= 1;
            }
            if (_slots.Length < capacity)
            {
                _slots = new int[capacity];
                _slotEntry = new int[capacity];
            }
            var output = Ensure(ref _indices, buckets.Length);
            var outCounts = Ensure(ref _counts, buckets.Length);
            var slotOf = Ensure(ref _slotOf, buckets.Length);
            var slots = _slots;
            var entries = _slotEntry;
            var mask = capacity - 1;
            var shift = 32 - System.Numerics.BitOperations.Log2((uint)capacity);
            var distinct = 0;
            foreach (var bucket in buckets)
            {
                var key = bucket + 1;
                var slot = (int)(((uint)key * 0x9E3779B1u) >> shift) & mask;
                while (true)
                {
                    var existing = slots[slot];
                    if (existing == key)
                    {
                        outCounts[entries[slot]]++;
                        break;
                    }
                    if (existing == 0)
                    {
                        slots[slot] = key;
                        entries[slot] = distinct;
                        slotOf[distinct] = slot;
                        output[distinct] = bucket;
                        outCounts[distinct] = 1;
                        distinct++;
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
            }
            // Clear only the slots used, so a short document after a long one costs little.
            for (var j = 0; j < distinct; j++)
            {
                slots[slotOf[j]] = 0;
            }
            distinctBuckets = output[..distinct];
            counts = outCounts[..distinct];
            return distinct;
        }

        public Span<float> Values(int size)
        {
            if (_values.Length < size)
            {
                _values = new float[Math.Max(size, _values.Length * 2)];
            }
            return _values;
        }

        private static Span<int> Ensure(ref int[] array, int size)
        {
            if (array.Length < size)
            {
                array = new int[Math.Max(size, array.Length * 2)];
            }
            return array;
        }
    }
}
