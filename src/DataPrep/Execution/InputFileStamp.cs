namespace DataPrep.Execution;

/// <summary>An input file as a checkpoint saw it (path, size, modification time): a file changed since is not resumed into.</summary>
internal readonly record struct InputFileStamp(string Path, long Size, long ModifiedTicks)
{
    /// <summary>The stamp of the file at <paramref name="path"/> now.</summary>
    public static InputFileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new InputFileStamp(info.FullName, info.Length, info.LastWriteTimeUtc.Ticks) : new InputFileStamp(path, -1, 0);
    }
}
