using System.Text;

namespace DataPrep.Stages.Dedup;

/// <summary>One row of the per-shard document table: what the reduce steps need to pick a keeper and name it.</summary>
internal readonly record struct DocumentRow(long Gid, long OrderKey, int Length, double Quality, string Id);

/// <summary>
/// The per-shard document table written by the observe pass (order key, length in chars, quality
/// score, id), read back by the reduce steps only for the documents they need. Never holds text.
/// </summary>
internal sealed class DocumentTable : IDisposable
{
    private readonly BinaryWriter _writer;

    public DocumentTable(string path) => _writer = new BinaryWriter(WorkFiles.Create(path), Encoding.UTF8);

    public void Add(long orderKey, int length, double quality, string id)
    {
        _writer.Write(orderKey);
        _writer.Write(length);
        _writer.Write(quality);
        _writer.Write(id);
    }

    /// <summary>Renames the complete table into place.</summary>
    public void Commit()
    {
        _writer.Flush();
        ((WorkFileStream)_writer.BaseStream).Commit();
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>Reads the rows of one rank's table.</summary>
    public static IEnumerable<DocumentRow> Read(string path, int rank)
    {
        using var reader = new BinaryReader(WorkFiles.OpenRead(path), Encoding.UTF8);
        var stream = reader.BaseStream;
        long local = 0;
        while (stream.Position < stream.Length)
        {
            var orderKey = reader.ReadInt64();
            var length = reader.ReadInt32();
            var quality = reader.ReadDouble();
            var id = reader.ReadString();
            yield return new DocumentRow(DedupKeys.Gid(rank, local), orderKey, length, quality, id);
            local++;
        }
    }

    /// <summary>Rows of the wanted documents, from every rank's table.</summary>
    public static Dictionary<long, DocumentRow> Lookup(string folder, string kind, int worldSize, IReadOnlySet<long> wanted)
    {
        var rows = new Dictionary<long, DocumentRow>(wanted.Count);
        if (wanted.Count == 0)
        {
            return rows;
        }
        var wantedRanks = new HashSet<int>();
        foreach (var gid in wanted)
        {
            wantedRanks.Add(DedupKeys.RankOf(gid));
        }
        for (var rank = 0; rank < worldSize; rank++)
        {
            var path = WorkFiles.Require(WorkFiles.OfRank(folder, kind, rank, worldSize));
            if (!wantedRanks.Contains(rank))
            {
                continue;
            }
            foreach (var row in Read(path, rank))
            {
                if (wanted.Contains(row.Gid))
                {
                    rows[row.Gid] = row;
                }
            }
        }
        return rows;
    }
}
