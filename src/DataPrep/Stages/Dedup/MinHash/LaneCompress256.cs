using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DataPrep.Stages.Dedup.MinHash;

/// <summary>
/// AVX2's stand-in for AVX-512's <c>vpcompressd</c>: moves the kept lanes of an 8-lane vector to the front, in order, with one
/// <c>vpermd</c> whose indices come from a table of every 8-bit mask (8 KB, computed once).
/// </summary>
internal static class LaneCompress256
{
    private static readonly uint[] Indices = BuildIndices();

    /// <summary>
    /// Stores the lanes of <paramref name="values"/> whose bit is set in <paramref name="keep"/> (low 8 bits) at
    /// <paramref name="destination"/> + <paramref name="count"/> and advances <paramref name="count"/> by how many there were.
    /// All 8 lanes are written: the caller's buffer needs 8 lanes of room past the kept ones (later stores overwrite them).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<uint> values, uint keep, ref uint destination, ref nuint count)
    {
        var control = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(Indices), (nuint)keep * 8);
        Avx2.PermuteVar8x32(values, control).StoreUnsafe(ref destination, count);
        count += (nuint)BitOperations.PopCount(keep);
    }

    private static uint[] BuildIndices()
    {
        var indices = new uint[256 * 8];
        for (var mask = 0; mask < 256; mask++)
        {
            var next = 0;
            for (var lane = 0; lane < 8; lane++)
            {
                if ((mask >> lane & 1) != 0)
                {
                    indices[mask * 8 + next++] = (uint)lane;
                }
            }
        }
        return indices;
    }
}
