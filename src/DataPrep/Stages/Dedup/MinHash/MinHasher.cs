using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DataPrep.Text;

namespace DataPrep.Stages.Dedup.MinHash;

/// <summary>
/// MinHash signatures from 32-bit shingle hashes: permutation <c>i</c> maps a hash <c>x</c> to <c>(a_i·x + b_i) mod 2^32</c>
/// with odd <c>a_i</c>, and the signature keeps the minimum per permutation (32 bits per slot). <c>a_i</c> and <c>b_i</c>
/// come from SplitMix64 seeded with the configured seed, so every shard (and every run) computes identical signatures.
/// </summary>
/// <remarks>
/// Why multiply-add mod 2^32 is a sound family here: an odd <c>a</c> is invertible mod 2^32, so each map is a true
/// permutation of the 32-bit values; it is the multiply-add family of Dietzfelbinger (2-universal, the same strength as
/// the textbook <c>(a·x + b) mod p</c>). Its weak spot, low output bits that depend only on low input bits, does not
/// decide the minimum (the high bits do, and they depend on every bit of <c>x</c>), and the inputs are already
/// well-mixed hashes (<see cref="Shingler"/>), so no structure of the keys lines up with the multipliers. Measured on
/// real pairs, the Jaccard estimate error equals that of the old mod-(2^31 − 1) family (bench/results/dedup.md).
/// The arithmetic is three single-width operations per 16 permutations (<c>vpmulld</c>, <c>vpaddd</c>, <c>vpminud</c>);
/// 128 permutations are eight vectors whose multipliers, offsets and minima stay in registers across all shingles of a
/// document (24 of the 32 zmm registers), each shingle broadcast once. AVX2 and scalar paths give identical results.
/// </remarks>
internal sealed class MinHasher
{
    private readonly uint[] _a;
    private readonly uint[] _b;

