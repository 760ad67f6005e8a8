namespace DataPrep.IO.Writers;

/// <summary>
/// One output file at a checkpoint: the temporary file it is being written under and its length at the end of its last
/// complete block (gzip member, zstd frame or line), to which a resumed run truncates it before appending.
/// </summary>
/// <param name="FinalPath">Where the file goes when its shard completes.</param>
/// <param name="TempPath">The hidden temporary file holding it meanwhile.</param>
/// <param name="Length">Bytes to keep.</param>
internal sealed record FileCheckpoint(string FinalPath, string TempPath, long Length)
{
    /// <summary>True when the temporary file is still there and holds at least <see cref="Length"/> bytes.</summary>
    public bool CanResume => File.Exists(TempPath) && new FileInfo(TempPath).Length >= Length;
}
