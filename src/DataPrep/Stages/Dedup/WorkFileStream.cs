using DataPrep.IO;

namespace DataPrep.Stages.Dedup;

/// <summary>
/// A dedup work file being written: it lives under a hidden temporary name (<see cref="TemporaryFiles"/>) until
/// <see cref="Commit"/> renames it into place, so a pass killed half-way never leaves a short file under the name
/// the next pass reads. Disposing without committing (a failed or cancelled pass) deletes it.
/// </summary>
internal sealed class WorkFileStream : FileStream
{
    private readonly string _finalPath;
    private readonly string _temporaryPath;
    private bool _committed;

    private WorkFileStream(string finalPath, string temporaryPath)
        : base(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16)
    {
        _finalPath = finalPath;
        _temporaryPath = temporaryPath;
    }

    public static WorkFileStream Create(string finalPath)
    {
        var temporary = TemporaryFiles.PathFor(finalPath);
        return new WorkFileStream(finalPath, temporary);
    }

    /// <summary>Flushes, closes and renames the file into place (replacing a file a failed earlier attempt committed).</summary>
    public void Commit()
    {
        if (_committed)
        {
            return;
        }
        Flush(flushToDisk: true);
        _committed = true;
        base.Dispose(true);
        File.Move(_temporaryPath, _finalPath, overwrite: true);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!_committed && disposing)
        {
            _committed = true;
            try
            {
                File.Delete(_temporaryPath);
            }
            catch (IOException)
            {
                // A leftover hidden temporary is swept by the next run.
            }
        }
    }
}
