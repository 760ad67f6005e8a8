namespace DataPrep.Stages.Dedup.MinHash;

/// <summary>Reusable buffers for shingling one document at a time (one per thread; never shared).</summary>
internal sealed class ShingleWorkspace
{
    public byte[] Bytes = new byte[4096];
    public int[] Starts = new int[1024];
    public int[] Ends = new int[1024];
    public uint[] Hashes = new uint[1024];
    private uint[] _table = new uint[2048];

    /// <summary>An empty open-addressing table (all <see cref="uint.MaxValue"/>) with at least 2·count slots, a power of two.</summary>
    public Span<uint> Table(int count)
    {
        var size = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(count * 2)));
        if (_table.Length < size)
        {
            _table = new uint[size];
        }
        var table = _table.AsSpan(0, size);
        table.Fill(uint.MaxValue);
        return table;
    }

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
