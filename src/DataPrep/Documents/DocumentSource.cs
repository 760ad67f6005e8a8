namespace DataPrep.Documents;

/// <summary>
/// The place a document was read from. <see cref="FileOrdinal"/> and <see cref="Record"/> together give
/// every input document a global order that does not depend on threads or shards, so stages that must
/// pick "the first" of several documents (dedup) pick the same one however the work is split.
/// </summary>
/// <param name="Path">The input file, as given or found by the glob.</param>
/// <param name="FileOrdinal">Index of the file in the sorted list of all input files (before sharding).</param>
/// <param name="Record">1-based line number (JSONL), row number (Parquet) or 1 (plain text).</param>
public readonly record struct DocumentSource(string Path, int FileOrdinal, long Record)
{
    /// <summary>No source: a document made in code.</summary>
    public static DocumentSource None => new(string.Empty, -1, 0);

    /// <summary>A global sort key: files in order, then records in order.</summary>
    public long OrderKey => ((long)(FileOrdinal + 1) << 40) | (Record & 0xFF_FFFF_FFFF);

    /// <summary><c>path:record</c>, the form used in ids derived from position and in input error reports.</summary>
    public override string ToString() => $"{Path}:{Record}";
}
