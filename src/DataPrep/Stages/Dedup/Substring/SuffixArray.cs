using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace DataPrep.Stages.Dedup.Substring;

/// <summary>
/// Builds the suffix array of a byte string by induced sorting (SA-IS, Nong, Zhang and Chan 2009):
/// linear time, and besides the 4-byte-per-position output only one type bit per position and the
/// recursion's smaller problem (at most half the positions), which lives in the output array itself. The text's end acts as a sentinel that is
/// smaller than every byte, so a suffix that is a prefix of another sorts first.
/// </summary>
internal static unsafe class SuffixArray
{
    private const int PrefetchDistance = 32;

    /// <summary>Fills <paramref name="suffixes"/> (same length as <paramref name="text"/>) with the start
    /// positions of the suffixes of <paramref name="text"/> in ascending order.</summary>
    public static void Build(ReadOnlySpan<byte> text, Span<int> suffixes)
    {
        if (suffixes.Length != text.Length)
        {
            throw new ArgumentException($"The suffix array needs {text.Length} entries, not {suffixes.Length}.", nameof(suffixes));
        }
        fixed (byte* t = text)
        fixed (int* sa = suffixes)
        {
            Sort(new ByteSymbols(t), sa, text.Length, 256);
        }
    }

    /// <summary>One level of SA-IS over <paramref name="n"/> symbols in <c>[0, alphabet)</c>.</summary>
    private static void Sort<TSymbols>(TSymbols s, int* sa, int n, int alphabet) where TSymbols : struct, ISymbols
    {
        if (n == 0)
        {
            return;
        }
        if (n == 1)
        {
            sa[0] = 0;
            return;
        }
        // One bit per position, set for S-type: an eighth of a type byte per position, so the random
        // look-ups below (naming) hit the cache far more often.
        var types = GC.AllocateArray<ulong>((n + 63) >> 6, pinned: true);
        var counts = new int[alphabet];
        var buckets = GC.AllocateUninitializedArray<int>(alphabet);
        fixed (ulong* type = types)
        {
            // The last symbol is L: the sentinel after it is smaller.
            var next = s[n - 1];
            var nextIsS = false;
            counts[next]++;
            // The bits of a word gather in a register and are stored once, when its lowest position is reached.
            var word = 0UL;
            for (var i = n - 2; i >= 0; i--)
            {
                var c = s[i];
                nextIsS = c < next | (c == next & nextIsS);
                word |= (nextIsS ? 1UL : 0UL) << i;
                if ((i & 63) == 0)
                {
                    type[i >> 6] = word;
                    word = 0;
                }
                counts[c]++;
                next = c;
            }

            // 1. Sort the LMS substrings: LMS positions at their bucket ends, then induce.
            new Span<int>(sa, n).Clear();
            BucketEnds(counts, buckets);
            var words = (n + 63) >> 6;
            for (var w = 0; w < words; w++)
            {
                for (var bits = LmsBits(type, w); bits != 0; bits &= bits - 1)
                {
                    var i = (w << 6) + BitOperations.TrailingZeroCount(bits);
                    sa[--buckets[s[i]]] = i;
                }
            }
            Induce(s, sa, n, counts, buckets);

            // 2. Name them: equal LMS substrings get equal names, in sorted order.
            var lmsCount = 0;
            for (var i = 0; i < n; i++)
            {
                // The type bits of the suffixes a little ahead are read at random: start loading them now.
                if (i + PrefetchDistance < n)
                {
                    Prefetch(type + (sa[i + PrefetchDistance] >> 6));
                }
                if (IsLms(type, sa[i]))
                {
                    sa[lmsCount++] = sa[i];
                }
            }
            // LMS positions are at least two apart, so position / 2 is a free slot of its own: it holds the
            // length of the LMS substring (up to and including the next LMS position), then its name.
            new Span<int>(sa + lmsCount, n - lmsCount).Fill(-1);
            var lastLms = -1;
            for (var w = 0; w < words; w++)
            {
                for (var bits = LmsBits(type, w); bits != 0; bits &= bits - 1)
                {
                    var i = (w << 6) + BitOperations.TrailingZeroCount(bits);
                    if (lastLms >= 0)
                    {
                        sa[lmsCount + (lastLms >> 1)] = i - lastLms + 1;
                    }
                    lastLms = i;
                }
            }
            // The last one reaches the sentinel, so it is unique; its length is never compared.
            sa[lmsCount + (lastLms >> 1)] = 0;
            var names = 0;
            var previous = -1;
            var previousLength = 0;
            for (var i = 0; i < lmsCount; i++)
            {
                // Both the length slot and the symbols of an LMS substring are read at random.
                if (i + PrefetchDistance < lmsCount)
                {
                    var ahead = sa[i + PrefetchDistance];
                    Prefetch(sa + lmsCount + (ahead >> 1));
                    s.Prefetch(ahead);
                }
                var position = sa[i];
                var slot = lmsCount + (position >> 1);
                var length = sa[slot];
                // Two LMS substrings are equal when their lengths and symbols are: the types follow from the
                // symbols backwards from the (S-type) last one.
                if (previous < 0 || position == lastLms || previous == lastLms || length != previousLength
                    || !s.Equal(previous, position, length))
                {
                    names++;
                    previous = position;
                    previousLength = length;
                }
                sa[slot] = names - 1;
            }
            var reduced = sa + n - lmsCount;
            for (int i = n - 1, j = n - 1; i >= lmsCount; i--)
            {
                if (sa[i] >= 0)
                {
                    sa[j--] = sa[i];
                }
            }

            // 3. Sort the LMS suffixes: recurse when two LMS substrings share a name.
            if (names < lmsCount)
            {
                Sort(new IntSymbols(reduced), sa, lmsCount, names);
            }
            else
            {
                for (var i = 0; i < lmsCount; i++)
                {
                    sa[reduced[i]] = i;
                }
            }
            for (int w = 0, j = 0; w < words; w++)
            {
                for (var bits = LmsBits(type, w); bits != 0; bits &= bits - 1)
                {
                    reduced[j++] = (w << 6) + BitOperations.TrailingZeroCount(bits);
                }
            }
            for (var i = 0; i < lmsCount; i++)
            {
                if (i + PrefetchDistance < lmsCount)
                {
                    Prefetch(reduced + sa[i + PrefetchDistance]);
                }
                sa[i] = reduced[sa[i]];
            }

            // 4. Induce every suffix from the sorted LMS suffixes, placed at their bucket ends in order.
            new Span<int>(sa + lmsCount, n - lmsCount).Clear();
            BucketEnds(counts, buckets);
            for (var i = lmsCount - 1; i >= 0; i--)
            {
                if (i >= PrefetchDistance)
                {
                    s.Prefetch(sa[i - PrefetchDistance]);
                }
                var position = sa[i];
                sa[i] = 0;
                sa[--buckets[s[position]]] = position;
            }
            Induce(s, sa, n, counts, buckets);
        }
    }

