namespace DataPrep.Stages.Dedup.Substring;

/// <summary>
/// The files <see cref="SubstringDedupStage"/> hands between its passes, under <c>work/&lt;stage&gt;/substring</c>:
/// per shard its UTF-8 text (documents joined by the byte 0xFF, which UTF-8 never contains), document extents and
/// ids (observe); its suffix-array blocks and their 2-byte prefix counts (step <c>suffixes</c>); per part and shard
/// the repeated windows found and the first occurrence named for each changed document (step <c>repeats</c>).
/// </summary>
internal static class SubstringFiles
{
    public const string Text = "text";
    public const string Extents = "extents";
    public const string Documents = "docs";
    public const string Count = "count";
    public const string Blocks = "blocks";
    public const string Prefixes = "prefixes";
    public const string Marks = "marks";
    public const string Sources = "sources";

    /// <summary>Separator after every document: never part of UTF-8 text, so no repeat can span two documents.</summary>
    public const byte Separator = 0xFF;

    public static string Of(string folder, string kind, int rank, int worldSize) => WorkFiles.OfRank(folder, kind, rank, worldSize);

    public static string Suffixes(string folder, int rank, int worldSize, int block) =>
        Path.Combine(folder, $"suffixes.rank-{rank:D5}-of-{worldSize:D5}.block-{block:D5}.bin");

    public static DocExtent[] ReadExtents(string folder, int rank, int worldSize) =>
        [.. RecordFile.ReadAll<DocExtent>(WorkFiles.Require(Of(folder, Extents, rank, worldSize)))];

    public static SuffixBlock[] ReadBlocks(string folder, int rank, int worldSize) =>
        [.. RecordFile.ReadAll<SuffixBlock>(WorkFiles.Require(Of(folder, Blocks, rank, worldSize)))];
}
