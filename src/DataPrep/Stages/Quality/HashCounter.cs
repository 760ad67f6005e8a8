using System.Runtime.CompilerServices;

namespace DataPrep.Stages.Quality;

/// <summary>
/// An open-addressing table of 64-bit hashes, reused across documents on one thread. Each slot is
/// 8 bytes: a 32-bit fingerprint (the hash's high half, never 0) and a count; the low bits pick the
/// slot. Small slots keep a 10,000-word document's table in L2. Two different n-grams share a
/// fingerprint with probability about n/2³² per lookup; a collision can only make repetition look
/// higher, never hide it.
/// </summary>
internal sealed class HashCounter
{
    private Entry[] _entries = new Entry[1024];
    private int _mask = 1023;

    /// <summary>Empties the table and makes room for <paramref name="expected"/> keys at load ≤ 0.5.</summary>
    public void Reset(int expected)
    {
        var needed = 64;
        while (needed < expected * 2)
        {
            needed <<= 1;
        }
        if (needed > _entries.Length)
        {
            _entries = new Entry[needed];
        }
        else
        {
            Array.Clear(_entries, 0, needed);
        }
        _mask = needed - 1;
    }

    /// <summary>Adds one occurrence of <paramref name="key"/>; returns its count so far (1 = first time).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(ulong key) => Add(key, out _);

    /// <summary>Like <see cref="Add(ulong)"/>, and tells where the key's count lives: <see cref="CountAt"/> reads it later.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(ulong key, out int slot)
    {
        var entries = _entries;
        var fingerprint = (uint)(key >> 32) | 1;
        slot = (int)key & _mask;
        while (true)
        {
            ref var entry = ref entries[slot];
            if (entry.Key == 0)
            {
                entry.Key = fingerprint;
                entry.Count = 1;
                return 1;
            }
            if (entry.Key == fingerprint)
            {
                return ++entry.Count;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>The count of the key at <paramref name="slot"/> (from <see cref="Add(ulong, out int)"/> since the last reset).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CountAt(int slot) => _entries[slot].Count;

    /// <summary>Adds <paramref name="key"/> as a set member; true when it was already present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(ulong key, bool add) => add ? Add(key) > 1 : Find(key);

    private bool Find(ulong key)
    {
        var fingerprint = (uint)(key >> 32) | 1;
        var slot = (int)key & _mask;
        while (true)
        {
            var entry = _entries[slot];
            if (entry.Key == 0)
            {
                return false;
            }
            if (entry.Key == fingerprint)
            {
                return true;
            }
            slot = (slot + 1) & _mask;
        }
    }

    private struct Entry
    {
        public uint Key;
        public int Count;
    }
}
