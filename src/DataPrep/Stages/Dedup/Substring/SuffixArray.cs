using System.Buffers;
using System.Buffers.Binary;
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
    /// positions of the suffixes of <paramref name="text"/> in ascending order; <paramref name="scratch"/> is working
    /// memory to reuse across the builds of one thread (a fresh one when null).</summary>
    public static void Build(ReadOnlySpan<byte> text, Span<int> suffixes, SuffixArrayScratch? scratch = null)
    {
        if (suffixes.Length != text.Length)
        {
            throw new ArgumentException($"The suffix array needs {text.Length} entries, not {suffixes.Length}.", nameof(suffixes));
        }
        fixed (byte* t = text)
        fixed (int* sa = suffixes)
        {
            Sort(new ByteSymbols(t, text.Length), sa, text.Length, 256, scratch ?? new SuffixArrayScratch());
        }
    }

    /// <summary>One level of SA-IS over <paramref name="n"/> symbols in <c>[0, alphabet)</c>.</summary>
    private static void Sort<TSymbols>(TSymbols s, int* sa, int n, int alphabet, SuffixArrayScratch scratch) where TSymbols : struct, ISymbols
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
        // Working arrays come from the shared pool: fresh memory costs a page fault per 4 KiB on first touch, which on
        // this (virtual) machine costs about as much as a pass over it, and blocks and levels are built over and over.
        var types = ArrayPool<ulong>.Shared.Rent((n + 63) >> 6);
        var countsArray = ArrayPool<int>.Shared.Rent(alphabet);
        var bucketsArray = ArrayPool<int>.Shared.Rent(alphabet);
        var counts = countsArray.AsSpan(0, alphabet);
        var buckets = bucketsArray.AsSpan(0, alphabet);
        counts.Clear();
        try
        {
            SortLevel(s, sa, n, counts, buckets, types, scratch);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(bucketsArray);
            ArrayPool<int>.Shared.Return(countsArray);
            ArrayPool<ulong>.Shared.Return(types);
        }
    }

    /// <summary>The level itself, with the symbol counts (zeroed), the bucket pointers and the type bits (one bit per
    /// position, set for S-type: an eighth of a type byte per position, so the random look-ups while naming hit the
    /// cache far more often) as working arrays.</summary>
    private static void SortLevel<TSymbols>(TSymbols s, int* sa, int n, Span<int> counts, Span<int> buckets, ulong[] types, SuffixArrayScratch scratch)
        where TSymbols : struct, ISymbols
    {
        fixed (ulong* type = types)
        {
            // The last symbol is L: the sentinel after it is smaller. Its word is only stored by the loop below when it
            // holds an earlier position too, and a pooled array is not zeroed.
            type[(n - 1) >> 6] = 0;
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

            // 1–2. Sort the LMS substrings and name them: equal ones get equal names, in sorted order; a name only one
            // LMS substring has is flagged unique. The names sit at sa[lmsCount + position / 2], the other entries are -1.
            var words = (n + 63) >> 6;
            var (lmsCount, names) = typeof(TSymbols) == typeof(ByteSymbols)
                ? NameByKeys(Unsafe.As<TSymbols, ByteSymbols>(ref s), sa, n, type, words, scratch)
                : NameByInducing(Unsafe.As<TSymbols, IntSymbols>(ref s), sa, n, counts, buckets, type, words);
            // The reduced string, names in text order (unique ones flagged), at the end of the array. Counted on the
            // way: the positions the recursion would still need if it left out the unique names (see SortReduced).
            var reduced = sa + n - lmsCount;
            var needed = 0;
            var rightIsUnique = false;
            for (int i = n - 1, j = n - 1; i >= lmsCount; i--)
            {
                var name = sa[i];
                if (name >= 0)
                {
                    sa[j--] = name;
                    var isUnique = (name & UniqueName) != 0;
                    needed += !isUnique ? 1 + (rightIsUnique ? 1 : 0) : 0;
                    rightIsUnique = isUnique;
                }
            }

            // 3. Sort the LMS suffixes: recurse when two LMS substrings share a name.
            if (names < lmsCount)
            {
                SortReduced(reduced, sa, lmsCount, names, needed, scratch);
            }
            else
            {
                for (var i = 0; i < lmsCount; i++)
                {
                    sa[reduced[i] & ~UniqueName] = i;
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
    /// Steps 1–2 of level 0 (bytes) without inducing: LMS substrings of text are short (≈ 4 bytes on Korean UTF-8), so
    /// they are sorted by their first 8 bytes directly. A counting pass by the first two bytes puts each LMS position
    /// in its bucket (in text order, so the text is read sequentially), with a key of bytes 2–7; each bucket is then
    /// radix-sorted by that key in cache and named on the way. Only a group of equal keys whose substrings are not all
    /// the same length of at most 8 bytes (longer ones, the last one, or padding that equals real 0xFF bytes) is sorted
    /// by comparing the substrings (<see cref="LmsSubstringOrder"/>). Returns the number of LMS positions and of names.
    /// </summary>
    private static (int LmsCount, int Names) NameByKeys(ByteSymbols s, int* sa, int n, ulong* type, int words, SuffixArrayScratch scratch)
    {
        var t = s.Bytes;
        var startsArray = ArrayPool<int>.Shared.Rent(PrefixBuckets + 1);
        try
        {
            fixed (int* starts = startsArray)
            {
                new Span<int>(starts, PrefixBuckets + 1).Clear();
                var lmsCount = 0;
                var lastLms = -1;
                for (var w = 0; w < words; w++)
                {
                    for (var bits = LmsBits(type, w); bits != 0; bits &= bits - 1)
                    {
                        // An LMS position is S-type and the last position is L, so i + 1 < n.
                        var i = (w << 6) + BitOperations.TrailingZeroCount(bits);
                        starts[(t[i] << 8) | t[i + 1]]++;
                        lmsCount++;
                        lastLms = i;
                    }
                }
                new Span<int>(sa + lmsCount, n - lmsCount).Fill(-1);
                if (lmsCount == 0)
                {
                    return (0, 0);
                }
                var largest = 0;
                for (int c = 0, sum = 0; c <= PrefixBuckets; c++)
                {
                    var count = starts[c];
                    starts[c] = sum;
                    sum += count;
                    largest = Math.Max(largest, count);
                }
                var keysArray = scratch.Keys(lmsCount + largest);
                var positionsArray = scratch.Positions(largest);
                fixed (ulong* keys = keysArray)
                fixed (int* positions = positionsArray)
                {
                    // Each position and its key go to the next free entry of its bucket; starts[c] ends at the
                    // bucket's end, which is the next bucket's start.
                    var previous = -1;
                    for (var w = 0; w < words; w++)
                    {
                        for (var bits = LmsBits(type, w); bits != 0; bits &= bits - 1)
                        {
                            var i = (w << 6) + BitOperations.TrailingZeroCount(bits);
                            if (previous >= 0)
                            {
                                var entry = starts[(t[previous] << 8) | t[previous + 1]]++;
                                sa[entry] = previous;
                                keys[entry] = Key(t, n, previous, i - previous + 1);
                            }
                            previous = i;
                        }
                    }
                    var last = starts[(t[lastLms] << 8) | t[lastLms + 1]]++;
                    sa[last] = lastLms;
                    keys[last] = Key(t, n, lastLms, 0);
                    var names = NameBuckets(new LmsSubstringOrder(t, n, type, lastLms), sa, lmsCount, starts, keys,
                        keys + lmsCount, positions);
                    return (lmsCount, names);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(startsArray);
        }
    }

    /// <summary>Buckets of LMS positions by their first two bytes.</summary>
    private const int PrefixBuckets = 1 << 16;

    /// <summary>Buckets up to this size are sorted by comparison: a radix pass costs its histograms.</summary>
    private const int SmallBucket = 64;

    /// <summary>
    /// The sort key of the LMS substring at <paramref name="position"/> of <paramref name="length"/> bytes (up to and
    /// including the next LMS position; 0 for the last one, which runs into the sentinel): its bytes 2–7 big-endian in
    /// the top 48 bits, bytes past its end 0xFF (a substring that is a proper prefix of another sorts after it: the
    /// other one's byte there is L-type, this one's S-type) and, for the last one, bytes past the text 0 (the sentinel
    /// sorts first). The low 16 bits hold the length when the key holds the whole substring (at most 8 bytes, not the
    /// last), else 0: equal keys then mean equal substrings.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(byte* t, int n, int position, int length)
    {
        ulong word;
        if (position <= n - sizeof(ulong))
        {
            word = BinaryPrimitives.ReadUInt64BigEndian(new ReadOnlySpan<byte>(t + position, sizeof(ulong)));
        }
        else
        {
            word = 0;
            for (var k = 0; k < sizeof(ulong); k++)
            {
                word = (word << 8) | (position + k < n ? t[position + k] : 0UL);
            }
        }
        if (length == 0)
        {
            return word << 16;
        }
        if (length < sizeof(ulong))
        {
            word |= ulong.MaxValue >> (8 * length);
        }
        return (word << 16) | (length <= sizeof(ulong) ? (ulong)length : 0UL);
    }

    /// <summary>Sorts every bucket (<paramref name="ends"/>[c] is bucket c's end) by key and names the LMS substrings in
    /// order; <paramref name="keyBuffer"/> and <paramref name="positionBuffer"/> hold the largest bucket.</summary>
    private static int NameBuckets(LmsSubstringOrder order, int* sa, int lmsCount, int* ends, ulong* keys, ulong* keyBuffer, int* positionBuffer)
    {
        var names = 0;
        var histograms = stackalloc int[KeyDigits * 256];
        for (int c = 0, start = 0; c < PrefixBuckets; c++)
        {
            var end = ends[c];
            if (end - start > 1)
            {
                SortBucket(keys + start, sa + start, end - start, keyBuffer, positionBuffer, histograms);
            }
            for (var i = start; i < end;)
            {
                var key = keys[i] >> 16;
                var length = keys[i] & 0xFFFF;
                var exact = length != 0;
                var group = i + 1;
                for (; group < end && keys[group] >> 16 == key; group++)
                {
                    exact &= (keys[group] & 0xFFFF) == length;
                }
                if (exact)
                {
                    Name(sa, lmsCount, sa + i, group - i, names++);
                }
                else
                {
                    new Span<int>(sa + i, group - i).Sort(order);
                    for (int j = i + 1, first = i; j <= group; j++)
                    {
                        if (j == group || order.Compare(sa[j - 1], sa[j]) != 0)
                        {
                            Name(sa, lmsCount, sa + first, j - first, names++);
                            first = j;
                        }
                    }
                }
                i = group;
            }
            start = end;
        }
        return names;
    }

    /// <summary>Bytes 2–7 of an LMS substring: the digits of its key.</summary>
    private const int KeyDigits = 6;

    /// <summary>Sorts a bucket's keys with its positions: least significant digit first, each pass stable, passes
    /// whose digit is the same for the whole bucket skipped (padding, mostly).</summary>
    private static void SortBucket(ulong* keys, int* positions, int count, ulong* keyBuffer, int* positionBuffer, int* histograms)
    {
        if (count <= SmallBucket)
        {
            new Span<ulong>(keys, count).Sort(new Span<int>(positions, count));
            return;
        }
        new Span<int>(histograms, KeyDigits * 256).Clear();
        for (var i = 0; i < count; i++)
        {
            var key = keys[i];
            for (var d = 0; d < KeyDigits; d++)
            {
                histograms[(d << 8) | (int)((key >> (16 + 8 * d)) & 0xFF)]++;
            }
        }
        ulong* fromKeys = keys, toKeys = keyBuffer;
        int* from = positions, to = positionBuffer;
        for (var d = 0; d < KeyDigits; d++)
        {
            var shift = 16 + 8 * d;
            var histogram = histograms + (d << 8);
            if (histogram[(int)((keys[0] >> shift) & 0xFF)] == count)
            {
                continue;
            }
            for (int b = 0, sum = 0; b < 256; b++)
            {
                var size = histogram[b];
                histogram[b] = sum;
                sum += size;
            }
            for (var i = 0; i < count; i++)
            {
                var key = fromKeys[i];
                var slot = histogram[(int)((key >> shift) & 0xFF)]++;
                toKeys[slot] = key;
                to[slot] = from[i];
            }
            var keysSorted = toKeys;
            toKeys = fromKeys;
            fromKeys = keysSorted;
            var positionsSorted = to;
            to = from;
            from = positionsSorted;
        }
        if (fromKeys != keys)
        {
            new Span<ulong>(fromKeys, count).CopyTo(new Span<ulong>(keys, count));
            new Span<int>(from, count).CopyTo(new Span<int>(positions, count));
        }
    }

    /// <summary>Gives the <paramref name="count"/> equal LMS substrings at <paramref name="group"/> the name
    /// <paramref name="name"/> in their slots, flagged unique when there is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Name(int* sa, int lmsCount, int* group, int count, int name)
    {
        var value = count == 1 ? name | UniqueName : name;
        for (var i = 0; i < count; i++)
        {
            sa[lmsCount + (group[i] >> 1)] = value;
        }
    }

    /// <summary>
    /// The order of LMS substrings (each up to and including the next LMS position; the last one up to the text's
    /// end and the sentinel) that is consistent with their suffixes': by bytes, and when one is a proper prefix of the
    /// other, the longer first (its byte where the shorter ends is L-type, the shorter's S-type); the last one before
    /// any other it matches (the sentinel is smallest). Equal means same length and bytes.
    /// </summary>
    private readonly struct LmsSubstringOrder(byte* t, int n, ulong* type, int lastLms) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            if (a == b)
            {
                return 0;
            }
            int lengthA = Length(a), lengthB = Length(b);
            var common = Math.Min(lengthA, lengthB);
            var order = new ReadOnlySpan<byte>(t + a, common).SequenceCompareTo(new ReadOnlySpan<byte>(t + b, common));
            if (order != 0)
            {
                return order;
            }
            if (a == lastLms || b == lastLms)
            {
                return a == lastLms ? -1 : 1;
            }
            return lengthB - lengthA;
        }

        /// <summary>Bytes from <paramref name="position"/> up to and including the next LMS position (to the end for the last).</summary>
        private int Length(int position)
        {
            if (position == lastLms)
            {
                return n - position;
            }
            var w = (position + 1) >> 6;
            var bits = LmsBits(type, w) & (ulong.MaxValue << ((position + 1) & 63));
            while (bits == 0)
            {
                bits = LmsBits(type, ++w);
            }
            return (w << 6) + BitOperations.TrailingZeroCount(bits) - position + 1;
        }
    }

    /// <summary>Steps 1–2 of a level over ints (the reduced problems): the LMS positions at their bucket ends, induced
    /// into LMS-substring order, then named by comparing neighbours. Returns the number of LMS positions and of names.</summary>
    private static (int LmsCount, int Names) NameByInducing(IntSymbols s, int* sa, int n, Span<int> counts, Span<int> buckets, ulong* type, int words)
    {
        // 1. Sort the LMS substrings: LMS positions at their bucket ends, then induce.
        new Span<int>(sa, n).Clear();
        BucketEnds(counts, buckets);
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
        if (lastLms >= 0)
        {
            sa[lmsCount + (lastLms >> 1)] = 0;
        }
        var names = 0;
        var previous = -1;
        var previousLength = 0;
        var previousSlot = -1;
        var groupSize = 0;
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
                if (groupSize == 1)
                {
                    sa[previousSlot] |= UniqueName;
                }
                names++;
                previous = position;
                previousLength = length;
                groupSize = 0;
            }
            sa[slot] = names - 1;
            previousSlot = slot;
            groupSize++;
        }
        if (groupSize == 1)
        {
            sa[previousSlot] |= UniqueName;
        }
        return (lmsCount, names);
    }

    /// <summary>
    /// Sorts the suffixes of the reduced string <paramref name="reduced"/> (<paramref name="m"/> names below
    /// <paramref name="names"/>, the unique ones flagged with <see cref="UniqueName"/>) into <paramref name="sa"/>[0, m).
    /// A suffix that starts with a unique name is placed by that name alone, and a comparison of two suffixes
    /// ends at the latest at the first unique name either reaches. So when many names are unique (the deeper
    /// levels: 46% of the positions at the second, 97% at the third on Korean wiki text), the recursion sorts
    /// a shorter string instead: every position with a shared name, each followed by the unique name that ends
    /// its run, in text order (<paramref name="needed"/> positions). Its suffixes compare as their originals
    /// do, and each shared name's positions come out in the right order; the unique ones go to their name's slot.
    /// </summary>
    private static void SortReduced(int* reduced, int* sa, int m, int names, int needed, SuffixArrayScratch scratch)
    {
        // Too little to gain: the extra passes and the buffer would cost more than the shorter recursion saves.
        if (needed > m - (m >> 3))
        {
            for (var i = 0; i < m; i++)
            {
                reduced[i] &= ~UniqueName;
            }
            Sort(new IntSymbols(reduced), sa, m, names, scratch);
            return;
        }
        // The shorter string and, for each of its positions, the reduced string's position it stands for.
        var buffer = ArrayPool<int>.Shared.Rent(2 * needed);
        var startsArray = ArrayPool<int>.Shared.Rent(names);
        var starts = startsArray.AsSpan(0, names);
        starts.Clear();
        try
        {
            SortShorter(reduced, sa, m, names, needed, buffer, starts, scratch);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(startsArray);
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    /// <summary>The shortened recursion of <see cref="SortReduced"/>, with its buffer (the shorter string, then where
    /// each of its positions came from) and each name's count (zeroed).</summary>
    private static void SortShorter(int* reduced, int* sa, int m, int names, int needed, int[] buffer, Span<int> starts, SuffixArrayScratch scratch)
    {
        fixed (int* shorter = buffer)
        {
            var origins = shorter + needed;
            var kept = 0;
            var leftIsUnique = true;
            for (var i = 0; i < m; i++)
            {
                var name = reduced[i];
                var isUnique = (name & UniqueName) != 0;
                name &= ~UniqueName;
                reduced[i] = name;
                starts[name]++;
                if (!isUnique || !leftIsUnique)
                {
                    shorter[kept] = name;
                    origins[kept++] = i;
                }
                leftIsUnique = isUnique;
            }
            Sort(new IntSymbols(shorter), sa, needed, names, scratch);
            // Each name's first slot in the order of the reduced string's suffixes.
            for (int c = 0, sum = 0; c < names; c++)
            {
                var count = starts[c];
                starts[c] = sum;
                sum += count;
            }
            // Every kept position in its sorted order (a unique name's one is in its only slot)...
            for (var i = 0; i < needed; i++)
            {
                shorter[i] = origins[sa[i]];
            }
            fixed (int* start = starts)
            {
                for (var i = 0; i < needed; i++)
                {
                    var position = shorter[i];
                    sa[start[reduced[position]]++] = position;
                }
                // ... then the left-out unique ones: those after another unique name (or first).
                for (int i = 0, k = 0; i < m; i++)
                {
                    if (k < needed && origins[k] == i)
                    {
                        k++;
                    }
                    else
                    {
                        sa[start[reduced[i]]] = i;
                    }
                }
            }
        }
    }

    /// <summary>Flags a name in the reduced string that only one LMS substring has (names stay below 2^30).</summary>
    private const int UniqueName = 1 << 30;

    /// <summary>
    /// Induces the order of all suffixes from the LMS suffixes placed at their bucket ends. The sign of an
    /// entry carries "its predecessor is of the other type" (decided from the two adjacent symbols when the
    /// entry is written), so the scans read no type array: one random symbol read per suffix, and the bucket
    /// pointer stays cached while consecutive suffixes fall into the same bucket.
    /// </summary>
    private static void Induce<TSymbols>(TSymbols s, int* sa, int n, ReadOnlySpan<int> counts, Span<int> buckets)
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

    private static void BucketStarts(ReadOnlySpan<int> counts, Span<int> buckets)
    {
        var sum = 0;
        for (var c = 0; c < counts.Length; c++)
        {
            buckets[c] = sum;
            sum += counts[c];
        }
    }

    private static void BucketEnds(ReadOnlySpan<int> counts, Span<int> buckets)
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

        /// <summary>Asks the CPU to start loading the symbol at <paramref name="index"/> (any index: a prefetch never faults).</summary>
        void Prefetch(int index);
    }

    private readonly struct ByteSymbols(byte* symbols, int length) : ISymbols
    {
        public int this[int index]
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => symbols[index];
        }

        public byte* Bytes => symbols;

        public int Length => length;

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

        /// <summary>Whether the <paramref name="length"/> symbols from <paramref name="a"/> and from <paramref name="b"/> are equal.</summary>
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
