using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace DataPrep.Stages.Dedup.Substring;

/// <summary>
/// Step <c>repeats</c>, one part: merges the suffix arrays of every block of every shard over this part's
/// slices of the 2-byte prefix space (slices balanced by the suffix counts, run side by side on the stage's
/// threads), finds each window of <c>minSpanBytes</c> bytes that occurs more than once, and marks every occurrence
/// but the first in global input order (document order key, then offset in the document) — or every occurrence
/// when the first is not kept. Writes, per shard, the marked window starts as runs and, per changed document, the
/// document holding the first occurrence of its earliest cut window.
/// </summary>
internal sealed unsafe class RepeatFinder : IDisposable
{
    private const int SlicesPerThread = 8;
    // Suffixes starting with the separator never begin a window.
    private const int FirstSeparatorPrefix = SubstringFiles.Separator << 8;

    private readonly string _folder;
    private readonly int _worldSize;
    private readonly int _windowBytes;
    private readonly bool _keepFirst;
    private readonly MappedFile[] _texts;
    private readonly DocumentLocator[] _locators;
    private readonly SuffixBlock[][] _blocks;
    private readonly MappedFile[][] _suffixes;
    private readonly int[][][] _prefixStarts;
    private readonly ulong[][] _marks;

    public RepeatFinder(string folder, int worldSize, int windowBytes, bool keepFirst)
    {
        _folder = folder;
        _worldSize = worldSize;
        _windowBytes = windowBytes;
        _keepFirst = keepFirst;
        _texts = new MappedFile[worldSize];
        _locators = new DocumentLocator[worldSize];
        _blocks = new SuffixBlock[worldSize][];
        _suffixes = new MappedFile[worldSize][];
        _prefixStarts = new int[worldSize][][];
        _marks = new ulong[worldSize][];
        for (var rank = 0; rank < worldSize; rank++)
        {
            _texts[rank] = new MappedFile(SubstringFiles.Of(folder, SubstringFiles.Text, rank, worldSize));
            var extents = SubstringFiles.ReadExtents(folder, rank, worldSize);
            _locators[rank] = new DocumentLocator(extents, _texts[rank].Length);
            _blocks[rank] = SubstringFiles.ReadBlocks(folder, rank, worldSize);
            _suffixes[rank] = new MappedFile[_blocks[rank].Length];
            for (var b = 0; b < _blocks[rank].Length; b++)
            {
                _suffixes[rank][b] = new MappedFile(SubstringFiles.Suffixes(folder, rank, worldSize, b));
            }
            var counts = SuffixBlockBuilder.ReadPrefixes(folder, rank, worldSize, _blocks[rank].Length);
            _prefixStarts[rank] = counts.Select(StartsOf).ToArray();
            _marks[rank] = new ulong[(_texts[rank].Length >> 6) + 1];
        }
    }

    /// <summary>Distinct windows found more than once (in this part's slices).</summary>
    public long RepeatedWindows { get; private set; }

    /// <summary>Window occurrences marked for cutting.</summary>
    public long MarkedWindows { get; private set; }

    /// <summary>Suffixes merged.</summary>
    public long MergedSuffixes { get; private set; }

