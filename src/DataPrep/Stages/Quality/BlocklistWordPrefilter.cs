using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DataPrep.Stages.Quality;

/// <summary>
/// A bit set of (first four chars, length) of the blocklist's Latin keys, folded to ASCII lower case: a word whose
/// first chars are ASCII and whose pair is not in the set cannot equal a key ignoring case, so it skips the dictionary
/// lookup (a case-insensitive hash of the word). Most words of clean text that share a key's first letter and length
/// ("some", "city", "called") stop here. Any non-ASCII char among a word's first four, or a key's, sends the word on to
/// the dictionary, which decides exactly as before.
/// </summary>
internal sealed class BlocklistWordPrefilter
{
    private const int Bits = 4096;

    private readonly ulong[] _set = new ulong[Bits / 64];

    // A key with a non-ASCII char among its first four: its folded pair is not known, so no word is ruled out.
    private readonly bool _passAll;

    public BlocklistWordPrefilter(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            var head = Math.Min(key.Length, 4);
            var packed = 0UL;
            for (var i = 0; i < head; i++)
            {
                _passAll |= key[i] >= 0x80;
                packed |= (ulong)key[i] << (16 * i);
            }
            var bit = Bit(Fold(packed, head), key.Length);
            _set[bit >> 6] |= 1UL << bit;
        }
    }

    /// <summary>False when the word of <paramref name="length"/> chars at <paramref name="start"/> is no key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayBeKey(ReadOnlySpan<char> text, int start, int length)
    {
        var head = Math.Min(length, 4);
        ulong packed;
        if (start + 4 <= text.Length)
        {
            // The chars past a short word are masked off.
            packed = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref MemoryMarshal.GetReference(text), start)))
                & (ulong.MaxValue >> (64 - (16 * head)));
        }
        else
        {
            packed = 0;
            for (var i = 0; i < head; i++)
            {
                packed |= (ulong)text[start + i] << (16 * i);
            }
        }
        if (_passAll || (packed & 0xFF80_FF80_FF80_FF80UL) != 0)
        {
            return true;
        }
        var bit = Bit(Fold(packed, head), length);
        return (_set[bit >> 6] & (1UL << bit)) != 0;
    }

    // ASCII letters to lower case (other ASCII chars change too, the same way on both sides: equal chars stay equal).
    private static ulong Fold(ulong packed, int chars) => packed | (0x0020_0020_0020_0020UL & (ulong.MaxValue >> (64 - (16 * chars))));

    private static int Bit(ulong folded, int length) => (int)(((folded ^ ((ulong)length << 58)) * 0x9E3779B97F4A7C15UL) >> 52);
}
