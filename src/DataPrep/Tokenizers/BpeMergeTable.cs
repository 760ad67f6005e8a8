using System.Runtime.CompilerServices;

namespace DataPrep.Tokenizers;

/// <summary>
/// The merges of a byte-level BPE vocabulary keyed by the ids of the two tokens: pair (a, b) to (rank, merged id),
/// packed as <c>rank &lt;&lt; 32 | id</c> so that a smaller packed value is a higher-priority merge. Open addressing
/// with linear probing over one 64-bit key per slot; read-only after construction, so safe for many threads.
/// </summary>
internal sealed class BpeMergeTable
{
    /// <summary>The packed value of "no merge": larger than every real one.</summary>
    public const ulong None = ulong.MaxValue;

    private const ulong Empty = ulong.MaxValue;

    // Key and value side by side: one cache line per probe (the table is megabytes, so probes miss the cache).
    private readonly Entry[] _entries;
    private readonly int _shift;
    private readonly int _mask;

    /// <summary>Builds the table; a later entry for the same pair replaces an earlier one (as Hugging Face's merge map does).</summary>
    public BpeMergeTable(IReadOnlyList<(int Left, int Right, int Rank, int Merged)> merges)
    {
        var capacity = 16;
        while (capacity < merges.Count * 2)
        {
            capacity *= 2;
        }
        _entries = new Entry[capacity];
        Array.Fill(_entries, new Entry { Key = Empty });
        _mask = capacity - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        foreach (var (left, right, rank, merged) in merges)
        {
            var key = Key(left, right);
            var slot = Slot(key);
            while (_entries[slot].Key != Empty && _entries[slot].Key != key)
            {
                slot = (slot + 1) & _mask;
            }
            _entries[slot] = new Entry { Key = key, Value = ((ulong)(uint)rank << 32) | (uint)merged };
        }
        Count = merges.Count;
    }

    /// <summary>Number of merges given to the constructor.</summary>
    public int Count { get; }

    /// <summary>The packed (rank, merged id) of pair (<paramref name="left"/>, <paramref name="right"/>), or <see cref="None"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Get(int left, int right)
    {
        var key = Key(left, right);
        var slot = Slot(key);
        while (true)
        {
            ref readonly var entry = ref _entries[slot];
            if (entry.Key == key)
            {
                return entry.Value;
            }
            if (entry.Key == Empty)
            {
                return None;
            }
            slot = (slot + 1) & _mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(int left, int right) => ((ulong)(uint)left << 32) | (uint)right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    private struct Entry
    {
        public ulong Key;
        public ulong Value;
    }
}
