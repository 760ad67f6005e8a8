using System.Runtime.CompilerServices;

namespace DataPrep.Stages.Quality;

/// <summary>
/// An open-addressing hash table from 64-bit keys to a count and a length, reused across documents
/// on one thread. Clearing is O(1) (a generation stamp), so a short document does not pay for the
/// table a long one grew.
/// </summary>
internal sealed class HashCounter
{
    private ulong[] _keys = new ulong[1024];
    private int[] _counts = new int[1024];
    private int[] _lengths = new int[1024];
    private uint[] _stamps = new uint[1024];
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
        if (needed > _keys.Length)
        {
            _keys = new ulong[needed];
            _counts = new int[needed];
            _lengths = new int[needed];
            _stamps = new uint[needed];
            _stamp = 1;
        }
        else if (++_stamp == 0)
        {
            Array.Clear(_stamps);
            _stamp = 1;
        }
        _mask = _keys.Length - 1;
    }

    /// <summary>Adds one occurrence of <paramref name="key"/>; returns its count so far (1 = first time).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(ulong key, int length, out int storedLength)
    {
        var slot = (int)((key ^ (key >> 29)) & (uint)_mask);
        while (true)
        {
            if (_stamps[slot] != _stamp)
            {
                _stamps[slot] = _stamp;
                _keys[slot] = key;
                _counts[slot] = 1;
                _lengths[slot] = length;
                storedLength = length;
                return 1;
            }
            if (_keys[slot] == key)
            {
                storedLength = _lengths[slot];
                return ++_counts[slot];
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Adds <paramref name="key"/> as a set member; true when it was already present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(ulong key, bool add)
    {
        var slot = (int)((key ^ (key >> 29)) & (uint)_mask);
        while (true)
        {
            if (_stamps[slot] != _stamp)
            {
                if (add)
                {
                    _stamps[slot] = _stamp;
                    _keys[slot] = key;
                }
                return false;
            }
            if (_keys[slot] == key)
            {
                return true;
            }
            slot = (slot + 1) & _mask;
        }
    }
}
