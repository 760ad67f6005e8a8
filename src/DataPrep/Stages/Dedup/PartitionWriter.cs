namespace DataPrep.Stages.Dedup;

/// <summary>
/// The observe pass's keys of one shard, split into one work file per reduce part (the caller picks the part of each
/// key: by hash, by band range), so each part of the reduce step reads only its own keys from every shard.
/// Files appear under their names only on <see cref="Commit"/>; disposing without it deletes them.
/// </summary>
internal sealed class PartitionWriter<T> : IDisposable where T : unmanaged
{
    private readonly WorkFileStream[] _parts;

    public PartitionWriter(DedupLayout layout, string kind)
    {
        _parts = new WorkFileStream[layout.WorldSize];
        try
        {
            for (var part = 0; part < _parts.Length; part++)
            {
                _parts[part] = WorkFiles.Create(layout.PartitionFile(kind, part));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Number of partitions (the world size).</summary>
    public int Parts => _parts.Length;

    public void Write(int part, in T record) => RecordFile.Write(_parts[part], record);

    /// <summary>Renames every complete partition file into place.</summary>
    public void Commit()
    {
        foreach (var part in _parts)
        {
            part.Commit();
        }
    }

    public void Dispose()
    {
        foreach (var part in _parts)
        {
            part?.Dispose();
        }
    }
}