    public MinHasher(int numPermutations, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numPermutations, 1);
        NumPermutations = numPermutations;
        var padded = (numPermutations + 15) & ~15;
        _a = new uint[padded];
        _b = new uint[padded];
        var state = (ulong)seed;
        for (var i = 0; i < padded; i++)
        {
            // The high half of SplitMix64: its best-mixed bits.
            _a[i] = (uint)(SplitMix64(ref state) >> 32) | 1;
            _b[i] = (uint)(SplitMix64(ref state) >> 32);
        }
    }

    public int NumPermutations { get; }

    /// <summary>Fills <paramref name="signature"/> (length <see cref="NumPermutations"/>) with the minima over
    /// <paramref name="hashes"/>; all <see cref="uint.MaxValue"/> when there are none.</summary>
    public void Compute(ReadOnlySpan<uint> hashes, Span<uint> signature) => Compute(hashes, signature, VectorWidths.Widest);

    /// <summary><see cref="Compute(ReadOnlySpan{uint}, Span{uint})"/> with the given vector width (tests run each width the
    /// machine accelerates).</summary>
    internal void Compute(ReadOnlySpan<uint> hashes, Span<uint> signature, VectorWidth width)
    {
        if (signature.Length != NumPermutations)
        {
            throw new ArgumentException($"Signature must have {NumPermutations} slots.", nameof(signature));
        }
        Span<uint> padded = _a.Length <= 1024 ? stackalloc uint[_a.Length] : new uint[_a.Length];
        padded.Fill(uint.MaxValue);
        if (!hashes.IsEmpty)
        {
            switch (width)
            {
                case VectorWidth.Bits512:
                    Compute512(hashes, padded);
                    break;
                case VectorWidth.Bits256:
                    Compute256(hashes, padded);
                    break;
                default:
                    ComputeScalar(hashes, padded);
                    break;
            }
        }
        padded[..NumPermutations].CopyTo(signature);
    }

    /// <summary>The signature by the scalar definition, for checking the vectorised paths.</summary>
    internal uint[] ComputeReference(ReadOnlySpan<uint> hashes)
    {
        var padded = new uint[_a.Length];
        padded.AsSpan().Fill(uint.MaxValue);
        if (!hashes.IsEmpty)
        {
            ComputeScalar(hashes, padded);
        }
        return padded[..NumPermutations];
    }

    /// <summary>The fraction of equal slots: an unbiased estimate of the Jaccard similarity of the shingle sets.</summary>
    public static double EstimateJaccard(ReadOnlySpan<uint> left, ReadOnlySpan<uint> right)
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

    private void Compute512(ReadOnlySpan<uint> hashes, Span<uint> signature)
    {
        ref var a = ref MemoryMarshal.GetArrayDataReference(_a);
        ref var b = ref MemoryMarshal.GetArrayDataReference(_b);
        ref var s = ref MemoryMarshal.GetReference(signature);
        nuint block = 0;
        // 128 permutations per pass over the hashes: 8 multipliers, 8 offsets and 8 minima stay in registers.
        for (; block + 128 <= (nuint)_a.Length; block += 128)
        {
            var a0 = Vector512.LoadUnsafe(ref a, block);
            var a1 = Vector512.LoadUnsafe(ref a, block + 16);
            var a2 = Vector512.LoadUnsafe(ref a, block + 32);
            var a3 = Vector512.LoadUnsafe(ref a, block + 48);
            var a4 = Vector512.LoadUnsafe(ref a, block + 64);
            var a5 = Vector512.LoadUnsafe(ref a, block + 80);
            var a6 = Vector512.LoadUnsafe(ref a, block + 96);
            var a7 = Vector512.LoadUnsafe(ref a, block + 112);
            var b0 = Vector512.LoadUnsafe(ref b, block);
            var b1 = Vector512.LoadUnsafe(ref b, block + 16);
            var b2 = Vector512.LoadUnsafe(ref b, block + 32);
            var b3 = Vector512.LoadUnsafe(ref b, block + 48);
            var b4 = Vector512.LoadUnsafe(ref b, block + 64);
            var b5 = Vector512.LoadUnsafe(ref b, block + 80);
            var b6 = Vector512.LoadUnsafe(ref b, block + 96);
            var b7 = Vector512.LoadUnsafe(ref b, block + 112);
            var m0 = Vector512<uint>.AllBitsSet;
            var (m1, m2, m3, m4, m5, m6, m7) = (m0, m0, m0, m0, m0, m0, m0);
            foreach (var h in hashes)
            {
                var x = Vector512.Create(h);
                m0 = Vector512.Min(m0, a0 * x + b0);
                m1 = Vector512.Min(m1, a1 * x + b1);
                m2 = Vector512.Min(m2, a2 * x + b2);
                m3 = Vector512.Min(m3, a3 * x + b3);
                m4 = Vector512.Min(m4, a4 * x + b4);
                m5 = Vector512.Min(m5, a5 * x + b5);
                m6 = Vector512.Min(m6, a6 * x + b6);
                m7 = Vector512.Min(m7, a7 * x + b7);
            }
            m0.StoreUnsafe(ref s, block);
            m1.StoreUnsafe(ref s, block + 16);
            m2.StoreUnsafe(ref s, block + 32);
            m3.StoreUnsafe(ref s, block + 48);
            m4.StoreUnsafe(ref s, block + 64);
            m5.StoreUnsafe(ref s, block + 80);
            m6.StoreUnsafe(ref s, block + 96);
            m7.StoreUnsafe(ref s, block + 112);
        }
        for (; block < (nuint)_a.Length; block += 16)
        {
            var a0 = Vector512.LoadUnsafe(ref a, block);
            var b0 = Vector512.LoadUnsafe(ref b, block);
            var m0 = Vector512<uint>.AllBitsSet;
            foreach (var h in hashes)
            {
                m0 = Vector512.Min(m0, a0 * Vector512.Create(h) + b0);
            }
            m0.StoreUnsafe(ref s, block);
        }
    }

    private void Compute256(ReadOnlySpan<uint> hashes, Span<uint> signature)
    {
        ref var a = ref MemoryMarshal.GetArrayDataReference(_a);
        ref var b = ref MemoryMarshal.GetArrayDataReference(_b);
        ref var s = ref MemoryMarshal.GetReference(signature);
        // 32 permutations per pass: 12 of the 16 ymm registers.
        for (nuint block = 0; block < (nuint)_a.Length; block += 16)
        {
            var a0 = Vector256.LoadUnsafe(ref a, block);
            var a1 = Vector256.LoadUnsafe(ref a, block + 8);
            var b0 = Vector256.LoadUnsafe(ref b, block);
            var b1 = Vector256.LoadUnsafe(ref b, block + 8);
            var m0 = Vector256<uint>.AllBitsSet;
            var m1 = m0;
            foreach (var h in hashes)
            {
                var x = Vector256.Create(h);
                m0 = Vector256.Min(m0, a0 * x + b0);
                m1 = Vector256.Min(m1, a1 * x + b1);
            }
            m0.StoreUnsafe(ref s, block);
            m1.StoreUnsafe(ref s, block + 8);
        }
    }

    private void ComputeScalar(ReadOnlySpan<uint> hashes, Span<uint> signature)
    {
        for (var i = 0; i < _a.Length; i++)
        {
            var (a, b, min) = (_a[i], _b[i], uint.MaxValue);
            foreach (var h in hashes)
            {
                min = Math.Min(min, unchecked(a * h + b));
            }
            signature[i] = min;
        }
    }

    internal static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE5_E9B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}
