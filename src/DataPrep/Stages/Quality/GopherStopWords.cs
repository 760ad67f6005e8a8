using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DataPrep.Stages.Quality;

/// <summary>Gopher's English stop words (Rae et al. 2021, App. A): the, be, to, of, and, that, have, with.</summary>
internal static class GopherStopWords
{
    // Each stop word's chars packed little-endian into one integer, as a word of the same length reads from memory:
    // a word is compared with one OR (ASCII lower case) and one compare per candidate, called once per Latin word.
    private static readonly uint Be = Pack2("be"), To = Pack2("to"), Of = Pack2("of");
    private static readonly ulong The = Pack("the"), And = Pack("and");
    private static readonly ulong That = Pack("that"), Have = Pack("have"), With = Pack("with");

    /// <summary>True when <paramref name="word"/> is one of the eight, ignoring ASCII case.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Contains(ReadOnlySpan<char> word)
    {
        ref var bytes = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(word));
        switch (word.Length)
        {
            case 2:
                var two = Unsafe.ReadUnaligned<uint>(ref bytes) | 0x0020_0020u;
                return two == Be || two == To || two == Of;
            case 3:
                var three = (Unsafe.ReadUnaligned<uint>(ref bytes) | ((ulong)word[2] << 32)) | 0x0020_0020_0020UL;
                return three == The || three == And;
            case 4:
                var four = Unsafe.ReadUnaligned<ulong>(ref bytes) | 0x0020_0020_0020_0020UL;
                return four == That || four == Have || four == With;
            default:
                return false;
        }
    }

    /// <summary>
    /// <see cref="Contains"/> for the word of <paramref name="length"/> chars at <paramref name="start"/> of
    /// <paramref name="text"/>, without a branch on the length (English word lengths are too varied to predict): the
    /// caller guarantees four chars are readable from <paramref name="start"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ContainsAt(ReadOnlySpan<char> text, int start, int length)
    {
        ref var bytes = ref Unsafe.As<char, byte>(ref Unsafe.Add(ref MemoryMarshal.GetReference(text), start));
        // The word's own chars (none when longer than four: no stop word is), lower-cased as in Contains.
        var mask = LengthMasks[Math.Min(length, 5)];
        var word = (Unsafe.ReadUnaligned<ulong>(ref bytes) | 0x0020_0020_0020_0020UL) & mask;
        return (word == Be) | (word == To) | (word == Of) | (word == The) | (word == And) | (word == That) | (word == Have) | (word == With);
    }

    // The bits of the first 0, 1, 2, 3, 4 chars of a little-endian 64-bit read; none for five chars or more.
    private static ReadOnlySpan<ulong> LengthMasks => [0, 0xFFFF, 0xFFFF_FFFF, 0xFFFF_FFFF_FFFF, ulong.MaxValue, 0];

    private static uint Pack2(string word) => (uint)Pack(word);

    private static ulong Pack(string word)
    {
        var packed = 0UL;
        for (var i = 0; i < word.Length; i++)
        {
            packed |= (ulong)word[i] << (16 * i);
        }
        return packed;
    }
}
