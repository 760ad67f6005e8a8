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
