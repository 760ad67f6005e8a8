using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DataPrep.Stages.Dedup.MinHash;

/// <summary>
/// MinHash signatures from 32-bit shingle hashes: permutation <c>i</c> maps a hash <c>x</c> (first reduced
/// mod p) to <c>(a_i·x + b_i) mod p</c> with the Mersenne prime <c>p = 2^31 − 1</c>, and the signature keeps
/// the minimum per permutation. <c>a_i ∈ [1, p)</c> and <c>b_i ∈ [0, p)</c> come from SplitMix64 seeded with
/// the configured seed, so every shard (and every run) computes identical signatures.
/// </summary>
/// <remarks>
/// <c>a·x + b &lt; 2^62</c> fits 64 bits, and the product wraps the modulus up to 2^31 times, which is what
/// makes the permutations independent enough for an unbiased Jaccard estimate (a 61-bit prime with 32-bit
/// multipliers wraps at most 8 times, and its minima all follow the smallest <c>x</c>: measured, estimates
/// were off by 0.3). The reduction mod <c>2^31 − 1</c> is one fold (<c>(v &amp; p) + (v &gt;&gt; 31)</c>, below 2^32)
/// and one unsigned <c>min(v, v − p)</c>, which leaves every residue <c>r</c> as <c>r</c> except that 0 and 1 may
/// come out as <c>p</c> and <c>p + 1</c>: the map from <c>x</c> stays injective, so each permutation stays a
/// permutation (of a slightly relabelled range) and costs 8 vector operations per 8 permutations. Eight
/// permutations run per AVX-512 vector (<c>vpmuludq</c>), eight vectors at once kept in registers across all
/// shingles of a document; the AVX2 and scalar paths give identical results.
/// </remarks>
internal sealed class MinHasher
{
    public const ulong Prime = (1UL << 31) - 1;

    private readonly ulong[] _a;
    private readonly ulong[] _b;

