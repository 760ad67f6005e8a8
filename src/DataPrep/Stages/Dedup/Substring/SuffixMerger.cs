using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace DataPrep.Stages.Dedup.Substring;

/// <summary>
/// Merges ranges of several blocks' suffix arrays, so that all occurrences of a window of <c>minSpanBytes</c> bytes,
/// from every block of every shard, come out together, and hands out each window that occurs more than once with its
/// occurrences. The merge is ordered by the first 16 bytes of each suffix only (a loser tree over the blocks' cursors,
/// one 16-byte key read from the text per suffix); the rest of the window is read only inside a run of equal keys,
/// and a suffix whose key no other suffix shares is never read further.
/// </summary>
/// <remarks>
/// Each block's suffix array is sorted by whole suffixes of the block, hence by their first bytes too; the
/// one difference (the block's end sorts first, the text file goes on with the next block) only concerns
/// windows that contain a separator, which are never repeats, so equal keys, and so equal windows, still come out
/// together. The order inside a window's occurrences is of no consequence: the caller picks the first occurrence by
/// the global input order.
/// </remarks>
internal sealed unsafe class SuffixMerger
{
    /// <summary>Bytes of each suffix the merge orders by.</summary>
    public const int KeyBytes = 16;

    /// <summary>Keys read ahead per cursor at once (and text lines prefetched for the batch after).</summary>
    private const int Batch = 32;

    private readonly int _windowBytes;
    private readonly List<Cursor> _added = [];
    private Cursor[] _cursors = [];
    // Per cursor: the first 16 bytes (big-endian) of its current suffix, and the tie-break that orders equal keys by
    // cursor and puts exhausted cursors last.
    private UInt128[] _keys = [];
    private int[] _ties = [];
    // Per cursor, Batch slots: the keys of its next suffixes, read together.
    private UInt128[] _batchKeys = [];
    // Loser tree: _tree[0] is the winner (the cursor with the smallest key), _tree[1 .. count) the loser of each match;
    // cursor i is leaf count + i.
    private int[] _tree = [];
    private int _live;
    private Occurrence[] _run = new Occurrence[64];
    private int _runCount;
    private int _runPosition;
    private bool _runIsOneWindow;

    public SuffixMerger(int windowBytes) => _windowBytes = windowBytes;

    /// <summary>Suffixes merged so far.</summary>
    public long Merged { get; private set; }

    /// <summary>Adds the suffixes <c>[from, to)</c> of one block.</summary>
    public void Add(byte* blockText, int* suffixes, int from, int to, int rank, long blockStart)
    {
        if (from < to)
        {
            _added.Add(new Cursor { Text = blockText, Suffixes = suffixes, Position = from, End = to, Rank = rank, BlockStart = blockStart, BatchStart = from, Loaded = from });
        }
    }

    /// <summary>Plays the first matches; call after the last <see cref="Add"/>.</summary>
    public void Start()
    {
        _cursors = [.. _added];
        var count = _cursors.Length;
        _keys = new UInt128[count];
        _batchKeys = new UInt128[count * Batch];
        _ties = new int[count];
        _tree = new int[Math.Max(1, count)];
        _live = count;
        for (var i = 0; i < count; i++)
        {
            _ties[i] = i;
            Load(i);
        }
        if (count > 0)
        {
            _tree[0] = Play(1);
        }
    }

    /// <summary>
    /// The next window that occurs more than once: fills <paramref name="group"/> with its occurrences (shard and
    /// offset in the shard's text) and returns where one of them is mapped. False when the merge is over.
    /// </summary>
    public bool TryNextRepeat(List<(int Rank, long Offset)> group, out byte* window)
    {
        group.Clear();
        while (true)
        {
            if (NextGroup(group, out window))
            {
                return true;
            }
            if (_live == 0)
            {
                return false;
            }
            CollectRun();
        }
    }

    /// <summary>Takes every suffix that shares the winner's key out of the tree into the run.</summary>
    private void CollectRun()
    {
        _runCount = 0;
        _runPosition = 0;
        var key = _keys[_tree[0]];
        do
        {
            var winner = _tree[0];
            ref var cursor = ref _cursors[winner];
            if (_runCount == _run.Length)
            {
                Array.Resize(ref _run, _run.Length * 2);
            }
            _run[_runCount++] = new Occurrence(cursor.Current, cursor.BlockStart + cursor.Suffixes[cursor.Position], cursor.Rank);
            Advance(winner);
        }
        while (_live > 0 && _keys[_tree[0]] == key);
        Merged += _runCount;
        _runIsOneWindow = _runCount > 1 && AllSameWindow();
        if (_runIsOneWindow)
        {
            return;
        }
        if (_runCount <= 2)
        {
            // One suffix, or two different windows: no repeat.
            _runCount = 0;
            return;
        }
        // Suffixes sharing a key but not the whole window (a common phrase): order them by the rest of the
        // window so that each window's occurrences lie together.
        _run.AsSpan(0, _runCount).Sort(new WindowComparer(_windowBytes));
    }

