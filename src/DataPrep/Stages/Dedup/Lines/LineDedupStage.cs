using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Dedup.Lines;

/// <summary>
/// Removes boilerplate across the corpus: lines (or paragraphs) found in more than
/// <see cref="LineDedupOptions.MaxOccurrences"/> documents — footers, bylines, cookie notices — are cut
/// from every document; a document left shorter than <see cref="LineDedupOptions.MinDocChars"/> is rejected
/// as <c>dedup.lines.too_short_after_removal</c>.
/// </summary>
/// <remarks>
/// CCNet (Wenzek et al. 2020, §3.3) hashes normalised paragraphs over all shards and removes repeats;
/// this stage does the same as a global stage: <b>observe</b> writes one 64-bit hash per distinct line of
/// each document (lines shorter than <see cref="LineDedupOptions.MinLineChars"/> are skipped: short lines
/// repeat legitimately), partitioned by hash; <b>counts</b> sorts each partition within the memory budget
/// and keeps the hashes seen in too many documents; the <b>decision pass</b> removes those lines.
/// Lines are compared after CCNet-style normalisation: whitespace collapsed, lower-cased, digits as 0.
/// </remarks>
[Stage("LineDedup", typeof(LineDedupOptions), Family = 2,
    Description = "Removes lines or paragraphs repeated across many documents (boilerplate), rejecting documents left too short.")]
public sealed class LineDedupStage : IGlobalStage
{
    /// <summary>Too little text was left once the repeated lines were removed.</summary>
    public static readonly RejectionReason TooShortAfterRemoval = new(
        "dedup.lines.too_short_after_removal", "Fewer than minDocChars non-whitespace characters left after removing corpus-wide repeated lines.");

    private const string Subfolder = "lines";
    private const string HashesKind = "hashes";
    private const string FrequentKind = "frequent";
    private readonly LineDedupOptions _options;

    /// <summary>Creates the stage.</summary>
    public LineDedupStage(LineDedupOptions options) => _options = options;

    /// <inheritdoc />
    public string Id => "dedup.lines";

    /// <inheritdoc />
    public IReadOnlyList<string> ReduceSteps { get; } = ["counts"];

    /// <inheritdoc />
    public IAsyncEnumerable<Document> ObserveAsync(IAsyncEnumerable<Document> input, StageContext context, CancellationToken cancellationToken) =>
        ObservePass.RunAsync(input, context, Subfolder, layout => new LineObserver(this, layout, context.Stats),
            batchSize: 1, countObserved: false, cancellationToken);

