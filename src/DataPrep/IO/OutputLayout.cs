using DataPrep.Pipeline;

namespace DataPrep.IO;

/// <summary>
/// Where a run writes: kept shards at the top of the output folder, <c>rejected/</c>, <c>stats/</c>,
/// <c>done/</c> markers, merged <c>stats.json</c>, and <c>work/</c> for data handed between passes.
/// </summary>
internal sealed class OutputLayout
{
    /// <summary>Creates the layout under <paramref name="root"/>.</summary>
    public OutputLayout(string root) => Root = Path.GetFullPath(root);

    /// <summary>The output folder.</summary>
    public string Root { get; }

    /// <summary>Folder of rejected-document files.</summary>
    public string RejectedFolder => Path.Combine(Root, "rejected");

    /// <summary>Folder of per-shard stats.</summary>
    public string StatsFolder => Path.Combine(Root, "stats");

    /// <summary>Folder of completion markers.</summary>
    public string DoneFolder => Path.Combine(Root, "done");

    /// <summary>Folder of data handed between passes.</summary>
    public string WorkFolder => Path.Combine(Root, "work");

    /// <summary>The record of the run that owns the folder (<see cref="Execution.RunManifest"/>).</summary>
    public string RunManifest => Path.Combine(Root, "run.json");

    /// <summary>The merged stats of all shards.</summary>
    public string MergedStats => Path.Combine(Root, "stats.json");

    /// <summary>File stem of one phase part's stats, rejects and marker: <c>p{phase}-rank-00003</c> (kept documents use <c>rank-00003</c>).</summary>
    public static string Stem(int phase, ShardSpec shard) => $"p{phase}-{shard.FileStem}";

    /// <summary>Stats file of one phase part.</summary>
    public string StatsFile(int phase, ShardSpec shard) => Path.Combine(StatsFolder, Stem(phase, shard) + ".json");

    /// <summary>Completion marker of one phase part.</summary>
    public string DoneMarker(int phase, ShardSpec shard) => Path.Combine(DoneFolder, Stem(phase, shard));

    /// <summary>Work folder of the stage at pipeline position <paramref name="index"/>.</summary>
    public string StageWorkFolder(int index, string stageId) => Path.Combine(WorkFolder, $"stage-{index:D2}-{stageId}");

    /// <summary>The documents a shard hands from segment <paramref name="segment"/> to the next.</summary>
    public string SegmentFile(int segment, ShardSpec shard) => Path.Combine(WorkFolder, $"segment-{segment}", shard.FileStem + ".jsonl.zst");
}
