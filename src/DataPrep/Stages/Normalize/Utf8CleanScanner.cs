using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DataPrep.Text;

namespace DataPrep.Stages.Normalize;

/// <summary>
/// The vector scans behind <see cref="NormalizeStage"/>'s UTF-8 path, 64 bytes per step, each byte judged with its
/// neighbours: one pass that says whether text is trivially NFC and whether it needs cleaning, and the search for the
/// next byte where cleaning has to change something (so runs of words with single spaces are copied whole).
/// </summary>
/// <remarks>
/// A step is one 512-bit register (<see cref="CleanBlock512"/>) or two 256-bit ones (<see cref="CleanBlock256"/>, for
/// AVX2 machines and the default x86-64-v3 native binary, which has no 512-bit vectors); the masks a step yields are the
/// same 64 bits either way, so the logic around them is shared. Without vectors the text is taken byte by byte.
/// </remarks>
internal static class Utf8CleanScanner
{
    /// <summary>What <see cref="Scan(ReadOnlySpan{byte}, NormalizeOptions, bool)"/> found.</summary>
    internal enum Finding
    {
        /// <summary>Trivially NFC (or not asked) and nothing to clean.</summary>
        Clean,

        /// <summary>Trivially NFC (or not asked) and something to clean.</summary>
        NeedsCleaning,

        /// <summary>The trivial NFC test failed; the cleaning question is not answered.</summary>
        NotTriviallyNfc,
    }

    private const int Block = 64; // bytes per step, whatever the vector width

    /// <summary>
    /// One pass over valid UTF-8 whose ends are already trimmed: when <paramref name="checkNfc"/>, whether every character is
    /// one that is NFC whatever surrounds it (<see cref="Nfc.IsTriviallyNormalized(ReadOnlySpan{byte})"/>), and whether it
    /// holds something the cleaning rules change: a control but the newline, DEL, a removable or Unicode space character,
    /// and with <c>CollapseSpaces</c> two spaces, a space before or after a line break, or more line breaks in a row than
    /// <c>MaxConsecutiveNewlines</c>.
    /// </summary>
    internal static Finding Scan(ReadOnlySpan<byte> utf8, NormalizeOptions options, bool checkNfc) =>
        Scan(utf8, options, checkNfc, VectorWidths.Widest);

    /// <summary>The scan with vectors of the given width (the same finding for each); internal so tests can run every width.</summary>
    internal static Finding Scan(ReadOnlySpan<byte> utf8, NormalizeOptions options, bool checkNfc, VectorWidth width) => width switch
    {
        VectorWidth.Bits512 => Scan<CleanBlock512>(utf8, options, checkNfc, width),
        VectorWidth.Bits256 => Scan<CleanBlock256>(utf8, options, checkNfc, width),
        _ => ScanScalar(utf8, options, checkNfc),
    };

    private static Finding Scan<TBlock>(ReadOnlySpan<byte> utf8, NormalizeOptions options, bool checkNfc, VectorWidth width)
        where TBlock : struct, ICleanBlock
    {
        var state = new ScanState(options);
        ref var start = ref MemoryMarshal.GetReference(utf8);
        var i = 0;
        for (; i + Block + 2 <= utf8.Length; i += Block)
        {
            var nfcOk = TBlock.Scan(ref Unsafe.Add(ref start, i), ref state, checkNfc);
            if (checkNfc && !nfcOk && !BlockIsTriviallyNfc(utf8, i, width))
            {
                return Finding.NotTriviallyNfc;
            }
            if (state.Dirty)
            {
                return !checkNfc || Nfc.IsTriviallyNormalized(utf8[CharStart(utf8, i)..], width) ? Finding.NeedsCleaning : Finding.NotTriviallyNfc;
            }
        }
        // The rest (under 66 bytes) through a padded copy: 'a' after the end neither pairs with a space or line break nor fails NFC.
        Span<byte> tail = stackalloc byte[2 * Block + 2];
        tail.Fill((byte)'a');
        utf8[i..].CopyTo(tail);
        for (var t = 0; i + t < utf8.Length; t += Block)
        {
            var nfcOk = TBlock.Scan(ref tail[t], ref state, checkNfc);
            if (checkNfc && !nfcOk && !BlockIsTriviallyNfc(utf8, i + t, width))
            {
                return Finding.NotTriviallyNfc;
            }
        }
        return state.Dirty ? Finding.NeedsCleaning : Finding.Clean;
    }

