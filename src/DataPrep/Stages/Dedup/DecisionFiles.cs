using System.Text;

namespace DataPrep.Stages.Dedup;

/// <summary>One duplicate found by a reduce step: which document of the shard, kept instead of whom, and a short detail.</summary>
internal readonly record struct Decision(long LocalIndex, string KeptId, string Detail);

/// <summary>
/// Duplicate decisions handed from the last reduce step to the decision pass: each part writes one
/// file per shard rank holding only that shard's duplicates, so a shard reads only what concerns it.
/// </summary>
internal static class DecisionFiles
{
    public const string Kind = "decisions";

    /// <summary>Writes the decisions of one part, split by the rank that owns each document.</summary>
    public static void Write(string folder, int part, int worldSize, IEnumerable<(long Gid, string KeptId, string Detail)> decisions)
    {
        var writers = new BinaryWriter[worldSize];
        try
        {
            for (var rank = 0; rank < worldSize; rank++)
            {
                writers[rank] = new BinaryWriter(WorkFiles.Create(WorkFiles.OfPartAndRank(folder, Kind, part, rank, worldSize)), Encoding.UTF8);
            }
            foreach (var (gid, keptId, detail) in decisions)
            {
                var writer = writers[DedupKeys.RankOf(gid)];
                writer.Write(DedupKeys.LocalOf(gid));
                writer.Write(keptId);
                writer.Write(detail);
            }
            foreach (var writer in writers)
            {
                writer.Flush();
                ((WorkFileStream)writer.BaseStream).Commit();
            }
        }
        finally
        {
            foreach (var writer in writers)
            {
                writer?.Dispose();
            }
        }
    }

    /// <summary>Every decision about documents of <paramref name="rank"/>, by position in the shard.</summary>
    public static Dictionary<long, Decision> ReadForRank(string folder, int rank, int worldSize)
    {
        var decisions = new Dictionary<long, Decision>();
        foreach (var path in WorkFiles.AllPartsOfRank(folder, Kind, rank, worldSize))
        {
            using var reader = new BinaryReader(WorkFiles.OpenRead(path), Encoding.UTF8);
            while (reader.BaseStream.Position < reader.BaseStream.Length)
            {
                var local = reader.ReadInt64();
                var kept = reader.ReadString();
                var detail = reader.ReadString();
                decisions[local] = new Decision(local, kept, detail);
            }
        }
        return decisions;
    }
}
