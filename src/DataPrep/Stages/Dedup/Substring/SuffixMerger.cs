using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;

namespace DataPrep.Stages.Dedup.Substring;

/// <summary>
/// Merges ranges of several blocks' suffix arrays into one stream ordered by the first
/// <c>minSpanBytes</c> bytes of each suffix, so that all occurrences of a window, from every block of every
/// shard, come out next to each other. A binary heap of cursors compares the first 16 bytes kept with each
/// cursor (one read of the text per suffix) and reads the text again only when those are equal.
/// </summary>
/// <remarks>
/// Each block's suffix array is sorted by whole suffixes of the block, hence by their first bytes too; the
/// one difference (the block's end sorts first, the text file goes on with the next block) only concerns
/// windows that contain a separator, which are never repeats, so equal windows still come out together.
/// </remarks>
internal sealed unsafe class SuffixMerger
{
    /// <summary>Bytes compared through the cached key.</summary>
    public const int KeyBytes = 16;

    private const int PrefetchDistance = 8;

    private readonly int _windowBytes;
    private readonly List<Cursor> _cursors = [];
    private int[] _heap = [];
    private int _size;

    public SuffixMerger(int windowBytes) => _windowBytes = windowBytes;

    /// <summary>Adds the suffixes <c>[from, to)</c> of one block.</summary>
    public void Add(byte* blockText, int* suffixes, int from, int to, int rank, long blockStart)
    {
        if (from < to)
        {
            _cursors.Add(new Cursor { Text = blockText, Suffixes = suffixes, Position = from, End = to, Rank = rank, BlockStart = blockStart });
        }
    }

    /// <summary>Orders the cursors; call after the last <see cref="Add"/>.</summary>
    public void Start()
    {
        _heap = new int[_cursors.Count];
        _size = 0;
        for (var i = 0; i < _cursors.Count; i++)
        {
            Load(i);
            _heap[_size++] = i;
        }
        for (var i = _size / 2 - 1; i >= 0; i--)
        {
            SiftDown(i);
        }
    }

    /// <summary>The next suffix in window order: its shard, its offset in the shard's text, where it is
    /// mapped and its first 16 bytes.</summary>
    public bool TryNext(out int rank, out long offset, out byte* suffix, out UInt128 key)
    {
        if (_size == 0)
        {
            rank = 0;
            offset = 0;
            suffix = null;
            key = default;
            return false;
        }
        var top = _heap[0];
        var cursor = _cursors[top];
        rank = cursor.Rank;
        var local = cursor.Suffixes[cursor.Position];
        offset = cursor.BlockStart + local;
        suffix = cursor.Current;
        key = cursor.Key;
        cursor.Position++;
        if (cursor.Position < cursor.End)
        {
            Load(top);
        }
        else
        {
            _heap[0] = _heap[--_size];
        }
        if (_size > 0)
        {
            SiftDown(0);
        }
        return true;
    }

    /// <summary>Whether two suffixes agree on their first <c>minSpanBytes</c> bytes, given equal keys.</summary>
    public bool SameWindow(byte* a, byte* b) =>
        new ReadOnlySpan<byte>(a + KeyBytes, _windowBytes - KeyBytes).SequenceEqual(new ReadOnlySpan<byte>(b + KeyBytes, _windowBytes - KeyBytes));

    private void Load(int index)
    {
        var cursor = _cursors[index];
        // Suffixes point at random places of the text: start loading the text of one a few steps ahead, so that
        // its key is in cache when its turn comes (reading the key was most of the merge's time).
        if (Sse.IsSupported && cursor.Position + PrefetchDistance < cursor.End)
        {
            Sse.Prefetch0(cursor.Text + cursor.Suffixes[cursor.Position + PrefetchDistance]);
        }
        cursor.Current = cursor.Text + cursor.Suffixes[cursor.Position];
        cursor.Key = BinaryPrimitives.ReadUInt128BigEndian(new ReadOnlySpan<byte>(cursor.Current, KeyBytes));
    }

    private int Compare(int a, int b)
    {
        var x = _cursors[a];
        var y = _cursors[b];
        if (x.Key != y.Key)
        {
            return x.Key < y.Key ? -1 : 1;
        }
        return new ReadOnlySpan<byte>(x.Current + KeyBytes, _windowBytes - KeyBytes)
            .SequenceCompareTo(new ReadOnlySpan<byte>(y.Current + KeyBytes, _windowBytes - KeyBytes));
    }

    private void SiftDown(int i)
    {
        var item = _heap[i];
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= _size)
            {
                break;
            }
            if (child + 1 < _size && Compare(_heap[child + 1], _heap[child]) < 0)
            {
                child++;
            }
            if (Compare(_heap[child], item) >= 0)
            {
                break;
            }
            _heap[i] = _heap[child];
            i = child;
        }
        _heap[i] = item;
    }

    private sealed class Cursor
    {
        public byte* Text;
        public int* Suffixes;
        public int Position;
        public int End;
        public int Rank;
        public long BlockStart;
        public byte* Current;
        public UInt128 Key;
    }
}