    /// <summary>Whether every suffix of the run starts with the first one's window (then it is one group).</summary>
    private bool AllSameWindow()
    {
        var first = _run[0].Suffix;
        for (var i = 1; i < _runCount; i++)
        {
            if (!SameWindow(first, _run[i].Suffix))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The next run of at least two equal windows left in the run.</summary>
    private bool NextGroup(List<(int Rank, long Offset)> group, out byte* window)
    {
        while (_runPosition < _runCount)
        {
            var start = _runPosition;
            var first = _run[start].Suffix;
            var end = _runIsOneWindow ? _runCount : start + 1;
            while (end < _runCount && SameWindow(first, _run[end].Suffix))
            {
                end++;
            }
            _runPosition = end;
            if (end - start >= 2)
            {
                for (var i = start; i < end; i++)
                {
                    group.Add((_run[i].Rank, _run[i].Offset));
                }
                window = first;
                return true;
            }
        }
        window = null;
        return false;
    }

    /// <summary>Whether two suffixes with equal keys agree on their first <c>minSpanBytes</c> bytes.</summary>
    private bool SameWindow(byte* a, byte* b) =>
        a == b || new ReadOnlySpan<byte>(a + KeyBytes, _windowBytes - KeyBytes).SequenceEqual(new ReadOnlySpan<byte>(b + KeyBytes, _windowBytes - KeyBytes));

    /// <summary>Moves cursor <paramref name="index"/> (the winner) on and replays its matches up to the root.</summary>
    private void Advance(int index)
    {
        ref var cursor = ref _cursors[index];
        cursor.Position++;
        if (cursor.Position < cursor.End)
        {
            Load(index);
        }
        else
        {
            _keys[index] = UInt128.MaxValue;
            _ties[index] = index + _cursors.Length;
            _live--;
        }
        var winner = index;
        var keys = _keys;
        var ties = _ties;
        var tree = _tree;
        for (var node = (index + _cursors.Length) >> 1; node > 0; node >>= 1)
        {
            var other = tree[node];
            if (Less(keys, ties, other, winner))
            {
                tree[node] = winner;
                winner = other;
            }
        }
        tree[0] = winner;
    }

    /// <summary>Plays the matches below <paramref name="node"/>, storing each loser; returns the winner.</summary>
    private int Play(int node)
    {
        if (node >= _cursors.Length)
        {
            return node - _cursors.Length;
        }
        var left = Play(2 * node);
        var right = Play(2 * node + 1);
        if (Less(_keys, _ties, right, left))
        {
            _tree[node] = left;
            return right;
        }
        _tree[node] = right;
        return left;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(UInt128[] keys, int[] ties, int a, int b)
    {
        var x = keys[a];
        var y = keys[b];
        return x < y || (x == y && ties[a] < ties[b]);
    }

    /// <summary>Makes cursor <paramref name="index"/>'s current suffix and key its own.</summary>
    private void Load(int index)
    {
        ref var cursor = ref _cursors[index];
        if (cursor.Position == cursor.Loaded)
        {
            Refill(ref cursor, index);
        }
        cursor.Current = cursor.Text + cursor.Suffixes[cursor.Position];
        _keys[index] = _batchKeys[index * Batch + cursor.Position - cursor.BatchStart];
    }

    /// <summary>
    /// Reads the keys of a cursor's next <see cref="Batch"/> suffixes in one loop and prefetches the text of the batch
    /// after. Suffixes point at random places of the text, so each key is a cache (and TLB) miss: independent reads
    /// issued together overlap, where one read per merge step waited alone (reading keys was most of the merge's time;
    /// one prefetch per step, 8 suffixes ahead, did less: measured in bench/results/dedup.md).
    /// </summary>
    private void Refill(ref Cursor cursor, int index)
    {
        cursor.BatchStart = cursor.Position;
        var n = Math.Min(Batch, cursor.End - cursor.Position);
        cursor.Loaded = cursor.Position + n;
        var keys = _batchKeys.AsSpan(index * Batch, n);
        var suffixes = cursor.Suffixes + cursor.Position;
        for (var j = 0; j < keys.Length; j++)
        {
            keys[j] = BinaryPrimitives.ReadUInt128BigEndian(new ReadOnlySpan<byte>(cursor.Text + suffixes[j], KeyBytes));
        }
        var next = Math.Min(Batch, cursor.End - cursor.Loaded);
        for (var j = 0; Sse.IsSupported && j < next; j++)
        {
            Sse.Prefetch0(cursor.Text + suffixes[n + j]);
        }
    }

    private struct Cursor
    {
        public byte* Text;
        public int* Suffixes;
        public int Position;
        public int End;
        public int Rank;
        public long BlockStart;
        public byte* Current;
        // Suffixes [BatchStart, Loaded) have their keys in the cursor's batch slots.
        public int BatchStart;
        public int Loaded;
    }

    /// <summary>One suffix of a run of equal keys: where it is mapped, its offset in its shard's text, its shard.</summary>
    private readonly struct Occurrence(byte* suffix, long offset, int rank)
    {
        public readonly byte* Suffix = suffix;
        public readonly long Offset = offset;
        public readonly int Rank = rank;
    }

    /// <summary>Orders suffixes with equal keys by the rest of their window.</summary>
    private readonly struct WindowComparer(int windowBytes) : IComparer<Occurrence>
    {
        public int Compare(Occurrence x, Occurrence y) =>
            new ReadOnlySpan<byte>(x.Suffix + KeyBytes, windowBytes - KeyBytes)
                .SequenceCompareTo(new ReadOnlySpan<byte>(y.Suffix + KeyBytes, windowBytes - KeyBytes));
    }
}
