using System.Globalization;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
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
    private const string DocsKind = "docs";
    private const string BandsKind = "bands";
    private const string EdgesKind = "edges";
    private const string CountKind = "count";

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
    public async IAsyncEnumerable<Document> ObserveAsync(
        IAsyncEnumerable<Document> input, StageContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folder = WorkFiles.Folder(context, Subfolder);
        var (rank, worldSize) = (context.Shard.Rank, context.Shard.WorldSize);
        var stats = context.Stats;
        var bandFiles = new WorkFileStream[worldSize];
        var batch = new SignatureBatch(_options.NumPermutations, ObserveBatchDocuments);
        long local = 0;
        try
        {
            for (var part = 0; part < worldSize; part++)
            {
                bandFiles[part] = WorkFiles.Create(WorkFiles.OfPartAndRank(folder, BandsKind, part, rank, worldSize));
            }
            using var sigFile = WorkFiles.Create(SignatureStore.PathOf(folder, rank, worldSize));
            using var table = new DocumentTable(WorkFiles.OfRank(folder, DocsKind, rank, worldSize));
            await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                batch.Documents.Add(document);
                if (batch.Documents.Count < ObserveBatchDocuments)
                {
                    continue;
                }
                local = WriteBatch(batch, context, sigFile, bandFiles, table, local);
                foreach (var done in batch.Documents)
                {
                    yield return done;
                }
                batch.Documents.Clear();
            }
            local = WriteBatch(batch, context, sigFile, bandFiles, table, local);
            foreach (var file in bandFiles)
            {
                file.Commit();
            }
            sigFile.Commit();
            table.Commit();
            foreach (var done in batch.Documents)
            {
                yield return done;
            }
        }
        finally
        {
            foreach (var file in bandFiles)
            {
                file?.Dispose();
            }
        }
        DecisionPass.WriteObservedCount(WorkFiles.OfRank(folder, CountKind, rank, worldSize), local);
        stats.Increment("docs.observed", local);
    }

    // Documents per parallel signature batch: large enough to spread over the cores, small enough to hold.
    private const int ObserveBatchDocuments = 256;

    /// <summary>Signatures of a batch, computed on all cores; then written in input order (so files do not depend on threads).</summary>
    private long WriteBatch(SignatureBatch batch, StageContext context, WorkFileStream sigFile, WorkFileStream[] bandFiles, DocumentTable table, long local)
    {
        var documents = batch.Documents;
        if (documents.Count == 0)
        {
            return local;
        }
        var stats = context.Stats;
        var (rank, worldSize) = (context.Shard.Rank, context.Shard.WorldSize);
        var (bands, rows, permutations) = (_options.Bands, _options.RowsPerBand, _options.NumPermutations);
        using var timing = stats.Time();
        Parallel.For(0, documents.Count, new ParallelOptions { MaxDegreeOfParallelism = context.Threads },
            () => batch.RentWorkspace(),
            (i, _, workspace) =>
            {
                var count = Shingler.Hash(documents[i].Text, _options.ShingleUnit, _options.NgramSize, _options.Seed, workspace);
                _hasher.Compute(workspace.Hashes.AsSpan(0, count), batch.Signatures.AsSpan(i * permutations, permutations));
                batch.Counts[i] = count;
                return workspace;
            },
            batch.ReturnWorkspace);
        sigFile.Write(MemoryMarshal.AsBytes(batch.Signatures.AsSpan(0, documents.Count * permutations)));
        for (var i = 0; i < documents.Count; i++, local++)
        {
            var document = documents[i];
            var signature = batch.Signatures.AsSpan(i * permutations, permutations);
            var count = batch.Counts[i];
            var orderKey = DedupKeys.OrderKey(document, rank, local);
            var gid = DedupKeys.Gid(rank, local);
            if (count > 0)
            {
                for (var band = 0; band < bands; band++)
                {
                    var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(signature.Slice(band * rows, rows)), band);
                    RecordFile.Write(bandFiles[PartOfBand(band, bands, worldSize)], new BandEntry((uint)band, hash, orderKey, gid));
                }
            }
            else
            {
                stats.Increment("docs.no_shingles");
            }
            stats.Observe("doc.shingles", count); // shingle positions, repeats included (see Shingler)
            var quality = document.Metadata.GetNumber(_options.QualityKey) ?? double.NaN;
            table.Add(orderKey, document.Text.Length, quality, document.Id);
        }
        return local;
    }

    /// <summary>One batch's documents, signature rows and shingle counts, and the workspaces its worker threads reuse.</summary>
    private sealed class SignatureBatch(int permutations, int capacity)
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<ShingleWorkspace> _workspaces = [];

        public List<Document> Documents { get; } = new(capacity);

        public uint[] Signatures { get; } = new uint[permutations * capacity];

        public int[] Counts { get; } = new int[capacity];

        public ShingleWorkspace RentWorkspace() => _workspaces.TryTake(out var workspace) ? workspace : new ShingleWorkspace();

        public void ReturnWorkspace(ShingleWorkspace workspace) => _workspaces.Add(workspace);
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
    public IAsyncEnumerable<Document> RunAsync(IAsyncEnumerable<Document> input, StageContext context, CancellationToken cancellationToken)
    {
        var folder = WorkFiles.Folder(context, Subfolder);
        var observed = DecisionPass.ObservedCount(WorkFiles.OfRank(folder, CountKind, context.Shard.Rank, context.Shard.WorldSize));
        return DecisionPass.RunAsync(input, context, folder, Duplicate, observed, cancellationToken);
    }

    private static int PartOfBand(int band, int bands, int worldSize) => (int)((long)band * worldSize / bands);

    private void ReduceBuckets(StageContext context, CancellationToken cancellationToken)
    {
        var folder = WorkFiles.Folder(context, Subfolder);
        var (part, worldSize) = (context.Shard.Rank, context.Shard.WorldSize);
        var stats = context.Stats;
        using var timing = stats.Time();
        using var sorter = new ExternalSorter<BandEntry>(Path.Combine(folder, "spill"), (long)_options.MemoryBudgetMb << 20);
        foreach (var path in WorkFiles.AllRanksOfPart(folder, BandsKind, part, worldSize))
        {
            foreach (var entry in RecordFile.ReadAll<BandEntry>(path))
            {
                sorter.Add(entry);
            }
        }
        using var signatures = new SignatureStore(folder, worldSize, _options.NumPermutations);
        var left = new uint[_options.NumPermutations];
        var right = new uint[_options.NumPermutations];
        var checkedPairs = new Dictionary<(long, long), bool>();
        var bucket = new List<BandEntry>();
        long candidates = 0, verifiedFailed = 0, buckets = 0;
        using var edges = WorkFiles.Create(WorkFiles.OfPart(folder, EdgesKind, part, worldSize));

        void FlushBucket()
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

        foreach (var entry in sorter.Sorted())
        {
            if (bucket.Count > 0 && (entry.Band != bucket[0].Band || entry.Hash != bucket[0].Hash))
            {
                cancellationToken.ThrowIfCancellationRequested();
                FlushBucket();
                if (entry.Band != bucket[0].Band)
                {
                    // The verified-pair cache spans one band only, so memory stays bounded by one band's
                    // candidates; a pair met again in a later band is re-verified (two signature reads).
                    checkedPairs.Clear();
                }
                bucket.Clear();
            }
            bucket.Add(entry);
        }
        FlushBucket();
        edges.Commit();
        stats.Increment("band_entries", sorter.Count);
        stats.Increment("sort.spilled_runs", sorter.SpilledRuns);
        stats.Increment("buckets.shared", buckets);
        stats.Increment("pairs.verified", candidates);
        stats.Increment("pairs.below_threshold", verifiedFailed);
    }

    private void ReduceClusters(StageContext context, CancellationToken cancellationToken)
    {
        var folder = WorkFiles.Folder(context, Subfolder);
        var (part, worldSize) = (context.Shard.Rank, context.Shard.WorldSize);
        var stats = context.Stats;
        using var timing = stats.Time();

        // Every part builds the same union-find from all edges (only duplicates have edges, so this is
        // small and cheap); parts then split the clusters between them by their smallest member.
        var sets = new UnionFind();
        foreach (var path in WorkFiles.AllParts(folder, EdgesKind, worldSize))
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
        var rows = DocumentTable.Lookup(folder, DocsKind, worldSize, wanted);

        using var signatures = new SignatureStore(folder, worldSize, _options.NumPermutations);
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
        DecisionFiles.Write(folder, part, worldSize, decisions);
        if (_options.WriteClusters)
        {
            WriteClusters(WorkFiles.OfPart(folder, "clusters", part, worldSize, "jsonl"), clusters);
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
    private readonly record struct BandEntry(uint Band, ulong Hash, long OrderKey, long Gid) : IComparable<BandEntry>
    {
        public int CompareTo(BandEntry other)
        {
            var c = Band.CompareTo(other.Band);
            if (c != 0)
            {
                return c;
            }
            c = Hash.CompareTo(other.Hash);
            return c != 0 ? c : OrderKey.CompareTo(other.OrderKey);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Edge(long A, long B);
}
