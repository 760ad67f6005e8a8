using DataPrep.Documents;

namespace DataPrep.Stages.Dedup;

/// <summary>
/// Keys that identify a document across the passes of a global dedup stage. A <em>gid</em> is
/// (shard rank, position in the shard): it finds the document again in the decision pass. An
/// <em>order key</em> decides "first seen": <see cref="DocumentSource.OrderKey"/> when the document came
/// from a file (global, independent of sharding); for documents made in code (no source) it falls back
/// to arrival order within the shard, ranked after every sourced document and then by shard rank,
/// which is deterministic for a given split but not across different splits.
/// </summary>
internal static class DedupKeys
{
    private const long CodeMadeFlag = 1L << 62;
    private const long LocalMask = 0xFF_FFFF_FFFF;

    public static long OrderKey(Document document, int rank, long localIndex) =>
        document.Source.FileOrdinal >= 0
            ? document.Source.OrderKey
            : CodeMadeFlag | ((long)rank << 40) | (localIndex & LocalMask);

    public static long Gid(int rank, long localIndex) => ((long)rank << 40) | (localIndex & LocalMask);

    public static int RankOf(long gid) => (int)(gid >> 40);

    public static long LocalOf(long gid) => gid & LocalMask;
}