    // The scan without vectors: the NFC test byte by byte, then the searches the stage made before the fused pass.
    private static Finding ScanScalar(ReadOnlySpan<byte> utf8, NormalizeOptions options, bool checkNfc)
    {
        if (checkNfc && !Nfc.IsTriviallyNormalized(utf8, VectorWidth.None))
        {
            return Finding.NotTriviallyNfc;
        }
        return NeedsCleaningScalar(utf8, options) ? Finding.NeedsCleaning : Finding.Clean;
    }

    // The characters whose lead byte is in utf8[at..at+64], one by one, with the exact (not only the vector) test.
    private static bool BlockIsTriviallyNfc(ReadOnlySpan<byte> utf8, int at, VectorWidth width)
    {
        var from = CharStart(utf8, at);
        var to = Math.Min(utf8.Length, at + Block);
        while (to < utf8.Length && (utf8[to] & 0xC0) == 0x80)
        {
            to++;
        }
        return Nfc.IsTriviallyNormalized(utf8[from..to], width);
    }

    private static int CharStart(ReadOnlySpan<byte> utf8, int at)
    {
        while (at > 0 && at < utf8.Length && (utf8[at] & 0xC0) == 0x80)
        {
            at--;
        }
        return at;
    }

    /// <summary>What the steps of one <see cref="Scan(ReadOnlySpan{byte}, NormalizeOptions, bool)"/> found so far (<see cref="ICleanBlock.Scan"/> adds to it).</summary>
    internal struct ScanState(NormalizeOptions options)
    {
        public readonly bool CollapseSpaces = options.CollapseSpaces;
        public readonly int MaxNewlines = options.MaxConsecutiveNewlines;
        public int NewlineCarry; // line breaks at the end of the blocks before
        public bool Dirty;

        /// <summary>Takes a block's line breaks (bit k = byte k) when <see cref="MaxNewlines"/> is set: dirty when a run is too long.</summary>
        public void AddNewlines(ulong lines)
        {
            if (lines == 0)
            {
                NewlineCarry = 0;
            }
            else
            {
                Dirty |= HasLongNewlineRun(lines, ref NewlineCarry, MaxNewlines);
            }
        }
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

    /// <summary>
    /// The first index at or after <paramref name="from"/> where the cleaning rules may change something: a byte other than an
    /// ordinary one (controls, line breaks, spaces, DEL, the lead bytes of removable or Unicode space characters), except a
    /// single space between two ordinary bytes after <paramref name="from"/> (it is kept as it is). <paramref name="from"/> must
    /// be a character boundary; returns the length when there is none.
    /// </summary>
    internal static int NextStop(ReadOnlySpan<byte> utf8, int from) => NextStop(utf8, from, VectorWidths.Widest);

    /// <summary>The search with vectors of the given width (the same index for each); internal so tests can run every width.</summary>
    internal static int NextStop(ReadOnlySpan<byte> utf8, int from, VectorWidth width)
    {
        if (from >= utf8.Length || !IsOrdinary(utf8, from))
        {
            return from;
        }
        var i = from + 1;
        var stop = width switch
        {
            VectorWidth.Bits512 => VectorStop<CleanBlock512>(utf8, ref i),
            VectorWidth.Bits256 => VectorStop<CleanBlock256>(utf8, ref i),
            _ => -1,
        };
        if (stop >= 0)
        {
            return stop;
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

    // The stop in whole blocks from i (which follows an ordinary byte), or -1 with i where the blocks ended. Bit k of a step's
    // masks is byte i-1+k; bits 1..62 are judged (each with both neighbours), so a step advances 62 bytes.
    private static int VectorStop<TBlock>(ReadOnlySpan<byte> utf8, ref int i)
        where TBlock : struct, ICleanBlock
    {
        ref var start = ref MemoryMarshal.GetReference(utf8);
        for (; i - 1 + Block + 2 <= utf8.Length; i += Block - 2)
        {
            var other = TBlock.NotOrdinary(ref Unsafe.Add(ref start, i - 1), out var space);
            var singleSpace = space & ~(other << 1) & ~(other >> 1);
            var stops = (other & ~singleSpace) & 0x7FFF_FFFF_FFFF_FFFEUL;
            if (stops != 0)
            {
                return i - 1 + BitOperations.TrailingZeroCount(stops);
            }
        }
        return -1;
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

    // The cleaning question without vectors: the searches the stage made before the fused pass.
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
