using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DataPrep.Stages.Dedup.MinHash;

/// <summary>
/// Turns a text into 32-bit shingle hashes, one per shingle position. The text is reduced to units: its letters and digits
/// lower-cased (invariant culture) for <see cref="ShingleUnit.Chars"/>, or the runs of them for <see cref="ShingleUnit.Words"/>
/// (each word hashed while it is scanned). Each unit gets a seeded 32-bit value, and shingle <c>i</c> (units <c>i … i+n−1</c>)
/// hashes to <c>fmix(Σ_k v[i+k]·M_k)</c> with odd multipliers <c>M_k</c> from SplitMix64(seed). A text with fewer than
/// n units but at least one is a single shingle; a text without letters or digits has none.
/// </summary>
/// <remarks>
/// Why this shape: the old per-shingle XxHash3 call over UTF-8 bytes cost about half the signature time. Here the text is
/// scanned once (UTF-16, no transcoding), and the n-gram combination runs 16 shingles per AVX-512 vector. The per-unit mix
/// matters: a linear combination of raw character codes would collide for n-grams whose codes differ by small deltas
/// (a short vector of the lattice Σ d_k·M_k ≡ 0 mod 2^32, and Hangul syllables are dense); after the mix the unit values are
/// pseudo-random, so two different n-grams collide with probability ≈ 2^−32, and the final mix hands the permutations
/// well-spread inputs. Repeated shingles are kept: the minimum is idempotent, and removing them with a hash set cost more than
/// it saved (measured, even on English with 45% repeats), so the count is shingle positions, not distinct shingles.
/// </remarks>
internal static class Shingler
{
    /// <summary>Hashes every shingle of <paramref name="text"/> into <see cref="ShingleWorkspace.Hashes"/> (text order); returns how many.</summary>
    public static int Hash(ReadOnlySpan<char> text, ShingleUnit unit, int n, long seed, ShingleWorkspace workspace) =>
        Hash(text, unit, n, seed, workspace, Vector512.IsHardwareAccelerated);

    /// <summary>The shingle hashes by the scalar definition, for checking the vectorised path.</summary>
    internal static uint[] HashReference(ReadOnlySpan<char> text, ShingleUnit unit, int n, long seed)
    {
        var workspace = new ShingleWorkspace();
        var count = Hash(text, unit, n, seed, workspace, vectorised: false);
        return workspace.Hashes[..count];
    }

    private static int Hash(ReadOnlySpan<char> text, ShingleUnit unit, int n, long seed, ShingleWorkspace workspace, bool vectorised)
    {
        workspace.EnsureCapacity(text.Length);
        var multipliers = workspace.Multipliers(seed, n);
        var unitSeed = (uint)seed ^ (uint)((ulong)seed >> 32);
        var units = unit == ShingleUnit.Chars
            ? SplitChars(text, workspace.Units, vectorised)
            : SplitWords(text, workspace.Units, unitSeed);
        if (units == 0)
        {
            return 0;
        }
        var values = workspace.Units.AsSpan(0, units + ShingleWorkspace.Padding);
        var hashes = workspace.Hashes;
        if (units < n)
        {
            // One shingle for the whole short text; M_n tags the length so it is not a full n-gram's sum by construction.
            var sum = multipliers[n] * (uint)units;
            for (var k = 0; k < units; k++)
            {
                sum += MixUnit(values[k], unitSeed) * multipliers[k];
            }
            hashes[0] = Fmix(sum);
            return 1;
        }
        var count = units - n + 1;
        if (vectorised)
        {
            Combine512(values, units, n, unitSeed, multipliers, hashes, count);
        }
        else
        {
            CombineScalar(values, units, n, unitSeed, multipliers, hashes, count);
        }
        return count;
    }

    private static void Combine512(Span<uint> values, int units, int n, uint unitSeed, uint[] multipliers, uint[] hashes, int count)
    {
        // Mix every unit once (16 per vector), then combine n shifted views: 16 shingles per n multiply-adds.
        // Lanes past the end read the (cleared, then mixed) padding: deterministic, and never returned.
        ref var v = ref MemoryMarshal.GetReference(values);
        var seedVector = Vector512.Create(unitSeed);
        for (nuint j = 0; j < (nuint)units; j += 16)
        {
            Fmix512(Vector512.LoadUnsafe(ref v, j) ^ seedVector).StoreUnsafe(ref v, j);
        }
        ref var h = ref MemoryMarshal.GetArrayDataReference(hashes);
        ref var m = ref MemoryMarshal.GetArrayDataReference(multipliers);
        for (nuint i = 0; i < (nuint)count; i += 16)
        {
            var sum = Vector512<uint>.Zero;
            for (nuint k = 0; k < (nuint)n; k++)
            {
                sum += Vector512.LoadUnsafe(ref v, i + k) * Vector512.Create(Unsafe.Add(ref m, k));
            }
            Fmix512(sum).StoreUnsafe(ref h, i);
        }
    }

    private static void CombineScalar(Span<uint> values, int units, int n, uint unitSeed, uint[] multipliers, uint[] hashes, int count)
    {
        for (var j = 0; j < units; j++)
        {
            values[j] = MixUnit(values[j], unitSeed);
        }
        for (var i = 0; i < count; i++)
        {
            var sum = 0u;
            for (var k = 0; k < n; k++)
            {
                sum += values[i + k] * multipliers[k];
            }
            hashes[i] = Fmix(sum);
        }
    }

