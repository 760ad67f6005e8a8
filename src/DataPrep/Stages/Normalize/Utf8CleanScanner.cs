using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DataPrep.Text;

namespace DataPrep.Stages.Normalize;

/// <summary>
/// The vector scans behind <see cref="NormalizeStage"/>'s UTF-8 path, 64 bytes per step, each byte judged with its
/// neighbours: one pass that says whether text is trivially NFC and whether it needs cleaning, and the search for the
/// next byte where cleaning has to change something (so runs of words with single spaces are copied whole).
/// </summary>
internal static class Utf8CleanScanner
{
    /// <summary>What <see cref="Scan"/> found.</summary>
    internal enum Finding
    {
        /// <summary>Trivially NFC (or not asked) and nothing to clean.</summary>
        Clean,

        /// <summary>Trivially NFC (or not asked) and something to clean.</summary>
        NeedsCleaning,

        /// <summary>The trivial NFC test failed; the cleaning question is not answered.</summary>
        NotTriviallyNfc,
    }

    private const int Block = 64;

    /// <summary>
    /// One pass over valid UTF-8 whose ends are already trimmed: when <paramref name="checkNfc"/>, whether every character is
    /// one that is NFC whatever surrounds it (<see cref="Nfc.IsTriviallyNormalized(ReadOnlySpan{byte})"/>), and whether it
    /// holds something the cleaning rules change: a control but the newline, DEL, a removable or Unicode space character,
    /// and with <c>CollapseSpaces</c> two spaces, a space before or after a line break, or more line breaks in a row than
    /// <c>MaxConsecutiveNewlines</c>.
    /// </summary>
    internal static Finding Scan(ReadOnlySpan<byte> utf8, NormalizeOptions options, bool checkNfc)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            if (checkNfc && !Nfc.IsTriviallyNormalized(utf8))
            {
                return Finding.NotTriviallyNfc;
            }
            return NeedsCleaningScalar(utf8, options) ? Finding.NeedsCleaning : Finding.Clean;
        }
        var state = new ScanState(options);
        ref var start = ref MemoryMarshal.GetReference(utf8);
        var i = 0;
        for (; i + Block + 2 <= utf8.Length; i += Block)
        {
            var nfcOk = ScanBlock(ref Unsafe.Add(ref start, i), ref state, checkNfc);
            if (checkNfc && !nfcOk && !BlockIsTriviallyNfc(utf8, i))
            {
                return Finding.NotTriviallyNfc;
            }
            if (state.Dirty)
            {
                return !checkNfc || Nfc.IsTriviallyNormalized(utf8[CharStart(utf8, i)..]) ? Finding.NeedsCleaning : Finding.NotTriviallyNfc;
            }
        }
        // The rest (under 66 bytes) through a padded copy: 'a' after the end neither pairs with a space or line break nor fails NFC.
        Span<byte> tail = stackalloc byte[2 * Block + 2];
        tail.Fill((byte)'a');
        utf8[i..].CopyTo(tail);
        for (var t = 0; i + t < utf8.Length; t += Block)
        {
            var nfcOk = ScanBlock(ref tail[t], ref state, checkNfc);
            if (checkNfc && !nfcOk && !BlockIsTriviallyNfc(utf8, i + t))
            {
                return Finding.NotTriviallyNfc;
            }
        }
        return state.Dirty ? Finding.NeedsCleaning : Finding.Clean;
    }

    // The characters whose lead byte is in utf8[at..at+64], one by one, with the exact (not only the vector) test.
    private static bool BlockIsTriviallyNfc(ReadOnlySpan<byte> utf8, int at)
    {
        var from = CharStart(utf8, at);
        var to = Math.Min(utf8.Length, at + Block);
        while (to < utf8.Length && (utf8[to] & 0xC0) == 0x80)
        {
            to++;
        }
        return Nfc.IsTriviallyNormalized(utf8[from..to]);
    }

    private static int CharStart(ReadOnlySpan<byte> utf8, int at)
    {
        while (at > 0 && at < utf8.Length && (utf8[at] & 0xC0) == 0x80)
        {
            at--;
        }
        return at;
    }

    private struct ScanState(NormalizeOptions options)
    {
        public readonly bool CollapseSpaces = options.CollapseSpaces;
        public readonly int MaxNewlines = options.MaxConsecutiveNewlines;
        public int NewlineCarry; // line breaks at the end of the blocks before
        public bool Dirty;
    }

    // One 64-byte block (and the two bytes after it): records cleaning work in state, returns whether the vector NFC test passed.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ScanBlock(ref byte at, ref ScanState state, bool checkNfc)
    {
        var bytes = Vector512.LoadUnsafe(ref at);
        var next = Vector512.LoadUnsafe(ref at, 1);
        var next2 = Vector512.LoadUnsafe(ref at, 2);
        var newline = Vector512.Equals(bytes, Vector512.Create((byte)'\n'));
        // Controls but the newline, DEL.
        var dirty = (Vector512.LessThan(bytes, Vector512.Create((byte)0x20)) & ~newline) | Vector512.Equals(bytes, Vector512.Create((byte)0x7F));
        dirty |= SuspiciousLeads(bytes, next, next2);
        if (state.CollapseSpaces)
        {
            var space = Vector512.Equals(bytes, Vector512.Create((byte)' '));
            var nextSpace = Vector512.Equals(next, Vector512.Create((byte)' '));
            dirty |= (space & (nextSpace | Vector512.Equals(next, Vector512.Create((byte)'\n')))) | (newline & nextSpace);
        }
        if (dirty != Vector512<byte>.Zero)
        {
            state.Dirty = true;
        }
        if (state.MaxNewlines > 0)
        {
            var lines = newline.ExtractMostSignificantBits();
            if (lines == 0)
            {
                state.NewlineCarry = 0;
            }
            else
            {
                state.Dirty |= HasLongNewlineRun(lines, ref state.NewlineCarry, state.MaxNewlines);
            }
        }
        if (!checkNfc)
        {
            return true;
        }
        return Nfc.IsTriviallyNfcBlock(bytes, next, next2);
    }

    // A run of more than max line breaks, within this block's mask or continuing the run the blocks before ended with.
    private static bool HasLongNewlineRun(ulong lines, ref int carry, int max)
    {
        var leading = BitOperations.TrailingZeroCount(~lines); // 64 when the whole block is line breaks
        if ((long)carry + leading > max)
        {
            return true;
        }
        if (max < Block)
        {
            var run = lines;
            for (var k = 0; k < max && run != 0; k++)
            {
                run &= run >> 1; // bit j stays set while bits j..j+k+1 are all line breaks
            }
            if (run != 0)
            {
                return true;
            }
        }
        carry = lines == ulong.MaxValue ? carry + Block : BitOperations.LeadingZeroCount(~lines);
        return false;
    }

    // Lead bytes of the non-ASCII characters the cleaning rules remove or turn into a space, decided with their continuation
    // bytes: U+0080-U+00A0 and U+00AD (C2 ..), U+1680 (E1 9A 80), U+2000-U+200B, U+200E-U+200F, U+202F (E2 80 ..),
    // U+205F-U+2060 (E2 81 9F-A0), U+3000 (E3 80 80), U+FEFF (EF BB BF).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> SuspiciousLeads(Vector512<byte> bytes, Vector512<byte> next, Vector512<byte> next2)
    {
        var leads = Vector512.Equals(bytes, Vector512.Create((byte)0xC2)) | Vector512.Equals(bytes, Vector512.Create((byte)0xE1))
            | Vector512.LessThan(bytes - Vector512.Create((byte)0xE2), Vector512.Create((byte)2)) | Vector512.Equals(bytes, Vector512.Create((byte)0xEF));
        if (leads == Vector512<byte>.Zero)
        {
            return Vector512<byte>.Zero;
        }
        var c2 = Vector512.Equals(bytes, Vector512.Create((byte)0xC2))
            & (Vector512.LessThan(next - Vector512.Create((byte)0x80), Vector512.Create((byte)0x21)) | Vector512.Equals(next, Vector512.Create((byte)0xAD)));
        var e1 = Vector512.Equals(bytes, Vector512.Create((byte)0xE1)) & Vector512.Equals(next, Vector512.Create((byte)0x9A))
            & Vector512.Equals(next2, Vector512.Create((byte)0x80));
        var e2 = Vector512.Equals(bytes, Vector512.Create((byte)0xE2))
            & ((Vector512.Equals(next, Vector512.Create((byte)0x80))
                    & (Vector512.LessThan(next2 - Vector512.Create((byte)0x80), Vector512.Create((byte)0x0C))
                        | Vector512.LessThan(next2 - Vector512.Create((byte)0x8E), Vector512.Create((byte)2))
                        | Vector512.Equals(next2, Vector512.Create((byte)0xAF))))
                | (Vector512.Equals(next, Vector512.Create((byte)0x81)) & Vector512.LessThan(next2 - Vector512.Create((byte)0x9F), Vector512.Create((byte)2))));
        var e3 = Vector512.Equals(bytes, Vector512.Create((byte)0xE3)) & Vector512.Equals(next, Vector512.Create((byte)0x80))
            & Vector512.Equals(next2, Vector512.Create((byte)0x80));
        var ef = Vector512.Equals(bytes, Vector512.Create((byte)0xEF)) & Vector512.Equals(next, Vector512.Create((byte)0xBB))
            & Vector512.Equals(next2, Vector512.Create((byte)0xBF));
        return c2 | e1 | e2 | e3 | ef;
    }

    /// <summary>
    /// The first index at or after <paramref name="from"/> where the cleaning rules may change something: a byte other than an
    /// ordinary one (controls, line breaks, spaces, DEL, the lead bytes of removable or Unicode space characters), except a
    /// single space between two ordinary bytes after <paramref name="from"/> (it is kept as it is). <paramref name="from"/> must
    /// be a character boundary; returns the length when there is none.
    /// </summary>
    internal static int NextStop(ReadOnlySpan<byte> utf8, int from)
    {
        if (from >= utf8.Length || !IsOrdinary(utf8, from))
        {
            return from;
        }
        var i = from + 1;
        if (Vector512.IsHardwareAccelerated)
        {
            // Bit k of a step's masks is byte i-1+k; bits 1..62 are judged (each with both neighbours), so a step advances 62 bytes.
            ref var start = ref MemoryMarshal.GetReference(utf8);
            for (; i - 1 + Block + 2 <= utf8.Length; i += Block - 2)
            {
                ref var at = ref Unsafe.Add(ref start, i - 1);
                var bytes = Vector512.LoadUnsafe(ref at);
                var space = Vector512.Equals(bytes, Vector512.Create((byte)' ')).ExtractMostSignificantBits();
                var other = (Vector512.LessThanOrEqual(bytes, Vector512.Create((byte)' ')) | Vector512.Equals(bytes, Vector512.Create((byte)0x7F))
                    | SuspiciousLeads(bytes, Vector512.LoadUnsafe(ref at, 1), Vector512.LoadUnsafe(ref at, 2))).ExtractMostSignificantBits();
                var singleSpace = space & ~(other << 1) & ~(other >> 1);
                var stops = (other & ~singleSpace) & 0x7FFF_FFFF_FFFF_FFFEUL;
                if (stops != 0)
                {
                    return i - 1 + BitOperations.TrailingZeroCount(stops);
                }
            }
        }
        for (; i < utf8.Length; i++)
        {
            if (!IsOrdinary(utf8, i) && !(utf8[i] == ' ' && IsOrdinary(utf8, i - 1) && i + 1 < utf8.Length && IsOrdinary(utf8, i + 1)))
            {
                return i;
            }
        }
        return utf8.Length;
    }

    // Not a control, space, DEL or the lead byte of a character the rules remove or turn into a space (continuation bytes are ordinary).
    private static bool IsOrdinary(ReadOnlySpan<byte> utf8, int at)
    {
        var b = utf8[at];
        if (b <= 0x20 || b == 0x7F)
        {
            return false;
        }
        return b is not (0xC2 or 0xE1 or 0xE2 or 0xE3 or 0xEF) || !IsSuspiciousSequence(utf8[at..]);
    }

    /// <summary>Whether the character starting at <paramref name="utf8"/>[0] (a lead byte) is one the cleaning rules remove or turn into a space.</summary>
    internal static bool IsSuspiciousSequence(ReadOnlySpan<byte> utf8)
    {
        var b1 = utf8.Length > 1 ? utf8[1] : 0;
        var b2 = utf8.Length > 2 ? utf8[2] : 0;
        return utf8[0] switch
        {
            0xC2 => b1 is >= 0x80 and <= 0xA0 or 0xAD,
            0xE1 => b1 == 0x9A && b2 == 0x80,
            0xE2 => b1 == 0x80 && b2 is >= 0x80 and <= 0x8B or 0x8E or 0x8F or 0xAF || b1 == 0x81 && b2 is 0x9F or 0xA0,
            0xE3 => b1 == 0x80 && b2 == 0x80,
            0xEF => b1 == 0xBB && b2 == 0xBF,
            _ => false,
        };
    }

    // The scan without vectors: the searches the stage made before the fused pass.
    private static bool NeedsCleaningScalar(ReadOnlySpan<byte> utf8, NormalizeOptions options)
    {
        for (var i = 0; i < utf8.Length; i++)
        {
            var b = utf8[i];
            if (b < 0x20 && b != '\n' || b == 0x7F || b is 0xC2 or 0xE1 or 0xE2 or 0xE3 or 0xEF && IsSuspiciousSequence(utf8[i..]))
            {
                return true;
            }
        }
        if (options.CollapseSpaces && (utf8.IndexOf("  "u8) >= 0 || utf8.IndexOf(" \n"u8) >= 0 || utf8.IndexOf("\n "u8) >= 0))
        {
            return true;
        }
        if (options.MaxConsecutiveNewlines > 0)
        {
            var run = 0;
            foreach (var b in utf8)
            {
                run = b == '\n' ? run + 1 : 0;
                if (run > options.MaxConsecutiveNewlines)
                {
                    return true;
                }
            }
        }
        return false;
    }
}
