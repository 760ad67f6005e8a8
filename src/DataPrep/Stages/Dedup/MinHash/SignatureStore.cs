using System.IO.MemoryMappedFiles;

namespace DataPrep.Stages.Dedup.MinHash;

/// <summary>Random access to the signatures the observe pass wrote (one fixed-size row per document and shard).</summary>
/// <remarks>
/// The files are memory-mapped: verification reads two rows per candidate pair at random offsets (45 M pairs for
/// 10 M documents), and a system call per row cost more than the comparison itself. Rows are copied out, so callers
/// never hold a pointer into the map.
/// </remarks>
internal sealed unsafe class SignatureStore : IDisposable
{
    private readonly string _folder;
    private readonly int _worldSize;
    private readonly int _permutations;
    private readonly MemoryMappedFile?[] _maps;
    private readonly MemoryMappedViewAccessor?[] _views;
    private readonly nint[] _rows;
    private readonly long[] _rowCounts;

    public SignatureStore(string folder, int worldSize, int permutations)
    {
        _folder = folder;
        _worldSize = worldSize;
        _permutations = permutations;
        _maps = new MemoryMappedFile?[worldSize];
        _views = new MemoryMappedViewAccessor?[worldSize];
        _rows = new nint[worldSize];
        _rowCounts = new long[worldSize];
        Array.Fill(_rowCounts, -1);
    }

    public static string PathOf(string folder, int rank, int worldSize) => WorkFiles.OfRank(folder, "sigs", rank, worldSize);

    public void Read(long gid, Span<uint> signature)
    {
        var rank = DedupKeys.RankOf(gid);
        if (_rowCounts[rank] < 0)
        {
            Open(rank);
        }
        var row = DedupKeys.LocalOf(gid);
        if ((ulong)row >= (ulong)_rowCounts[rank])
        {
            throw new InvalidDataException($"Signature file of shard {rank} has no row {row}.");
        }
        new ReadOnlySpan<uint>((uint*)_rows[rank] + row * _permutations, _permutations).CopyTo(signature);
    }

    private void Open(int rank)
    {
        var path = WorkFiles.Require(PathOf(_folder, rank, _worldSize));
        var length = new FileInfo(path).Length;
        _rowCounts[rank] = length / ((long)_permutations * sizeof(uint));
        if (length == 0)
        {
            return; // a shard without documents: nothing to map (every read is out of range)
        }
        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        (_maps[rank], _views[rank], _rows[rank]) = (map, view, (nint)(pointer + view.PointerOffset));
    }

    public void Dispose()
    {
        for (var rank = 0; rank < _worldSize; rank++)
        {
            if (_views[rank] is { } view)
            {
                view.SafeMemoryMappedViewHandle.ReleasePointer();
                view.Dispose();
            }
            _maps[rank]?.Dispose();
        }
    }
}
