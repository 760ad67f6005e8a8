using DataPrep.Pipeline;

namespace DataPrep.Stages.Dedup;

/// <summary>
/// The work folder of one corpus-wide dedup stage as one shard sees it: <see cref="Shard"/> is the rank in the observe
/// and decision passes and the part in a reduce step (the runner gives both the same world size). Names the files the
/// passes hand over (<see cref="WorkFiles"/> spells them), so a stage only names its kinds of file.
/// </summary>
internal readonly record struct DedupLayout(string Folder, int Shard, int WorldSize)
{
    /// <summary>The per-shard document table (order key, length, quality, id).</summary>
    public const string DocumentsKind = "docs";

    /// <summary>The number of documents the observe pass saw, checked by the decision pass.</summary>
    public const string CountKind = "count";

    /// <summary>The layout of <paramref name="context"/>'s shard in the stage's subfolder of the work directory (created).</summary>
    public static DedupLayout Of(StageContext context, string subfolder) =>
        new(WorkFiles.Folder(context, subfolder), context.Shard.Rank, context.Shard.WorldSize);

    /// <summary>Where the sort of a reduce part spills its runs.</summary>
    public string SpillFolder => Path.Combine(Folder, "spill");

    /// <summary>This shard's own file of one kind (observe pass output: table, signatures, count).</summary>
    public string RankFile(string kind) => WorkFiles.OfRank(Folder, kind, Shard, WorldSize);

    /// <summary>This reduce part's output file of one kind (frequent hashes, edges, clusters).</summary>
    public string PartFile(string kind, string extension = "bin") => WorkFiles.OfPart(Folder, kind, Shard, WorldSize, extension);

    /// <summary>Every reduce part's output file of one kind.</summary>
    public IEnumerable<string> AllPartFiles(string kind) => WorkFiles.AllParts(Folder, kind, WorldSize);

    /// <summary>The file this shard writes for partition <paramref name="part"/> in the observe pass.</summary>
    public string PartitionFile(string kind, int part) => WorkFiles.OfPartAndRank(Folder, kind, part, Shard, WorldSize);

    /// <summary>This reduce part's partition as every rank wrote it (a rank that ran always wrote its file, even empty).</summary>
    public IEnumerable<string> PartitionFilesOfAllRanks(string kind) => WorkFiles.AllRanksOfPart(Folder, kind, Shard, WorldSize);

    /// <summary>A new document table for this shard (commit it when the observe pass is complete).</summary>
    public DocumentTable CreateDocumentTable() => new(RankFile(DocumentsKind));

    /// <summary>Document table rows of the wanted documents, from every shard's table.</summary>
    public Dictionary<long, DocumentRow> LookupDocuments(IReadOnlySet<long> wanted) =>
        DocumentTable.Lookup(Folder, DocumentsKind, WorldSize, wanted);

    /// <summary>Writes this reduce part's duplicate decisions, one file per rank that owns the documents.</summary>
    public void WriteDecisions(IEnumerable<(long Gid, string KeptId, string Detail)> decisions) =>
        DecisionFiles.Write(Folder, Shard, WorldSize, decisions);

    /// <summary>Every decision about this shard's documents, by position in the shard.</summary>
    public Dictionary<long, Decision> ReadDecisions() => DecisionFiles.ReadForRank(Folder, Shard, WorldSize);

    /// <summary>Documents the observe pass saw on this shard; -1 when it recorded no count.</summary>
    public long ObservedCount() => DecisionPass.ObservedCount(RankFile(CountKind));

    /// <summary>Records how many documents the observe pass saw on this shard.</summary>
    public void WriteObservedCount(long count) => DecisionPass.WriteObservedCount(RankFile(CountKind), count);
}