    public MinHasher(int numPermutations, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numPermutations, 1);
        NumPermutations = numPermutations;
        var padded = (numPermutations + 31) & ~31;
        _a = new ulong[padded];
        _b = new ulong[padded];
        var state = (ulong)seed;
        for (var i = 0; i < padded; i++)
        {
            _a[i] = SplitMix64(ref state) % (Prime - 1) + 1;
            _b[i] = SplitMix64(ref state) % Prime;
        }
    }

    public int NumPermutations { get; }

    /// <summary>Reduces a 32-bit shingle hash mod p (the permutations' domain).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ToDomain(uint hash)
    {
        var x = (hash & (uint)Prime) + (hash >> 31);
        return x >= Prime ? x - (uint)Prime : x;
    }

    /// <summary>Fills <paramref name="signature"/> (length <see cref="NumPermutations"/>) with the minima over
    /// <paramref name="hashes"/> (each already below p, see <see cref="ToDomain"/>); all <see cref="ulong.MaxValue"/> when there are none.</summary>
    public void Compute(ReadOnlySpan<uint> hashes, Span<ulong> signature)
    {
        if (signature.Length != NumPermutations)
        {
            throw new ArgumentException($"Signature must have {NumPermutations} slots.", nameof(signature));
        }
        Span<ulong> padded = _a.Length <= 1024 ? stackalloc ulong[_a.Length] : new ulong[_a.Length];
        padded.Fill(ulong.MaxValue);
        if (!hashes.IsEmpty)
        {
            if (Avx512F.IsSupported)
            {
                Compute512(hashes, padded);
            }
            else if (Avx2.IsSupported)
            {
                Compute256(hashes, padded);
            }
            else
            {
                ComputeScalar(hashes, padded);
            }
        }
        padded[..NumPermutations].CopyTo(signature);
    }

    /// <summary>The signature by the scalar definition, for checking the vectorised paths.</summary>
    internal ulong[] ComputeReference(ReadOnlySpan<uint> hashes)
    {
        var padded = new ulong[_a.Length];
        padded.AsSpan().Fill(ulong.MaxValue);
        if (!hashes.IsEmpty)
        {
            ComputeScalar(hashes, padded);
        }
        return padded[..NumPermutations];
    }

    /// <summary>The fraction of equal slots: an unbiased estimate of the Jaccard similarity of the shingle sets.</summary>
    public static double EstimateJaccard(ReadOnlySpan<ulong> left, ReadOnlySpan<ulong> right)
    {
        var equal = 0;
        for (var i = 0; i < left.Length; i++)
        {
            if (left[i] == right[i])
            {
                equal++;
            }
        }
        return (double)equal / left.Length;
    }

    private void Compute512(ReadOnlySpan<uint> hashes, Span<ulong> signature)
    {
        ref var a = ref MemoryMarshal.GetArrayDataReference(_a);
        ref var b = ref MemoryMarshal.GetArrayDataReference(_b);
        ref var s = ref MemoryMarshal.GetReference(signature);
        var p = Vector512.Create(Prime);
        nuint block = 0;
        // 64 permutations per pass over the hashes: 8 multipliers, 8 offsets and 8 minima stay in
        // registers (26 of the 32 zmm registers), so each shingle costs one broadcast and 72 vector ops.
        for (; block + 64 <= (nuint)_a.Length; block += 64)
        {
            var a0 = Vector512.LoadUnsafe(ref a, block).AsUInt32();
            var a1 = Vector512.LoadUnsafe(ref a, block + 8).AsUInt32();
            var a2 = Vector512.LoadUnsafe(ref a, block + 16).AsUInt32();
            var a3 = Vector512.LoadUnsafe(ref a, block + 24).AsUInt32();
            var a4 = Vector512.LoadUnsafe(ref a, block + 32).AsUInt32();
            var a5 = Vector512.LoadUnsafe(ref a, block + 40).AsUInt32();
            var a6 = Vector512.LoadUnsafe(ref a, block + 48).AsUInt32();
            var a7 = Vector512.LoadUnsafe(ref a, block + 56).AsUInt32();
            var b0 = Vector512.LoadUnsafe(ref b, block);
            var b1 = Vector512.LoadUnsafe(ref b, block + 8);
            var b2 = Vector512.LoadUnsafe(ref b, block + 16);
            var b3 = Vector512.LoadUnsafe(ref b, block + 24);
            var b4 = Vector512.LoadUnsafe(ref b, block + 32);
            var b5 = Vector512.LoadUnsafe(ref b, block + 40);
            var b6 = Vector512.LoadUnsafe(ref b, block + 48);
            var b7 = Vector512.LoadUnsafe(ref b, block + 56);
            var m0 = Vector512<ulong>.AllBitsSet;
            var (m1, m2, m3, m4, m5, m6, m7) = (m0, m0, m0, m0, m0, m0, m0);
            foreach (var h in hashes)
            {
                var x = Vector512.Create((ulong)h).AsUInt32();
                m0 = Vector512.Min(m0, Permute512(Avx512F.Multiply(a0, x), b0, p));
                m1 = Vector512.Min(m1, Permute512(Avx512F.Multiply(a1, x), b1, p));
                m2 = Vector512.Min(m2, Permute512(Avx512F.Multiply(a2, x), b2, p));
                m3 = Vector512.Min(m3, Permute512(Avx512F.Multiply(a3, x), b3, p));
                m4 = Vector512.Min(m4, Permute512(Avx512F.Multiply(a4, x), b4, p));
                m5 = Vector512.Min(m5, Permute512(Avx512F.Multiply(a5, x), b5, p));
                m6 = Vector512.Min(m6, Permute512(Avx512F.Multiply(a6, x), b6, p));
                m7 = Vector512.Min(m7, Permute512(Avx512F.Multiply(a7, x), b7, p));
            }
            m0.StoreUnsafe(ref s, block);
            m1.StoreUnsafe(ref s, block + 8);
            m2.StoreUnsafe(ref s, block + 16);
            m3.StoreUnsafe(ref s, block + 24);
            m4.StoreUnsafe(ref s, block + 32);
            m5.StoreUnsafe(ref s, block + 40);
            m6.StoreUnsafe(ref s, block + 48);
            m7.StoreUnsafe(ref s, block + 56);
        }
        for (; block < (nuint)_a.Length; block += 32)
        {
            var a0 = Vector512.LoadUnsafe(ref a, block).AsUInt32();
            var a1 = Vector512.LoadUnsafe(ref a, block + 8).AsUInt32();
            var a2 = Vector512.LoadUnsafe(ref a, block + 16).AsUInt32();
            var a3 = Vector512.LoadUnsafe(ref a, block + 24).AsUInt32();
            var b0 = Vector512.LoadUnsafe(ref b, block);
            var b1 = Vector512.LoadUnsafe(ref b, block + 8);
            var b2 = Vector512.LoadUnsafe(ref b, block + 16);
            var b3 = Vector512.LoadUnsafe(ref b, block + 24);
            var m0 = Vector512<ulong>.AllBitsSet;
            var (m1, m2, m3) = (m0, m0, m0);
            foreach (var h in hashes)
            {
                var x = Vector512.Create((ulong)h).AsUInt32();
                m0 = Vector512.Min(m0, Permute512(Avx512F.Multiply(a0, x), b0, p));
                m1 = Vector512.Min(m1, Permute512(Avx512F.Multiply(a1, x), b1, p));
                m2 = Vector512.Min(m2, Permute512(Avx512F.Multiply(a2, x), b2, p));
                m3 = Vector512.Min(m3, Permute512(Avx512F.Multiply(a3, x), b3, p));
            }
            m0.StoreUnsafe(ref s, block);
            m1.StoreUnsafe(ref s, block + 8);
            m2.StoreUnsafe(ref s, block + 16);
            m3.StoreUnsafe(ref s, block + 24);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Permute512(Vector512<ulong> product, Vector512<ulong> b, Vector512<ulong> p)
    {
        var v = product + b;
        v = (v & p) + Vector512.ShiftRightLogical(v, 31);
        return Vector512.Min(v, v - p);
    }

    private void Compute256(ReadOnlySpan<uint> hashes, Span<ulong> signature)
    {
        ref var a = ref MemoryMarshal.GetArrayDataReference(_a);
        ref var b = ref MemoryMarshal.GetArrayDataReference(_b);
        ref var s = ref MemoryMarshal.GetReference(signature);
        var p = Vector256.Create(Prime);
        for (nuint block = 0; block < (nuint)_a.Length; block += 8)
        {
            var a0 = Vector256.LoadUnsafe(ref a, block).AsUInt32();
            var a1 = Vector256.LoadUnsafe(ref a, block + 4).AsUInt32();
            var b0 = Vector256.LoadUnsafe(ref b, block);
            var b1 = Vector256.LoadUnsafe(ref b, block + 4);
            // long.MaxValue, not all bits set: Min256 compares signed, and every permuted value is at most 2^31.
            var m0 = Vector256.Create((ulong)long.MaxValue);
            var m1 = m0;
            foreach (var h in hashes)
            {
                var x = Vector256.Create((ulong)h).AsUInt32();
                m0 = Min256(m0, Permute256(Avx2.Multiply(a0, x), b0, p));
                m1 = Min256(m1, Permute256(Avx2.Multiply(a1, x), b1, p));
            }
            m0.StoreUnsafe(ref s, block);
            m1.StoreUnsafe(ref s, block + 4);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Permute256(Vector256<ulong> product, Vector256<ulong> b, Vector256<ulong> p)
    {
        var v = product + b;
        v = (v & p) + Vector256.ShiftRightLogical(v, 31);
        // v < 2^32, so a signed compare is exact: subtract p once when v >= p (what vpminuq does on AVX-512).
        return Vector256.ConditionalSelect(Vector256.GreaterThan(v.AsInt64(), p.AsInt64()).AsUInt64() | Vector256.Equals(v, p), v - p, v);
    }

    /// <summary>Unsigned 64-bit min (AVX2 has no vpminuq): values here are below 2^32, so a signed compare is exact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Min256(Vector256<ulong> x, Vector256<ulong> y) =>
        Vector256.ConditionalSelect(Vector256.LessThan(x.AsInt64(), y.AsInt64()).AsUInt64(), x, y);

    private void ComputeScalar(ReadOnlySpan<uint> hashes, Span<ulong> signature)
    {
        for (var i = 0; i < _a.Length; i++)
        {
            var (a, b, min) = (_a[i], _b[i], ulong.MaxValue);
            foreach (var h in hashes)
            {
                var v = a * h + b;
                v = (v & Prime) + (v >> 31);
                v = Math.Min(v, v - Prime);
                min = Math.Min(min, v);
            }
            signature[i] = min;
        }
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE5_E9B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}
