using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DataPrep.Stages.Dedup.MinHash;

/// <summary>Random access to the signatures the observe pass wrote (one fixed-size row per document and shard).</summary>
internal sealed class SignatureStore : IDisposable
{
    private readonly string _folder;
    private readonly int _worldSize;
    private readonly int _permutations;
    private readonly SafeFileHandle?[] _handles;

    public SignatureStore(string folder, int worldSize, int permutations)
    {
        _folder = folder;
        _worldSize = worldSize;
        _permutations = permutations;
        _handles = new SafeFileHandle?[worldSize];
    }

    public static string PathOf(string folder, int rank, int worldSize) => WorkFiles.OfRank(folder, "sigs", rank, worldSize);

    public void Read(long gid, Span<uint> signature)
    {
        var rank = DedupKeys.RankOf(gid);
        var handle = _handles[rank] ??= File.OpenHandle(
            WorkFiles.Require(PathOf(_folder, rank, _worldSize)), FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        var bytes = MemoryMarshal.AsBytes(signature[.._permutations]);
        var offset = DedupKeys.LocalOf(gid) * bytes.Length;
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes[read..], offset + read);
            if (n == 0)
            {
                throw new InvalidDataException($"Signature file of shard {rank} has no row {DedupKeys.LocalOf(gid)}.");
            }
            read += n;
        }
    }

    public void Dispose()
    {
        foreach (var handle in _handles)
        {
            handle?.Dispose();
        }
    }
}
