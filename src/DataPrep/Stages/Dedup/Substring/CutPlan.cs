using System.Text;

namespace DataPrep.Stages.Dedup.Substring;

/// <summary>
/// What the decision pass cuts from one shard: the marked window starts of every part, merged into sorted
/// runs, and per changed document the id of the document holding the first occurrence of its earliest cut.
/// Documents are asked for in shard order, so one forward walk over the runs serves the whole shard.
/// </summary>
internal sealed class CutPlan
{
    private readonly List<MarkRun> _runs;
    private readonly Dictionary<long, (long Offset, string Id)> _sources = [];
    private readonly int _windowBytes;
    private int _next;

    public CutPlan(string folder, int rank, int worldSize, int windowBytes)
    {
        _windowBytes = windowBytes;
        var runs = new List<MarkRun>();
        foreach (var path in WorkFiles.AllPartsOfRank(folder, SubstringFiles.Marks, rank, worldSize))
        {
            runs.AddRange(RecordFile.ReadAll<MarkRun>(path));
        }
        runs.Sort((a, b) => a.Start.CompareTo(b.Start));
        _runs = Merge(runs);
        foreach (var path in WorkFiles.AllPartsOfRank(folder, SubstringFiles.Sources, rank, worldSize))
        {
            using var reader = new BinaryReader(WorkFiles.OpenRead(path), Encoding.UTF8);
            while (reader.BaseStream.Position < reader.BaseStream.Length)
            {
                var document = reader.ReadInt64();
                var offset = reader.ReadInt64();
                var id = reader.ReadString();
                if (!_sources.TryGetValue(document, out var best) || offset < best.Offset)
                {
                    _sources[document] = (offset, id);
                }
            }
        }
    }

    /// <summary>Id of the document holding the first occurrence of the earliest span cut from document
    /// <paramref name="localIndex"/> of the shard, if any was cut.</summary>
    public string? FirstOccurrenceOf(long localIndex) => _sources.TryGetValue(localIndex, out var source) ? source.Id : null;

    /// <summary>Byte ranges (relative to the document, sorted, disjoint) covered by cut windows of the
    /// document at <paramref name="extent"/>. Call for the documents in shard order.</summary>
    public void RangesOf(DocExtent extent, List<(int Start, int End)> ranges)
    {
        ranges.Clear();
        var start = extent.Start;
        var end = extent.Start + extent.Length;
        while (_next < _runs.Count && _runs[_next].Start + _runs[_next].Length <= start)
        {
            _next++;
        }
        for (var r = _next; r < _runs.Count && _runs[r].Start < end; r++)
        {
            var first = Math.Max(_runs[r].Start, start);
            var last = Math.Min(_runs[r].Start + _runs[r].Length, end) - 1;
            // Window starts first..last cover the bytes up to the last window's end.
            var from = (int)(first - start);
            var to = (int)(Math.Min(last + _windowBytes, end) - start);
            if (ranges.Count > 0 && ranges[^1].End >= from)
            {
                ranges[^1] = (ranges[^1].Start, Math.Max(ranges[^1].End, to));
            }
            else
            {
                ranges.Add((from, to));
            }
        }
    }

    /// <summary>Token ranges (indices in the document, sorted, disjoint) covered by cut windows of the document at
    /// <paramref name="extent"/>, in a text of <see cref="TokenCodes"/>: only windows that start on a token's code count
    /// (one that starts inside a code repeats only part of its first token). Call for the documents in shard order.</summary>
    public void TokenRangesOf(DocExtent extent, List<(int Start, int End)> ranges)
    {
        const int Code = TokenCodes.BytesPerToken;
        ranges.Clear();
        var start = extent.Start;
        var end = extent.Start + extent.Length;
        var tokens = (int)(extent.Length / Code);
        var windowTokens = _windowBytes / Code;
        while (_next < _runs.Count && _runs[_next].Start + _runs[_next].Length <= start)
        {
            _next++;
        }
        for (var r = _next; r < _runs.Count && _runs[r].Start < end; r++)
        {
            // The first and last token whose code starts inside the run.
            var first = (int)((Math.Max(_runs[r].Start, start) - start + Code - 1) / Code);
            var last = (int)((Math.Min(_runs[r].Start + _runs[r].Length, end) - 1 - start) / Code);
            if (first > last)
            {
                continue;
            }
            var to = Math.Min(last + windowTokens, tokens);
            if (ranges.Count > 0 && ranges[^1].End >= first)
            {
                ranges[^1] = (ranges[^1].Start, Math.Max(ranges[^1].End, to));
            }
            else
            {
                ranges.Add((first, to));
            }
        }
    }

    private static List<MarkRun> Merge(List<MarkRun> sorted)
    {
        var merged = new List<MarkRun>(sorted.Count);
        foreach (var run in sorted)
        {
            if (merged.Count > 0 && merged[^1].Start + merged[^1].Length >= run.Start)
            {
                var last = merged[^1];
                merged[^1] = new MarkRun(last.Start, Math.Max(last.Start + last.Length, run.Start + run.Length) - last.Start);
            }
            else
            {
                merged.Add(run);
            }
        }
        return merged;
    }
}
