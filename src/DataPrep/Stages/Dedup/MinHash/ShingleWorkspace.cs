namespace DataPrep.Stages.Dedup.MinHash;

/// <summary>Reusable buffers for shingling one document at a time (one per thread; never shared).</summary>
internal sealed class ShingleWorkspace
{
    public byte[] Bytes = new byte[4096];
    public int[] Starts = new int[1024];
    public int[] Ends = new int[1024];
    public uint[] Hashes = new uint[1024];

    public void EnsureCapacity(int textLength)
    {
        var bytes = textLength * 4 + 16;
        if (Bytes.Length < bytes)
        {
            Bytes = new byte[Math.Max(bytes, Bytes.Length * 2)];
        }
        var units = textLength + 1;
        if (Starts.Length < units)
        {
            var size = Math.Max(units, Starts.Length * 2);
            Starts = new int[size];
            Ends = new int[size];
            Hashes = new uint[size];
        }
    }
}