    /// <summary>
    /// Induces the order of all suffixes from the LMS suffixes placed at their bucket ends. The sign of an
    /// entry carries "its predecessor is of the other type" (decided from the two adjacent symbols when the
    /// entry is written), so the scans read no type array: one random symbol read per suffix, and the bucket
    /// pointer stays cached while consecutive suffixes fall into the same bucket.
    /// </summary>
    private static void Induce<TSymbols>(TSymbols s, int* sa, int n, int[] counts, int[] buckets)
        where TSymbols : struct, ISymbols
    {
        fixed (int* bucket = buckets)
        {
            // L-type suffixes, left to right. A positive entry induces its predecessor now (it is L);
            // a negative one (~j) waits for the S scan. Every visited entry flips its sign.
            BucketStarts(counts, buckets);
            var j = n - 1;
            var current = s[j];
            var write = sa + bucket[current];
            // The sentinel's suffix comes first; it induces the last suffix, which is L.
            *write++ = j > 0 && s[j - 1] < current ? ~j : j;
            for (var i = 0; i < n; i++)
            {
                // The symbols before the suffixes a little ahead are read at random: start loading them now.
                if (i + PrefetchDistance < n)
                {
                    s.Prefetch(sa[i + PrefetchDistance] - 1);
                }
                j = sa[i];
                sa[i] = ~j;
                if (j > 0)
                {
                    j--;
                    var c = s[j];
                    if (c != current)
                    {
                        bucket[current] = (int)(write - sa);
                        current = c;
                        write = sa + bucket[c];
                    }
                    *write++ = j > 0 && s[j - 1] < c ? ~j : j;
                }
            }
            // S-type suffixes, right to left: a positive entry induces its (S) predecessor; a negative one is
            // final and flips back.
            BucketEnds(counts, buckets);
            current = 0;
            write = sa + bucket[0];
            for (var i = n - 1; i >= 0; i--)
            {
                if (i >= PrefetchDistance)
                {
                    s.Prefetch(sa[i - PrefetchDistance] - 1);
                }
                j = sa[i];
                if (j > 0)
                {
                    j--;
                    var c = s[j];
                    if (c != current)
                    {
                        bucket[current] = (int)(write - sa);
                        current = c;
                        write = sa + bucket[c];
                    }
                    *--write = j == 0 || s[j - 1] > c ? ~j : j;
                }
                else
                {
                    sa[i] = ~j;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Prefetch(void* address)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(address);
        }
    }

    /// <summary>The LMS positions among the 64 of word <paramref name="w"/>: S-type with an L-type predecessor
    /// (position 0 has none, so it is never LMS). Bits past the end are L, so never set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LmsBits(ulong* type, int w) =>
        type[w] & ~((type[w] << 1) | (w == 0 ? 1UL : type[w - 1] >> 63));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLms(ulong* type, int i) => i > 0 && IsS(type, i) && !IsS(type, i - 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsS(ulong* type, int i) => ((type[i >> 6] >> i) & 1) != 0;

    private static void BucketStarts(int[] counts, int[] buckets)
    {
        var sum = 0;
        for (var c = 0; c < counts.Length; c++)
        {
            buckets[c] = sum;
            sum += counts[c];
        }
    }

    private static void BucketEnds(int[] counts, int[] buckets)
    {
        var sum = 0;
        for (var c = 0; c < counts.Length; c++)
        {
            sum += counts[c];
            buckets[c] = sum;
        }
    }

    /// <summary>Symbol access, specialised by the JIT for bytes (the text) and ints (the reduced problems).</summary>
    private interface ISymbols
    {
        int this[int index] { get; }

        /// <summary>Whether the <paramref name="length"/> symbols from <paramref name="a"/> and from <paramref name="b"/> are equal.</summary>
        bool Equal(int a, int b, int length);

        /// <summary>Asks the CPU to start loading the symbol at <paramref name="index"/> (any index: a prefetch never faults).</summary>
        void Prefetch(int index);
    }

    private readonly struct ByteSymbols(byte* symbols) : ISymbols
    {
        public int this[int index]
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => symbols[index];
        }

        public bool Equal(int a, int b, int length) =>
            new ReadOnlySpan<byte>(symbols + a, length).SequenceEqual(new ReadOnlySpan<byte>(symbols + b, length));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Prefetch(int index)
        {
            if (Sse.IsSupported)
            {
                Sse.Prefetch0(symbols + index);
            }
        }
    }

    private readonly struct IntSymbols(int* symbols) : ISymbols
    {
        public int this[int index]
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => symbols[index];
        }

        public bool Equal(int a, int b, int length) =>
            new ReadOnlySpan<int>(symbols + a, length).SequenceEqual(new ReadOnlySpan<int>(symbols + b, length));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Prefetch(int index)
        {
            if (Sse.IsSupported)
            {
                Sse.Prefetch0(symbols + index);
            }
        }
    }
}