    /// <summary>Finds and marks the repeats of part <paramref name="part"/>, then writes its files.</summary>
    public void Run(int part, int threads, CancellationToken cancellationToken)
    {
        var slices = Slices(_worldSize * Math.Max(1, threads) * SlicesPerThread);
        var first = (int)((long)(slices.Length - 1) * part / _worldSize);
        var last = (int)((long)(slices.Length - 1) * (part + 1) / _worldSize);
        var results = new List<SliceResult>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellationToken };
        Parallel.For(first, last, options, () => new SliceResult(_locators), (slice, _, result) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            MergeSlice(slices[slice], Math.Min(slices[slice + 1], FirstSeparatorPrefix), result);
            return result;
        }, result =>
        {
            lock (results)
            {
                results.Add(result);
            }
        });
        foreach (var result in results)
        {
            RepeatedWindows += result.RepeatedWindows;
            MarkedWindows += result.MarkedWindows;
            MergedSuffixes += result.MergedSuffixes;
        }
        Write(part, results);
    }

    public void Dispose()
    {
        foreach (var text in _texts)
        {
            text?.Dispose();
        }
        foreach (var blocks in _suffixes)
        {
            foreach (var suffixes in blocks ?? [])
            {
                suffixes?.Dispose();
            }
        }
    }

    /// <summary>Cuts the prefix space into about <paramref name="count"/> slices of equal suffix counts
    /// (a single prefix is never split); returns the slice bounds.</summary>
    private int[] Slices(int count)
    {
        var totals = new long[SuffixBlockBuilder.PrefixCount];
        long all = 0;
        foreach (var blocks in _prefixStarts)
        {
            foreach (var starts in blocks)
            {
                for (var p = 0; p < totals.Length; p++)
                {
                    totals[p] += starts[p + 1] - starts[p];
                }
                all += starts[^1];
            }
        }
        var bounds = new List<int> { 0 };
        long sum = 0;
        for (var p = 0; p < totals.Length; p++)
        {
            sum += totals[p];
            if (sum * count >= all * bounds.Count && p + 1 < totals.Length && bounds.Count < count)
            {
                bounds.Add(p + 1);
            }
        }
        bounds.Add(totals.Length);
        // Every part gets the same number of bounds whatever the counts: pad with empty slices.
        while (bounds.Count < count + 1)
        {
            bounds.Add(totals.Length);
        }
        return [.. bounds];
    }

    private void MergeSlice(int fromPrefix, int toPrefix, SliceResult result)
    {
        if (fromPrefix >= toPrefix)
        {
            return;
        }
        var merger = new SuffixMerger(_windowBytes);
        for (var rank = 0; rank < _worldSize; rank++)
        {
            for (var b = 0; b < _blocks[rank].Length; b++)
            {
                var starts = _prefixStarts[rank][b];
                merger.Add(_texts[rank].Pointer + _blocks[rank][b].Start, (int*)_suffixes[rank][b].Pointer,
                    starts[fromPrefix], starts[toPrefix], rank, _blocks[rank][b].Start);
            }
        }
        merger.Start();
        while (merger.TryNextRepeat(result.Group, out var window))
        {
            CloseGroup(window, result);
        }
        result.MergedSuffixes += merger.Merged;
    }

    private void CloseGroup(byte* window, SliceResult result)
    {
        var group = result.Group;
        if (group.Count < 2 || new ReadOnlySpan<byte>(window, _windowBytes).Contains(SubstringFiles.Separator))
        {
            group.Clear();
            return;
        }
        result.RepeatedWindows++;
        // The first occurrence: smallest (document order key, offset in the document), whatever the sharding.
        // Each member's document is looked up once; its earliest-cut entry and bitmap word are loaded meanwhile,
        // so the random reads of all members overlap instead of waiting one after another below.
        var firstIndex = -1;
        long firstOrder = 0, firstInDocument = 0, firstGid = 0;
        var members = result.Members;
        members.Clear();
        for (var i = 0; i < group.Count; i++)
        {
            var (rank, offset) = group[i];
            var locator = _locators[rank];
            var d = locator.IndexOf(offset);
            var inDocument = offset - locator.StartOf(d);
            members.Add((d, inDocument));
            fixed (DocumentCut* cut = &result.Cuts[rank][d])
            fixed (ulong* word = &_marks[rank][offset >> 6])
            {
                Prefetch(cut);
                Prefetch(word);
            }
            var orderKey = locator.Documents[d].OrderKey;
            if (firstIndex < 0 || orderKey < firstOrder || (orderKey == firstOrder && inDocument < firstInDocument))
            {
                (firstIndex, firstOrder, firstInDocument, firstGid) = (i, orderKey, inDocument, DedupKeys.Gid(rank, d));
            }
        }
        for (var i = 0; i < group.Count; i++)
        {
            if (_keepFirst && i == firstIndex)
            {
                continue;
            }
            var (rank, offset) = group[i];
            Interlocked.Or(ref _marks[rank][offset >> 6], 1UL << (int)(offset & 63));
            result.MarkedWindows++;
            var (d, inDocument) = members[i];
            ref var cut = ref result.Cuts[rank][d];
            if (inDocument < cut.Offset)
            {
                cut = new DocumentCut(inDocument, firstGid);
            }
        }
        group.Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Prefetch(void* address)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(address);
        }
    }

    private void Write(int part, List<SliceResult> results)
    {
        // Per changed document, its earliest cut window over all slices names the first occurrence.
        var sources = new Dictionary<long, (int Rank, int Document, long Offset, long Source)>();
        for (var rank = 0; rank < _worldSize; rank++)
        {
            for (var d = 0; d < _locators[rank].Documents.Length; d++)
            {
                foreach (var result in results)
                {
                    var cut = result.Cuts[rank][d];
                    var gid = DedupKeys.Gid(rank, d);
                    if (cut.Offset != long.MaxValue && (!sources.TryGetValue(gid, out var best) || cut.Offset < best.Offset))
                    {
                        sources[gid] = (rank, d, cut.Offset, cut.FirstOccurrence);
                    }
                }
            }
        }
        var ids = DocumentTable.Lookup(_folder, SubstringFiles.Documents, _worldSize, sources.Values.Select(s => s.Source).ToHashSet());
        for (var rank = 0; rank < _worldSize; rank++)
        {
            using (var output = WorkFiles.Create(WorkFiles.OfPartAndRank(_folder, SubstringFiles.Marks, part, rank, _worldSize)))
            {
                MarkRun.WriteRuns(output, _marks[rank]);
                output.Commit();
            }
            using var writer = new BinaryWriter(WorkFiles.Create(WorkFiles.OfPartAndRank(_folder, SubstringFiles.Sources, part, rank, _worldSize)), Encoding.UTF8);
            foreach (var source in sources.Values.Where(s => s.Rank == rank).OrderBy(s => s.Document))
            {
                writer.Write((long)source.Document);
                writer.Write(source.Offset);
                writer.Write(ids[source.Source].Id);
            }
            writer.Flush();
            ((WorkFileStream)writer.BaseStream).Commit();
        }
    }

    /// <summary>Start of every prefix's range in a block's suffix array (prefix sums of the counts).</summary>
    private static int[] StartsOf(int[] counts)
    {
        var starts = new int[counts.Length + 1];
        for (var p = 0; p < counts.Length; p++)
        {
            starts[p + 1] = starts[p] + counts[p];
        }
        return starts;
    }

    /// <summary>A document's earliest cut window (offset in the document; <see cref="long.MaxValue"/> when none)
    /// and the gid of the document holding that window's first occurrence: one entry, so one cache line to update.</summary>
    private readonly record struct DocumentCut(long Offset, long FirstOccurrence)
    {
        public static readonly DocumentCut None = new(long.MaxValue, 0);
    }

    /// <summary>What one thread found over its slices.</summary>
    private sealed class SliceResult
    {
        public SliceResult(DocumentLocator[] locators)
        {
            Cuts = new DocumentCut[locators.Length][];
            for (var rank = 0; rank < locators.Length; rank++)
            {
                Cuts[rank] = new DocumentCut[locators[rank].Documents.Length];
                Cuts[rank].AsSpan().Fill(DocumentCut.None);
            }
        }

        public List<(int Rank, long Offset)> Group { get; } = [];

        /// <summary>Per member of the group being closed: its document and its offset in that document.</summary>
        public List<(int Document, long InDocument)> Members { get; } = [];

        /// <summary>Per shard and document: the earliest cut window this thread found.</summary>
        public DocumentCut[][] Cuts { get; }

        public long RepeatedWindows;
        public long MarkedWindows;
        public long MergedSuffixes;
    }
}