    /// <inheritdoc />
    public Task ReduceAsync(int step, StageContext context, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(step, 0, nameof(step));
        var layout = DedupLayout.Of(context, Subfolder);
        using var timing = context.Stats.Time();
        using var sorter = PartitionSort.Load<ulong>(layout, HashesKind, _options.MemoryBudgetMb);
        long distinct = 0, frequent = 0;
        using (var output = WorkFiles.Create(layout.PartFile(FrequentKind)))
        {
            foreach (var run in SortedGroups.Of(sorter.Sorted(), static (a, b) => a == b, holdMembers: false, cancellationToken))
            {
                distinct++;
                if (run.Count > _options.MaxOccurrences)
                {
                    frequent++;
                    RecordFile.Write(output, run.First);
                }
            }
            output.Commit();
        }
        context.Stats.Increment("lines.distinct", distinct);
        context.Stats.Increment("lines.frequent", frequent);
        context.Stats.Increment("sort.spilled_runs", sorter.SpilledRuns);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Document> RunAsync(IAsyncEnumerable<Document> input, StageContext context, CancellationToken cancellationToken)
    {
        var layout = DedupLayout.Of(context, Subfolder);
        return DecisionPass.ApplyAsync(input, context, layout, () =>
        {
            var frequent = new HashSet<ulong>();
            foreach (var path in layout.AllPartFiles(FrequentKind))
            {
                frequent.UnionWith(RecordFile.ReadAll<ulong>(path));
            }
            var units = new List<(int Start, int Length)>();
            return (document, _) => Apply(document, frequent, units, context.Stats);
        }, cancellationToken);
    }

    /// <summary>Observe: one hash per distinct long-enough unit of each document, partitioned by hash.</summary>
    private sealed class LineObserver(LineDedupStage stage, DedupLayout layout, StageStats stats) : IDedupObserver
    {
        private readonly PartitionWriter<ulong> _hashes = new(layout, HashesKind);
        private readonly HashSet<ulong> _seen = [];
        private readonly List<(int Start, int Length)> _units = [];

        public void Observe(List<Document> documents, long firstLocal)
        {
            foreach (var document in documents)
            {
                _seen.Clear();
                var text = document.Text;
                stage.Split(text, _units);
                foreach (var (start, length) in _units)
                {
                    if (stage.TryHash(text.AsSpan(start, length), out var hash) && _seen.Add(hash))
                    {
                        _hashes.Write((int)(hash % (ulong)_hashes.Parts), hash);
                    }
                }
                stats.Increment("lines.hashed", _seen.Count);
            }
        }

        public void Commit() => _hashes.Commit();

        public void Dispose() => _hashes.Dispose();
    }

    private Verdict Apply(Document document, HashSet<ulong> frequent, List<(int Start, int Length)> units, StageStats stats)
    {
        var text = document.Text;
        Split(text, units);
        StringBuilder? kept = null;
        var separator = _options.Unit == LineUnit.Lines ? "\n" : "\n\n";
        var removed = 0;
        var removedChars = 0;
        for (var i = 0; i < units.Count; i++)
        {
            var (start, length) = units[i];
            var unit = text.AsSpan(start, length);
            if (frequent.Count > 0 && TryHash(unit, out var hash) && frequent.Contains(hash))
            {
                if (kept is null)
                {
                    kept = new StringBuilder(text.Length);
                    for (var j = 0; j < i; j++)
                    {
                        Append(kept, text.AsSpan(units[j].Start, units[j].Length), separator);
                    }
                }
                removed++;
                removedChars += length;
                continue;
            }
            if (kept is not null)
            {
                Append(kept, unit, separator);
            }
        }
        if (kept is null)
        {
            return Verdict.Keep;
        }
        stats.Increment("lines.removed", removed);
        stats.Increment("chars.removed", removedChars);
        stats.Increment("docs.changed");
        var newText = kept.ToString();
        var left = CountNonWhitespace(newText);
        if (left < _options.MinDocChars)
        {
            return Verdict.Reject(TooShortAfterRemoval, $"chars={left}<{_options.MinDocChars} lines_removed={removed}");
        }
        document.Text = newText;
        return Verdict.Keep;
    }

    private static void Append(StringBuilder builder, ReadOnlySpan<char> unit, string separator)
    {
        if (builder.Length > 0)
        {
            builder.Append(separator);
        }
        builder.Append(unit);
    }

    private static int CountNonWhitespace(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>Splits into lines, or into paragraphs (runs of non-blank lines), as (start, length) ranges.</summary>
    private void Split(string text, List<(int Start, int Length)> units)
    {
        units.Clear();
        var span = text.AsSpan();
        var position = 0;
        var paragraphStart = -1;
        var paragraphEnd = 0;
        while (position <= span.Length)
        {
            var newline = span[position..].IndexOf('\n');
            var end = newline < 0 ? span.Length : position + newline;
            var line = span[position..end];
            if (_options.Unit == LineUnit.Lines)
            {
                units.Add((position, end - position));
            }
            else if (line.IsWhiteSpace())
            {
                if (paragraphStart >= 0)
                {
                    units.Add((paragraphStart, paragraphEnd - paragraphStart));
                    paragraphStart = -1;
                }
            }
            else
            {
                if (paragraphStart < 0)
                {
                    paragraphStart = position;
                }
                paragraphEnd = end;
            }
            if (newline < 0)
            {
                break;
            }
            position = end + 1;
        }
        if (paragraphStart >= 0)
        {
            units.Add((paragraphStart, paragraphEnd - paragraphStart));
        }
    }

    /// <summary>Hashes a normalised line (whitespace collapsed, lower case, digits as 0); false when it is shorter than the guard.</summary>
    private bool TryHash(ReadOnlySpan<char> line, out ulong hash)
    {
        hash = 0;
        if (line.Length < _options.MinLineChars)
        {
            return false;
        }
        var rented = ArrayPool<char>.Shared.Rent(line.Length);
        try
        {
            var length = NormalizedTextHash.Normalize(line, rented, ignoreCase: true);
            var normalized = rented.AsSpan(0, length);
            for (var i = 0; i < normalized.Length; i++)
            {
                if (char.IsDigit(normalized[i]))
                {
                    normalized[i] = '0';
                }
            }
            if (length < _options.MinLineChars)
            {
                return false;
            }
            hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(normalized));
            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }
}
