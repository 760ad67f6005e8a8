namespace DataPrep.Stages.Dedup.MinHash;

/// <summary>Reusable buffers for shingling one document at a time (one per thread; never shared).</summary>
internal sealed class ShingleWorkspace
{
    /// <summary>Slack after the last unit and hash: a 16-lane vector starting at any valid index stays in bounds.</summary>
    public const int Padding = 16;

    /// <summary>Unit values (characters or word hashes), then their mixed values.</summary>
    public uint[] Units = new uint[1024 + Padding];

    /// <summary>Shingle hashes of the last text, in text order.</summary>
    public uint[] Hashes = new uint[1024 + Padding];

    private uint[] _multipliers = [];
    private long _multipliersSeed;

    /// <summary>n + 1 odd multipliers from SplitMix64(seed): M_0 … M_{n−1} weight the units of a shingle, M_n tags short texts.</summary>
    public uint[] Multipliers(long seed, int n)
    {
        if (_multipliers.Length != n + 1 || _multipliersSeed != seed)
        {
            var multipliers = new uint[n + 1];
            var state = (ulong)seed ^ 0x5348_494E_474C_4553UL;
            for (var k = 0; k <= n; k++)
            {
                multipliers[k] = (uint)(MinHasher.SplitMix64(ref state) >> 32) | 1;
            }
            (_multipliers, _multipliersSeed) = (multipliers, seed);
        }
        return _multipliers;
    }

    /// <summary>Grows the buffers so a text of <paramref name="textLength"/> UTF-16 chars fits (never shrinks: reused across documents).</summary>
    public void EnsureCapacity(int textLength)
    {
        var size = textLength + Padding;
        if (Units.Length < size)
        {
            size = Math.Max(size, Units.Length * 2);
            Units = new uint[size];
            Hashes = new uint[size];
        }
    }
}
