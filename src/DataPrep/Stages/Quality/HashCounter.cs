using System.Runtime.CompilerServices;

namespace DataPrep.Stages.Quality;

/// <summary>
/// An open-addressing hash table from 64-bit keys to a count and a length, reused across documents
/// on one thread. Each slot is one 24-byte entry (one cache line access per probe), and clearing is
/// O(1) through a generation stamp, so a short document does not pay for the table a long one grew.
/// </summary>
internal sealed class HashCounter
{
    private Entry[] _entries = new Entry[1024];
    private uint _stamp = 1;
    private int _mask = 1023;

    /// <summary>Empties the table and makes room for <paramref name="expected"/> keys at load ≤ 0.5.</summary>
    public void Reset(int expected)
    {
        var needed = 1024;
        while (needed < expected * 2)
        {
            needed <<= 1;
        }
        if (needed > _entries.Length)
        {
            _entries = new Entry[needed];
            _stamp = 1;
        }
        else if (++_stamp == 0)
        {
            Array.Clear(_entries);
            _stamp = 1;
        }
        _mask = _entries.Length - 1;
    }

    /// <summary>Adds one occurrence of <paramref name="key"/>; returns its count so far (1 = first time)
    /// and the length stored with its first occurrence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(ulong key, int length, out int storedLength)
    {
        var entries = _entries;
        var slot = (int)((key ^ (key >> 29)) & (uint)_mask);
        while (true)
        {
            ref var entry = ref entries[slot];
            if (entry.Stamp != _stamp)
            {
                entry.Stamp = _stamp;
                entry.Key = key;
                entry.Count = 1;
                entry.Length = length;
                storedLength = length;
                return 1;
            }
            if (entry.Key == key)
            {
                storedLength = entry.Length;
                return ++entry.Count;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Looks <paramref name="key"/> up as a set member, adding it when <paramref name="add"/>;
    /// true when it was already present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(ulong key, bool add)
    {
        var entries = _entries;
        var slot = (int)((key ^ (key >> 29)) & (uint)_mask);
        while (true)
        {
            ref var entry = ref entries[slot];
            if (entry.Stamp != _stamp)
            {
                if (add)
                {
                    entry.Stamp = _stamp;
                    entry.Key = key;
                }
                return false;
            }
            if (entry.Key == key)
            {
                return true;
            }
            slot = (slot + 1) & _mask;
        }
    }

    private struct Entry
    {
        public ulong Key;
        public uint Stamp;
        public int Count;
        public int Length;
    }
}
