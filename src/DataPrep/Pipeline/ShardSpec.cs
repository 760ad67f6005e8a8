namespace DataPrep.Pipeline;

/// <summary>Which part of the work this process does: shard <see cref="Rank"/> of <see cref="WorldSize"/>.</summary>
/// <param name="Rank">0-based index of this shard.</param>
/// <param name="WorldSize">Number of shards the work is split into.</param>
public readonly record struct ShardSpec(int Rank, int WorldSize)
{
    /// <summary>The whole work as one shard.</summary>
    public static ShardSpec Single => new(0, 1);

    /// <summary>Throws when rank or world size are out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">World size below 1, or rank outside 0..world size − 1.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(WorldSize, 1, nameof(WorldSize));
        ArgumentOutOfRangeException.ThrowIfNegative(Rank, nameof(Rank));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(Rank, WorldSize, nameof(Rank));
    }

    /// <summary>True when item <paramref name="index"/> of a sorted list belongs to this shard (round robin).</summary>
    public bool Owns(int index) => index % WorldSize == Rank;

    /// <summary><c>rank-00003</c>: the name used for this shard's files and markers.</summary>
    public string FileStem => $"rank-{Rank:D5}";

    /// <inheritdoc />
    public override string ToString() => $"{Rank}/{WorldSize}";
}
