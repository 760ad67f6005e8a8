using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;
using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Dedup.MinHash;

/// <summary>
/// Removes near-duplicates across the whole corpus with MinHash LSH: documents whose shingle sets
/// are similar (Jaccard ≥ <see cref="MinHashDedupOptions.Threshold"/>) are clustered, one document per
/// cluster is kept by <see cref="MinHashDedupOptions.Keep"/>, and the others are rejected as
/// <c>dedup.minhash.duplicate</c> with <c>duplicate_of</c> naming the kept one.
/// </summary>
/// <remarks>
/// MinHash (Broder 1997) with LSH banding (Leskovec et al., Mining of Massive Datasets §3.4), as used
/// for GPT-3, The Pile, RefinedWeb and FineWeb. Passes, each of which can run as separate jobs:
/// <list type="number">
/// <item><b>observe</b> (per shard): signatures (SIMD multiply-add permutations of SIMD shingle hashes) to a
/// fixed-row file, band hashes to one file per band range, and a document table (order key, length,
/// quality, id);</item>
/// <item><b>buckets</b> (part r of N handles bands [r·B/N, (r+1)·B/N)): sorts its band entries within the
/// memory budget (spilling sorted runs when over), and in each bucket links every document to the first
/// earlier one (global input order) whose estimated Jaccard passes the threshold, writing edges;</item>
/// <item><b>clusters</b>: union-find over all edges (small: only duplicates have edges), deterministic;
/// part r resolves the clusters assigned to it, picks the keeper, and writes per-shard decisions and
/// <c>clusters.part-r-of-N.jsonl</c>;</item>
/// <item><b>decision pass</b> (per shard): rejects the duplicates.</item>
/// </list>
/// Every choice depends only on document content and global input order, so 1, 2 or 7 shards keep
/// the same documents.
/// </remarks>
[Stage("MinHashDedup", typeof(MinHashDedupOptions), Family = 2,
    Description = "Removes near-duplicates (MinHash LSH on character or word shingles, verified, union-find clusters), keeping one per cluster.")]
public sealed class MinHashDedupStage : IGlobalStage
{
    /// <summary>The document is a near-duplicate of the kept member of its cluster.</summary>
    public static readonly RejectionReason Duplicate = new(
        "dedup.minhash.duplicate", "Near-duplicate (MinHash Jaccard at or above the threshold) of the document named in duplicate_of.");

    private const string Subfolder = "minhash";
    private const string BandsKind = "bands";
    private const string EdgesKind = "edges";

    private readonly MinHashDedupOptions _options;
    private readonly MinHasher _hasher;

    /// <summary>Creates the stage.</summary>
    public MinHashDedupStage(MinHashDedupOptions options)
    {
        _options = options;
        _hasher = new MinHasher(options.NumPermutations, options.Seed);
    }

    /// <inheritdoc />
    public string Id => "dedup.minhash";

    /// <inheritdoc />
    public IReadOnlyList<string> ReduceSteps { get; } = ["buckets", "clusters"];

