using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Dedup.Exact;

/// <summary>
/// Removes exact copies across the whole corpus: documents whose whitespace-normalised text has the
/// same XxHash128 as an earlier document are rejected as <c>dedup.exact.duplicate</c>, with
/// <c>duplicate_of</c> naming the first seen copy (smallest global input order, whatever the sharding).
/// </summary>
/// <remarks>
/// Exact hashing as in datatrove's ExactDedup and NeMo Curator's ExactDuplicates (md5 there), run as
/// a global stage: <b>observe</b> writes (hash, order key, position) per shard, partitioned by hash;
/// <b>groups</b> (one part per partition, parts independent) sorts each partition within
/// <see cref="ExactDedupOptions.MemoryBudgetMb"/>, spilling sorted runs when over, and lists every copy
/// after the first; the <b>decision pass</b> rejects them. Only hashes and ids are held, never text.
/// </remarks>
[Stage("ExactDedup", typeof(ExactDedupOptions), Family = 2,
    Description = "Removes exact copies (XxHash128 of whitespace-normalised text) across the whole corpus, keeping the first seen.")]
public sealed class ExactDedupStage : IGlobalStage
{
    /// <summary>The document's normalised text equals that of an earlier document.</summary>
    public static readonly RejectionReason Duplicate = new(
        "dedup.exact.duplicate", "Same text (whitespace normalised) as an earlier document, named in duplicate_of.");

    private const string DocsKind = "docs";
    private const string HashesKind = "hashes";
    private readonly ExactDedupOptions _options;

    /// <summary>Creates the stage.</summary>
    public ExactDedupStage(ExactDedupOptions options) => _options = options;

    /// <inheritdoc />
    public string Id => "dedup.exact";

    /// <inheritdoc />
    public IReadOnlyList<string> ReduceSteps { get; } = ["groups"];

    /// <inheritdoc />
    public async IAsyncEnumerable<Document> ObserveAsync(
        IAsyncEnumerable<Document> input, StageContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folder = WorkFiles.Folder(context, "exact");
        var (rank, worldSize) = (context.Shard.Rank, context.Shard.WorldSize);
        var outputs = new WorkFileStream[worldSize];
        long local = 0;
        try
        {
            for (var part = 0; part < worldSize; part++)
            {
                outputs[part] = WorkFiles.Create(WorkFiles.OfPartAndRank(folder, HashesKind, part, rank, worldSize));
            }
            using var table = new DocumentTable(WorkFiles.OfRank(folder, DocsKind, rank, worldSize));
            await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                using (context.Stats.Time())
                {
                    var hash = NormalizedTextHash.Hash(document.Text, _options.IgnoreCase);
                    var entry = new HashEntry((ulong)(hash >> 64), (ulong)hash, DedupKeys.OrderKey(document, rank, local), DedupKeys.Gid(rank, local));
                    RecordFile.Write(outputs[(int)(entry.Lo % (ulong)worldSize)], entry);
                    table.Add(entry.OrderKey, document.Text.Length, double.NaN, document.Id);
                    local++;
                }
                yield return document;
            }
            foreach (var output in outputs)
            {
                output.Commit();
            }
            table.Commit();
        }
        finally
        {
            foreach (var output in outputs)
            {
                output?.Dispose();
            }
        }
        DecisionPass.WriteObservedCount(WorkFiles.OfRank(folder, "count", rank, worldSize), local);
        context.Stats.Increment("docs.observed", local);
    }

    /// <inheritdoc />
    public Task ReduceAsync(int step, StageContext context, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(step, 0, nameof(step));
        var folder = WorkFiles.Folder(context, "exact");
        var (part, worldSize) = (context.Shard.Rank, context.Shard.WorldSize);
        using var timing = context.Stats.Time();
        using var sorter = new ExternalSorter<HashEntry>(Path.Combine(folder, "spill"), (long)_options.MemoryBudgetMb << 20);
        foreach (var path in WorkFiles.AllRanksOfPart(folder, HashesKind, part, worldSize))
        {
            foreach (var entry in RecordFile.ReadAll<HashEntry>(path))
            {
                sorter.Add(entry);
            }
        }
        var duplicates = new List<(long Gid, long KeptGid)>();
        HashEntry first = default;
        var groupSize = 0;
        long groups = 0;
        foreach (var entry in sorter.Sorted())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (groupSize > 0 && entry.Hi == first.Hi && entry.Lo == first.Lo)
            {
                duplicates.Add((entry.Gid, first.Gid));
                if (groupSize == 1)
                {
                    groups++;
                }
                groupSize++;
                continue;
            }
            first = entry;
            groupSize = 1;
        }
        var keptRows = DocumentTable.Lookup(folder, DocsKind, worldSize, duplicates.Select(d => d.KeptGid).ToHashSet());
        DecisionFiles.Write(folder, part, worldSize, duplicates.Select(d => (d.Gid, keptRows[d.KeptGid].Id, "exact")));
        context.Stats.Increment("hashes.sorted", sorter.Count);
        context.Stats.Increment("sort.spilled_runs", sorter.SpilledRuns);
        context.Stats.Increment("groups.duplicated", groups);
        context.Stats.Increment("docs.duplicate", duplicates.Count);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Document> RunAsync(IAsyncEnumerable<Document> input, StageContext context, CancellationToken cancellationToken)
    {
        var folder = WorkFiles.Folder(context, "exact");
        var observed = DecisionPass.ObservedCount(WorkFiles.OfRank(folder, "count", context.Shard.Rank, context.Shard.WorldSize));
        return DecisionPass.RunAsync(input, context, folder, Duplicate, observed, cancellationToken);
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct HashEntry(ulong Hi, ulong Lo, long OrderKey, long Gid) : IComparable<HashEntry>
    {
        public int CompareTo(HashEntry other)
        {
            var c = Hi.CompareTo(other.Hi);
            if (c != 0)
            {
                return c;
            }
            c = Lo.CompareTo(other.Lo);
            return c != 0 ? c : OrderKey.CompareTo(other.OrderKey);
        }
    }
}
