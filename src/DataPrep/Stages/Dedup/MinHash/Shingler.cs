using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DataPrep.Text;

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
/// scanned once (UTF-16, no transcoding), and the n-gram combination runs 16 shingles per AVX-512 vector (8 per AVX2 vector in
/// the default x86-64-v3 native binary and on CPUs without AVX-512; every width gives the same hashes). The per-unit mix
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
        Hash(text, unit, n, seed, workspace, VectorWidths.Widest);

    /// <summary>The shingle hashes by the scalar definition, for checking the vectorised paths.</summary>
    internal static uint[] HashReference(ReadOnlySpan<char> text, ShingleUnit unit, int n, long seed)
    {
        var workspace = new ShingleWorkspace();
        var count = Hash(text, unit, n, seed, workspace, VectorWidth.None);
        return workspace.Hashes[..count];
    }

    /// <summary><see cref="Hash(ReadOnlySpan{char}, ShingleUnit, int, long, ShingleWorkspace)"/> with the given vector width
    /// (tests run each width the machine accelerates).</summary>
    internal static int Hash(ReadOnlySpan<char> text, ShingleUnit unit, int n, long seed, ShingleWorkspace workspace, VectorWidth width)
    {
        workspace.EnsureCapacity(text.Length);
        var multipliers = workspace.Multipliers(seed, n);
        var unitSeed = (uint)seed ^ (uint)((ulong)seed >> 32);
        var units = unit == ShingleUnit.Chars
            ? SplitChars(text, workspace.Units, width)
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
        switch (width)
        {
            case VectorWidth.Bits512:
                Combine512(values, units, n, unitSeed, multipliers, hashes, count);
                break;
            case VectorWidth.Bits256:
                Combine256(values, units, n, unitSeed, multipliers, hashes, count);
                break;
            default:
                CombineScalar(values, units, n, unitSeed, multipliers, hashes, count);
                break;
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

    /// <summary><see cref="Combine512"/> with 8 lanes per vector (AVX2).</summary>
    private static void Combine256(Span<uint> values, int units, int n, uint unitSeed, uint[] multipliers, uint[] hashes, int count)
    {
        ref var v = ref MemoryMarshal.GetReference(values);
        var seedVector = Vector256.Create(unitSeed);
        for (nuint j = 0; j < (nuint)units; j += 8)
        {
            Fmix256(Vector256.LoadUnsafe(ref v, j) ^ seedVector).StoreUnsafe(ref v, j);
        }
        ref var h = ref MemoryMarshal.GetArrayDataReference(hashes);
        ref var m = ref MemoryMarshal.GetArrayDataReference(multipliers);
        for (nuint i = 0; i < (nuint)count; i += 8)
        {
            var sum = Vector256<uint>.Zero;
            for (nuint k = 0; k < (nuint)n; k++)
            {
                sum += Vector256.LoadUnsafe(ref v, i + k) * Vector256.Create(Unsafe.Add(ref m, k));
            }
            Fmix256(sum).StoreUnsafe(ref h, i);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Fmix256(Vector256<uint> h)
    {
        h ^= Vector256.ShiftRightLogical(h, 16);
        h *= Vector256.Create(0x85EB_CA6Bu);
        h ^= Vector256.ShiftRightLogical(h, 13);
        h *= Vector256.Create(0xC2B2_AE35u);
        return h ^ Vector256.ShiftRightLogical(h, 16);
    }

    private static int SplitChars(ReadOnlySpan<char> text, uint[] units, VectorWidth width)
    {
        ref var u = ref MemoryMarshal.GetArrayDataReference(units);
        nuint count = 0;
        var i = 0;
        if (width == VectorWidth.Bits256 && Avx2.IsSupported)
        {
            i = SplitChars256(text, ref u, ref count);
        }
        else if (width == VectorWidth.Bits512 && Avx512F.IsSupported)
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

    /// <summary>
    /// The AVX2 twin of the 512-bit block in <see cref="SplitChars"/>: 16 chars per step, classified in 16-bit lanes, then
    /// widened to two 8-lane halves whose kept lanes <see cref="LaneCompress256"/> moves to the front. Returns where the
    /// scalar tail starts.
    /// </summary>
    private static int SplitChars256(ReadOnlySpan<char> text, ref uint u, ref nuint count)
    {
        ref var t = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        var i = 0;
        for (; i + 16 <= text.Length; i += 16)
        {
            var c = Vector256.LoadUnsafe(ref t, (nuint)i);
            var lower = c | Vector256.Create((ushort)0x20);
            var letter = Vector256.LessThanOrEqual(lower - Vector256.Create((ushort)'a'), Vector256.Create((ushort)('z' - 'a')));
            var digit = Vector256.LessThanOrEqual(c - Vector256.Create((ushort)'0'), Vector256.Create((ushort)9));
            var hangul = Vector256.LessThanOrEqual(c - Vector256.Create((ushort)0xAC00), Vector256.Create((ushort)(0xD7A3 - 0xAC00)));
            var other = Vector256.GreaterThanOrEqual(c, Vector256.Create((ushort)0x80)) & ~hangul;
            if (other != Vector256<ushort>.Zero)
            {
                foreach (var ch in text.Slice(i, 16))
                {
                    AppendChar(ch, ref u, ref count);
                }
                continue;
            }
            var keep = (letter | digit | hangul).ExtractMostSignificantBits();
            var folded = Vector256.ConditionalSelect(letter, lower, c);
            LaneCompress256.Store(Vector256.WidenLower(folded), keep & 0xFF, ref u, ref count);
            LaneCompress256.Store(Vector256.WidenUpper(folded), keep >> 8, ref u, ref count);
        }
        return i;
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
