using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DataPrep.Stages.Quality;

namespace DataPrep.Tests.Stages.Quality;

/// <summary>
/// The word hash picks its reads by masks rather than by branches on the word's length. The values must stay those of
/// the branching form (the repetition tables' fingerprints, and so any collision, depend on them): checked for every
/// length at every place of a text, also its last chars.
/// </summary>
public class WordHashTests
{
    [Fact]
    public void TheMaskedReadsGiveTheValuesOfTheBranchingForm()
    {
        var random = new Random(11);
        var chars = new char[40];
        for (var round = 0; round < 50; round++)
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = round % 2 == 0 ? (char)random.Next('a', 'z' + 1) : (char)random.Next(0xAC00, 0xD7A4);
            }
            for (var start = 0; start < chars.Length; start++)
            {
                for (var length = 1; start + length <= chars.Length && length <= 12; length++)
                {
                    Assert.Equal(BranchingWordHash(chars, start, length), DocumentAnalysis.WordHash(chars, start, length));
                }
            }
        }
    }

    // The form before the masks (session 7).
    private static ulong BranchingWordHash(ReadOnlySpan<char> text, int start, int length)
    {
        const ulong S0 = 0xA0761D6478BD642FUL, S1 = 0xE7037ED1A0B428DBUL, S2 = 0x8EBC6AF09C88C6E3UL;
        ref var first = ref Unsafe.As<char, byte>(ref Unsafe.Add(ref MemoryMarshal.GetReference(text), start));
        ulong a, b;
        if (length <= 4)
        {
            a = 0;
            for (var k = 0; k < length; k++)
            {
                a |= (ulong)text[start + k] << (16 * k);
            }
            b = 0;
        }
        else if (length <= 8)
        {
            a = Unsafe.ReadUnaligned<ulong>(ref first);
            b = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, (length - 4) * 2));
        }
        else
        {
            return DocumentAnalysis.Hash(text.Slice(start, length));
        }
        var high = Math.BigMul(a ^ S0, b ^ S1 ^ (ulong)length, out var low);
        var hash = high ^ low;
        high = Math.BigMul(hash ^ S2, (ulong)length ^ S1, out low);
        return high ^ low;
    }
}
