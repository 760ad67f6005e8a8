namespace DataPrep.IO.Writers;

/// <summary>
/// A file written under a hidden temporary name in its final folder and renamed into place on
/// <see cref="Commit"/>, so a crash never leaves a half-written file that looks complete.
/// Disposing without committing deletes the temporary file.
/// </summary>
internal sealed class AtomicFile : IDisposable
{
    private bool _done;
    private bool _closed;

    /// <summary>Creates the temporary file for <paramref name="finalPath"/>.</summary>
    public AtomicFile(string finalPath)
    {
        FinalPath = finalPath;
        var folder = System.IO.Path.GetDirectoryName(finalPath)!;
        Directory.CreateDirectory(folder);
        TempPath = TemporaryFiles.PathFor(finalPath);
        Stream = new FileStream(TempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    private AtomicFile(string finalPath, string tempPath, long length)
    {
        FinalPath = finalPath;
        TempPath = tempPath;
        Stream = new FileStream(tempPath, FileMode.Open, FileAccess.Write, FileShare.None, 1 << 16);
        Stream.SetLength(length);
        Stream.Position = length;
    }

    /// <summary>
    /// Takes over the temporary file of an earlier attempt that was cut short (a run killed after a checkpoint):
    /// truncates it back to <paramref name="length"/>, the end of its last complete block, and appends from there.
    /// </summary>
    /// <exception cref="FileNotFoundException">The temporary file is gone.</exception>
    public static AtomicFile Reopen(string finalPath, string tempPath, long length) => new(finalPath, tempPath, length);

    /// <summary>Flushes what was written to disk, so a checkpoint that records <see cref="FileStream.Position"/> survives a crash.</summary>
    public long FlushToDisk()
    {
        Stream.Flush(flushToDisk: true);
        return Stream.Position;
    }

    /// <summary>Closes the stream and keeps the temporary file as it is, neither renamed nor deleted: what a checkpoint
    /// refers to, left for a later run to <see cref="Reopen"/>.</summary>
    public void Abandon()
    {
        if (_done)
        {
            return;
        }
        _done = true;
        Stream.Dispose();
    }

    /// <summary>Where the file ends up.</summary>
    public string FinalPath { get; }

    /// <summary>The temporary name while writing.</summary>
    public string TempPath { get; }

    /// <summary>The stream to write to (owned by this object until <see cref="Commit"/>).</summary>
    public FileStream Stream { get; }

    /// <summary>Flushes to disk and closes the stream, keeping the temporary name (commit later, with the rest of a shard).</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        _closed = true;
    }

    /// <summary>Closes (if needed) and renames into place, replacing an older file of the same name.</summary>
    public void Commit()
    {
        if (_done)
        {
            return;
        }
        Close();
        File.Move(TempPath, FinalPath, overwrite: true);
        _done = true;
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string content)
    {
        using var file = new AtomicFile(path);
        using (var writer = new StreamWriter(file.Stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            writer.Write(content);
        }
        file.Commit();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_done)
        {
            return;
        }
        _done = true;
        Stream.Dispose();
        try
        {
            File.Delete(TempPath);
        }
        catch (IOException)
        {
            // Best effort: a leftover hidden .tmp file is never mistaken for output.
        }
    }
}
