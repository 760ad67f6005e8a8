using DataPrep.Pipeline;

namespace DataPrep.Stages.Dedup;

/// <summary>
/// Names of the files a global dedup stage hands between its passes. Every name carries the world
/// size (<c>-of-00007</c>) so files left by a run with another split are never read by mistake.
/// </summary>
internal static class WorkFiles
{
    public static string Folder(StageContext context, string name)
    {
        var path = Path.Combine(context.RequireWorkDirectory(), name);
        Directory.CreateDirectory(path);
        return path;
    }

    public static string OfRank(string folder, string kind, int rank, int worldSize) =>
        Path.Combine(folder, $"{kind}.rank-{rank:D5}-of-{worldSize:D5}.bin");

    public static string OfPart(string folder, string kind, int part, int worldSize, string extension = "bin") =>
        Path.Combine(folder, $"{kind}.part-{part:D5}-of-{worldSize:D5}.{extension}");

    public static string OfPartAndRank(string folder, string kind, int part, int rank, int worldSize) =>
        Path.Combine(folder, $"{kind}.part-{part:D5}.rank-{rank:D5}-of-{worldSize:D5}.bin");

    /// <summary>Every file of one kind for one part (from all observing ranks); missing files are an error
    /// because a rank that ran always writes its file, even empty.</summary>
    public static IEnumerable<string> AllRanksOfPart(string folder, string kind, int part, int worldSize)
    {
        for (var rank = 0; rank < worldSize; rank++)
        {
            yield return Require(OfPartAndRank(folder, kind, part, rank, worldSize));
        }
    }

    /// <summary>Every file of one kind for one rank (from all parts).</summary>
    public static IEnumerable<string> AllPartsOfRank(string folder, string kind, int rank, int worldSize)
    {
        for (var part = 0; part < worldSize; part++)
        {
            yield return Require(OfPartAndRank(folder, kind, part, rank, worldSize));
        }
    }

    public static IEnumerable<string> AllParts(string folder, string kind, int worldSize, string extension = "bin")
    {
        for (var part = 0; part < worldSize; part++)
        {
            yield return Require(OfPart(folder, kind, part, worldSize, extension));
        }
    }

    public static IEnumerable<string> AllRanks(string folder, string kind, int worldSize)
    {
        for (var rank = 0; rank < worldSize; rank++)
        {
            yield return Require(OfRank(folder, kind, rank, worldSize));
        }
    }

    public static string Require(string path) =>
        File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"Dedup work file '{path}' is missing: an earlier pass did not run for every shard (or ran with another number of shards).");

    /// <summary>A work file under a hidden temporary name: call <see cref="WorkFileStream.Commit"/> when it is complete.</summary>
    public static WorkFileStream Create(string path) => WorkFileStream.Create(path);

    /// <summary>A scratch file of one pass (sort runs), hidden and temporary by name, so a killed pass's leftovers are swept.</summary>
    public static FileStream CreateScratch(string folder, string kind) =>
        new(IO.TemporaryFiles.PathFor(Path.Combine(folder, $"{kind}-{Guid.NewGuid():N}.bin")), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);

    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
}
