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

    private const string Subfolder = "exact";
    private const string HashesKind = "hashes";
    private readonly ExactDedupOptions _options;

    /// <summary>Creates the stage.</summary>
    public ExactDedupStage(ExactDedupOptions options) => _options = options;

    /// <inheritdoc />
    public string Id => "dedup.exact";

    /// <inheritdoc />
    public IReadOnlyList<string> ReduceSteps { get; } = ["groups"];

    /// <inheritdoc />
    public IAsyncEnumerable<Document> ObserveAsync(IAsyncEnumerable<Document> input, StageContext context, CancellationToken cancellationToken) =>
        ObservePass.RunAsync(input, context, Subfolder, layout => new HashObserver(layout, _options.IgnoreCase),
            batchSize: 1, countObserved: true, cancellationToken);

    /// <inheritdoc />
    public Task ReduceAsync(int step, StageContext context, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(step, 0, nameof(step));
        var layout = DedupLayout.Of(context, Subfolder);
        using var timing = context.Stats.Time();
        using var sorter = PartitionSort.Load<DocumentKey>(layout, HashesKind, _options.MemoryBudgetMb);
        var duplicates = new List<(long Gid, long KeptGid)>();
        long groups = 0;
        foreach (var group in SortedGroups.Of(sorter.Sorted(), DocumentKey.SameKey, holdMembers: true, cancellationToken))
        {
            if (group.Count == 1)
            {
                continue;
            }
            groups++;
            for (var i = 1; i < group.Members.Count; i++)
            {
                duplicates.Add((group.Members[i].Gid, group.First.Gid));
            }
        }
        var keptRows = layout.LookupDocuments(duplicates.Select(d => d.KeptGid).ToHashSet());
        layout.WriteDecisions(duplicates.Select(d => (d.Gid, keptRows[d.KeptGid].Id, "exact")));
        context.Stats.Increment("hashes.sorted", sorter.Count);
        context.Stats.Increment("sort.spilled_runs", sorter.SpilledRuns);
        context.Stats.Increment("groups.duplicated", groups);
        context.Stats.Increment("docs.duplicate", duplicates.Count);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Document> RunAsync(IAsyncEnumerable<Document> input, StageContext context, CancellationToken cancellationToken) =>
        DecisionPass.RejectRecordedAsync(input, context, Subfolder, Duplicate, cancellationToken);

    /// <summary>Observe: each document's hash, partitioned by hash, and its row in the document table.</summary>
    private sealed class HashObserver : IDedupObserver
    {
        private readonly DedupLayout _layout;
        private readonly bool _ignoreCase;
        private readonly PartitionWriter<DocumentKey> _hashes;
        private readonly DocumentTable _table;

        public HashObserver(DedupLayout layout, bool ignoreCase)
        {
            (_layout, _ignoreCase) = (layout, ignoreCase);
            _hashes = new PartitionWriter<DocumentKey>(layout, HashesKind);
            try
            {
                _table = layout.CreateDocumentTable();
            }
            catch
            {
                _hashes.Dispose();
                throw;
            }
        }

        public void Observe(List<Document> documents, long firstLocal)
        {
            var local = firstLocal;
            foreach (var document in documents)
            {
                var hash = NormalizedTextHash.Hash(document.Text, _ignoreCase);
                var rank = _layout.Shard;
                var entry = new DocumentKey((ulong)(hash >> 64), (ulong)hash, DedupKeys.OrderKey(document, rank, local), DedupKeys.Gid(rank, local));
                _hashes.Write((int)(entry.Low % (ulong)_hashes.Parts), entry);
                _table.Add(entry.OrderKey, document.Text.Length, double.NaN, document.Id);
                local++;
            }
        }

        public void Commit()
        {
            _hashes.Commit();
            _table.Commit();
        }

        public void Dispose()
        {
            _hashes.Dispose();
            _table.Dispose();
        }
    }
}
