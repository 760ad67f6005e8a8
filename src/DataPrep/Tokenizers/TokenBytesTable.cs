using System.IO.Hashing;

namespace DataPrep.Tokenizers;

/// <summary>
/// Byte sequence to token id for a byte-level vocabulary (the whole-piece lookup tiktoken does before merging, and
/// Hugging Face's <c>ignore_merges</c>). Open addressing over ids; the bytes live in the tokenizer's byte table.
/// Read-only after construction.
/// </summary>
internal sealed class TokenBytesTable
{
    private readonly int[] _slots;
    private readonly byte[][] _bytes;
    private readonly int _mask;

    /// <summary>Indexes every id whose entry in <paramref name="bytes"/> is not empty and not excluded; the first id of equal byte sequences wins.</summary>
    public TokenBytesTable(byte[][] bytes, Func<int, bool> include)
    {
        _bytes = bytes;
        var capacity = 16;
        while (capacity < bytes.Length * 2)
        {
            capacity *= 2;
        }
        _slots = new int[capacity];
        Array.Fill(_slots, -1);
        _mask = capacity - 1;
        for (var id = 0; id < bytes.Length; id++)
        {
            if (bytes[id].Length == 0 || !include(id))
            {
                continue;
            }
            var slot = Slot(bytes[id]);
            while (_slots[slot] >= 0 && !bytes[_slots[slot]].AsSpan().SequenceEqual(bytes[id]))
            {
                slot = (slot + 1) & _mask;
            }
            if (_slots[slot] < 0)
            {
                _slots[slot] = id;
            }
        }
    }

    /// <summary>The id whose bytes are exactly <paramref name="piece"/>, or -1.</summary>
    public int Get(ReadOnlySpan<byte> piece)
    {
        var slot = Slot(piece);
        while (true)
        {
            var id = _slots[slot];
            if (id < 0 || _bytes[id].AsSpan().SequenceEqual(piece))
            {
                return id;
            }
            slot = (slot + 1) & _mask;
        }
    }

    private int Slot(ReadOnlySpan<byte> piece) => (int)XxHash3.HashToUInt64(piece) & _mask;
}