    /// <summary>Unit value → pseudo-random 32 bits (seeded); the scalar twin of the first loop of <see cref="Combine512"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MixUnit(uint value, uint unitSeed) => Fmix(value ^ unitSeed);

    /// <summary>MurmurHash3's 32-bit finaliser: a bijection whose output bits each depend on every input bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Fmix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EB_CA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2_AE35u;
        return h ^ (h >> 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Fmix512(Vector512<uint> h)
    {
        h ^= Vector512.ShiftRightLogical(h, 16);
        h *= Vector512.Create(0x85EB_CA6Bu);
        h ^= Vector512.ShiftRightLogical(h, 13);
        h *= Vector512.Create(0xC2B2_AE35u);
        return h ^ Vector512.ShiftRightLogical(h, 16);
    }

    private static int SplitChars(ReadOnlySpan<char> text, uint[] units, bool vectorised)
    {
        ref var u = ref MemoryMarshal.GetArrayDataReference(units);
        nuint count = 0;
        var i = 0;
        if (vectorised && Avx512F.IsSupported)
        {
            // 16 chars per step when all are ASCII or Hangul syllables (most Korean and English text): classify,
            // lower-case, and compress the kept lanes to the front (vpcompressd). A full 16-lane store is safe: the
            // buffer has room for every char of the text plus the padding, and later stores overwrite the excess.
            ref var t = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            for (; i + 16 <= text.Length; i += 16)
            {
                var c = Avx512F.ConvertToVector512UInt32(Vector256.LoadUnsafe(ref t, (nuint)i));
                var lower = c | Vector512.Create(0x20u);
                var letter = Vector512.LessThanOrEqual(lower - Vector512.Create((uint)'a'), Vector512.Create((uint)('z' - 'a')));
                var digit = Vector512.LessThanOrEqual(c - Vector512.Create((uint)'0'), Vector512.Create(9u));
                var hangul = Vector512.LessThanOrEqual(c - Vector512.Create(0xAC00u), Vector512.Create(0xD7A3u - 0xAC00u));
                var other = Vector512.GreaterThanOrEqual(c, Vector512.Create(0x80u)) & ~hangul;
                if (other != Vector512<uint>.Zero)
                {
                    // Another script or non-ASCII punctuation: Unicode rules, one char at a time.
                    foreach (var ch in text.Slice(i, 16))
                    {
                        AppendChar(ch, ref u, ref count);
                    }
                    continue;
                }
                var keep = letter | digit | hangul;
                Avx512F.Compress(Vector512<uint>.Zero, keep, Vector512.ConditionalSelect(letter, lower, c)).StoreUnsafe(ref u, count);
                count += (nuint)BitOperations.PopCount(keep.ExtractMostSignificantBits());
            }
        }
        foreach (var c in text[i..])
        {
            AppendChar(c, ref u, ref count);
        }
        ClearPadding(units, (int)count);
        return (int)count;
    }

    /// <summary>Appends <paramref name="c"/> lower-cased when it is a letter or digit (the scalar definition of a char unit).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AppendChar(char c, ref uint units, ref nuint count)
    {
        if (c < 0x80)
        {
            var lower = (uint)(c | 0x20);
            if (lower - 'a' <= 'z' - 'a')
            {
                Unsafe.Add(ref units, count++) = lower;
            }
            else if ((uint)(c - '0') <= 9)
            {
                Unsafe.Add(ref units, count++) = c;
            }
        }
        else if (c - 0xAC00u <= 0xD7A3u - 0xAC00u)
        {
            // Hangul syllables (the bulk of Korean text) are letters and have no case.
            Unsafe.Add(ref units, count++) = c;
        }
        else if (char.IsLetterOrDigit(c))
        {
            Unsafe.Add(ref units, count++) = char.ToLowerInvariant(c);
        }
    }

    private static int SplitWords(ReadOnlySpan<char> text, uint[] units, uint unitSeed)
    {
        ref var u = ref MemoryMarshal.GetArrayDataReference(units);
        nuint count = 0;
        var word = 0u;
        var inWord = false;
        foreach (var c in text)
        {
            uint lower;
            if (c < 0x80)
            {
                var folded = (uint)(c | 0x20);
                lower = folded - 'a' <= 'z' - 'a' ? folded : (uint)(c - '0') <= 9 ? (uint)c : 0u;
            }
            else if (c - 0xAC00u <= 0xD7A3u - 0xAC00u)
            {
                lower = c;
            }
            else
            {
                lower = char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : 0u;
            }
            if (lower == 0)
            {
                if (inWord)
                {
                    Unsafe.Add(ref u, count++) = Fmix(word);
                    inWord = false;
                }
                continue;
            }
            if (!inWord)
            {
                word = unitSeed;
                inWord = true;
            }
            // Multiply-rotate per character (order-sensitive); Fmix at the end of the word spreads it.
            word = uint.RotateLeft((word ^ lower) * 0x9E37_79B1u, 13);
        }
        if (inWord)
        {
            Unsafe.Add(ref u, count++) = Fmix(word);
        }
        ClearPadding(units, (int)count);
        return (int)count;
    }

    /// <summary>Vector lanes past the last unit read these: zero them so results never depend on stale data.</summary>
    private static void ClearPadding(uint[] units, int count) => units.AsSpan(count, ShingleWorkspace.Padding).Clear();
}
