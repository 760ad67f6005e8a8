namespace DataPrep.Stages.Dedup.Substring;

/// <summary>
/// The largest working arrays of a suffix-array build (level 0's LMS keys, 8 bytes per LMS position: ≈ 2.7 bytes per
/// byte of Korean text, at most 4), kept by one thread across the blocks it builds and dropped with it. Fresh memory
/// costs a page fault per 4 KiB, about as much as a pass over it, so a thread that builds block after block reuses
/// them; the shared array pool would also reuse them but keep them (rounded up to a power of two) for the life of the
/// process on every thread that ever built a block, outside the stage's memory budget.
/// </summary>
internal sealed class SuffixArrayScratch
{
    private ulong[] _keys = [];
    private int[] _positions = [];

    /// <summary>At least <paramref name="length"/> keys (contents undefined).</summary>
    public ulong[] Keys(int length) =>
        _keys.Length >= length ? _keys : _keys = GC.AllocateUninitializedArray<ulong>(WithHeadroom(length));

    /// <summary>At least <paramref name="length"/> positions (contents undefined).</summary>
    public int[] Positions(int length) =>
        _positions.Length >= length ? _positions : _positions = GC.AllocateUninitializedArray<int>(WithHeadroom(length));

    /// <summary>An eighth more than asked: the next block, of about the same size, then fits, so the old array does not
    /// stay beside a new one until the collector frees it.</summary>
    private static int WithHeadroom(int length) => (int)Math.Min(Array.MaxLength, length + (long)(length >> 3));
}