    /// <summary>Computes the signature of one text with this stage's options (what the observe pass stores).</summary>
    public uint[] Signature(string text)
    {
        var signature = new uint[_options.NumPermutations];
        var workspace = new ShingleWorkspace();
        var count = Shingler.Hash(text, _options.ShingleUnit, _options.NgramSize, _options.Seed, workspace);
        _hasher.Compute(workspace.Hashes.AsSpan(0, count), signature);
        return signature;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Document> ObserveAsync(IAsyncEnumerable<Document> input, StageContext context, CancellationToken cancellationToken) =>
        ObservePass.RunAsync(input, context, Subfolder, layout => new SignatureObserver(this, layout, context),
            ObserveBatchDocuments, countObserved: true, cancellationToken);

    // Documents per parallel signature batch: large enough to spread over the cores, small enough to hold.
    private const int ObserveBatchDocuments = 256;

    /// <summary>
    /// Observe: signatures of each batch computed on all cores, then written in input order (so files do not depend
    /// on threads): signature rows, band entries partitioned by band range, and document table rows.
    /// </summary>
    private sealed class SignatureObserver : IDedupObserver
    {
        private readonly MinHashDedupStage _stage;
        private readonly DedupLayout _layout;
        private readonly StageContext _context;
        private readonly System.Collections.Concurrent.ConcurrentBag<ShingleWorkspace> _workspaces = [];
        private readonly uint[] _signatures;
        private readonly int[] _counts = new int[ObserveBatchDocuments];
        private readonly PartitionWriter<DocumentKey> _bands;
        private readonly WorkFileStream _signatureFile;
        private readonly DocumentTable _table;

        public SignatureObserver(MinHashDedupStage stage, DedupLayout layout, StageContext context)
        {
            (_stage, _layout, _context) = (stage, layout, context);
            _signatures = new uint[stage._options.NumPermutations * ObserveBatchDocuments];
            _bands = new PartitionWriter<DocumentKey>(layout, BandsKind);
            try
            {
                _signatureFile = WorkFiles.Create(SignatureStore.PathOf(layout.Folder, layout.Shard, layout.WorldSize));
                _table = layout.CreateDocumentTable();
            }
            catch
            {
                _signatureFile?.Dispose();
                _bands.Dispose();
                throw;
            }
        }

        public void Observe(List<Document> documents, long firstLocal)
        {
            var options = _stage._options;
            var stats = _context.Stats;
            var (rank, worldSize) = (_layout.Shard, _layout.WorldSize);
            var (bands, rows, permutations) = (options.Bands, options.RowsPerBand, options.NumPermutations);
            Parallel.For(0, documents.Count, new ParallelOptions { MaxDegreeOfParallelism = _context.Threads },
                () => _workspaces.TryTake(out var workspace) ? workspace : new ShingleWorkspace(),
                (i, _, workspace) =>
                {
                    var count = Shingler.Hash(documents[i].Text, options.ShingleUnit, options.NgramSize, options.Seed, workspace);
                    _stage._hasher.Compute(workspace.Hashes.AsSpan(0, count), _signatures.AsSpan(i * permutations, permutations));
                    _counts[i] = count;
                    return workspace;
                },
                _workspaces.Add);
            _signatureFile.Write(MemoryMarshal.AsBytes(_signatures.AsSpan(0, documents.Count * permutations)));
            var local = firstLocal;
            for (var i = 0; i < documents.Count; i++, local++)
            {
                var document = documents[i];
                var signature = _signatures.AsSpan(i * permutations, permutations);
                var count = _counts[i];
                var orderKey = DedupKeys.OrderKey(document, rank, local);
                var gid = DedupKeys.Gid(rank, local);
                if (count > 0)
                {
                    for (var band = 0; band < bands; band++)
                    {
                        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(signature.Slice(band * rows, rows)), band);
                        _bands.Write(PartOfBand(band, bands, worldSize), new DocumentKey((ulong)band, hash, orderKey, gid));
                    }
                }
                else
                {
                    stats.Increment("docs.no_shingles");
                }
                stats.Observe("doc.shingles", count); // shingle positions, repeats included (see Shingler)
                var quality = document.Metadata.GetNumber(options.QualityKey) ?? double.NaN;
                _table.Add(orderKey, document.Text.Length, quality, document.Id);
            }
        }

        public void Commit()
        {
            _bands.Commit();
            _signatureFile.Commit();
            _table.Commit();
        }

        public void Dispose()
        {
            _bands.Dispose();
            _signatureFile.Dispose();
            _table.Dispose();
        }
    }

    /// <inheritdoc />
    public Task ReduceAsync(int step, StageContext context, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case 0:
                ReduceBuckets(context, cancellationToken);
                break;
            case 1:
                ReduceClusters(context, cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, "MinHashDedup has two reduce steps: buckets (0) and clusters (1).");
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Document> RunAsync(IAsyncEnumerable<Document> input, StageContext context, CancellationToken cancellationToken) =>
        DecisionPass.RejectRecordedAsync(input, context, Subfolder, Duplicate, cancellationToken);

    private static int PartOfBand(int band, int bands, int worldSize) => (int)((long)band * worldSize / bands);

    private void ReduceBuckets(StageContext context, CancellationToken cancellationToken)
    {
        var layout = DedupLayout.Of(context, Subfolder);
        var stats = context.Stats;
        using var timing = stats.Time();
        using var sorter = PartitionSort.Load<DocumentKey>(layout, BandsKind, _options.MemoryBudgetMb);
        using var signatures = new SignatureStore(layout.Folder, layout.WorldSize, _options.NumPermutations);
        var left = new uint[_options.NumPermutations];
        var right = new uint[_options.NumPermutations];
        var checkedPairs = new Dictionary<(long, long), bool>();
        long candidates = 0, verifiedFailed = 0, buckets = 0;
        using var edges = WorkFiles.Create(layout.PartFile(EdgesKind));

        void Verify(List<DocumentKey> bucket)
        {
            if (bucket.Count < 2)
            {
                return;
            }
            buckets++;
            stats.Observe("bucket.size", bucket.Count);
            for (var j = 1; j < bucket.Count; j++)
            {
                var limit = Math.Min(j, _options.MaxComparisonsPerBucket);
                for (var i = 0; i < limit; i++)
                {
                    var (a, b) = (bucket[i].Gid, bucket[j].Gid);
                    if (!checkedPairs.TryGetValue((a, b), out var similar))
                    {
                        candidates++;
                        var jaccard = 1.0;
                        if (_options.Verify)
                        {
                            signatures.Read(a, left);
                            signatures.Read(b, right);
                            jaccard = MinHasher.EstimateJaccard(left, right);
                        }
                        similar = jaccard >= _options.Threshold;
                        checkedPairs[(a, b)] = similar;
                        if (similar)
                        {
                            RecordFile.Write(edges, new Edge(a, b));
                        }
                        else
                        {
                            verifiedFailed++;
                        }
                    }
                    if (similar)
                    {
                        break;
                    }
                }
            }
        }

        // Band entries are keyed (band, band hash): a group is one bucket.
        var band = 0UL;
        foreach (var bucket in SortedGroups.Of(sorter.Sorted(), DocumentKey.SameKey, holdMembers: true, cancellationToken))
        {
            if (bucket.First.High != band)
            {
                // The verified-pair cache spans one band only, so memory stays bounded by one band's
                // candidates; a pair met again in a later band is re-verified (two signature reads).
                checkedPairs.Clear();
                band = bucket.First.High;
            }
            Verify(bucket.Members);
        }
        edges.Commit();
        stats.Increment("band_entries", sorter.Count);
        stats.Increment("sort.spilled_runs", sorter.SpilledRuns);
        stats.Increment("buckets.shared", buckets);
        stats.Increment("pairs.verified", candidates);
        stats.Increment("pairs.below_threshold", verifiedFailed);
    }

    private void ReduceClusters(StageContext context, CancellationToken cancellationToken)
    {
        var layout = DedupLayout.Of(context, Subfolder);
        var (part, worldSize) = (layout.Shard, layout.WorldSize);
        var stats = context.Stats;
        using var timing = stats.Time();

        // Every part builds the same union-find from all edges (only duplicates have edges, so this is
        // small and cheap); parts then split the clusters between them by their smallest member.
        var sets = new UnionFind();
        foreach (var path in layout.AllPartFiles(EdgesKind))
        {
            foreach (var edge in RecordFile.ReadAll<Edge>(path))
            {
                sets.Union(edge.A, edge.B);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        var members = new Dictionary<int, List<long>>();
        for (var i = 0; i < sets.Count; i++)
        {
            var root = sets.Find(i);
            if (!members.TryGetValue(root, out var list))
            {
                members[root] = list = [];
            }
            list.Add(sets.Keys[i]);
        }
        var mine = members.Values.Where(list => list.Min() % worldSize == part).ToList();
        var wanted = new HashSet<long>(mine.SelectMany(list => list));
        var rows = layout.LookupDocuments(wanted);

        using var signatures = new SignatureStore(layout.Folder, worldSize, _options.NumPermutations);
        var kept = new uint[_options.NumPermutations];
        var other = new uint[_options.NumPermutations];
        var decisions = new List<(long Gid, string KeptId, string Detail)>();
        var clusters = new List<(DocumentRow Kept, List<(DocumentRow Row, double Jaccard)> Removed)>();
        foreach (var list in mine)
        {
            var cluster = list.Select(gid => rows[gid]).OrderBy(r => r.OrderKey).ToList();
            var keeper = ChooseKeeper(cluster);
            signatures.Read(keeper.Gid, kept);
            var removed = new List<(DocumentRow, double)>(cluster.Count - 1);
            foreach (var row in cluster)
            {
                if (row.Gid == keeper.Gid)
                {
                    continue;
                }
                signatures.Read(row.Gid, other);
                var jaccard = MinHasher.EstimateJaccard(kept, other);
                removed.Add((row, jaccard));
                decisions.Add((row.Gid, keeper.Id, string.Create(CultureInfo.InvariantCulture, $"jaccard~{jaccard:0.00} cluster_size={cluster.Count}")));
            }
            clusters.Add((keeper, removed));
            stats.Observe("cluster.size", cluster.Count);
        }
        layout.WriteDecisions(decisions);
        if (_options.WriteClusters)
        {
            WriteClusters(layout.PartFile("clusters", "jsonl"), clusters);
        }
        stats.Increment("clusters", clusters.Count);
        stats.Increment("docs.duplicate", decisions.Count);
    }

    private DocumentRow ChooseKeeper(List<DocumentRow> byOrder)
    {
        var best = byOrder[0];
        foreach (var row in byOrder)
        {
            var better = _options.Keep switch
            {
                KeepRule.Longest => row.Length > best.Length,
                KeepRule.HighestQuality => !double.IsNaN(row.Quality) && (double.IsNaN(best.Quality) || row.Quality > best.Quality),
                _ => false,
            };
            if (better)
            {
                best = row;
            }
        }
        return best;
    }

    private static void WriteClusters(string path, List<(DocumentRow Kept, List<(DocumentRow Row, double Jaccard)> Removed)> clusters)
    {
        using var stream = WorkFiles.Create(path);
        var newline = "\n"u8.ToArray();
        foreach (var (keeper, removed) in clusters.OrderBy(c => c.Kept.OrderKey))
        {
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("kept", keeper.Id);
                writer.WriteNumber("size", removed.Count + 1);
                writer.WriteStartArray("duplicates");
                foreach (var (row, jaccard) in removed)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", row.Id);
                    writer.WriteNumber("jaccard", Math.Round(jaccard, 4));
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            stream.Write(newline);
        }
        stream.Commit();
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Edge(long A, long B);
}
