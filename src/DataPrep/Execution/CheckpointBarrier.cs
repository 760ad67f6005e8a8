using DataPrep.IO.Readers;

namespace DataPrep.Execution;

/// <summary>
/// The handshake between a part's reader and its writer at checkpoints. The reader marks a batch after every
/// <see cref="IntervalBytes"/> of a file's content and then waits until the writer has written everything up to it and
/// saved the checkpoint: with nothing later in flight, the stage counters and the rejects file hold exactly what was read
/// before the mark. The pause costs the time to drain the in-flight batches once per interval.
/// </summary>
/// <param name="intervalBytes">Decompressed input bytes of a file between checkpoints.</param>
/// <param name="resumeFrom">Where the part resumes (the last checkpoint of a killed run), or null to start at the beginning.</param>
internal sealed class CheckpointBarrier(long intervalBytes, InputPosition? resumeFrom) : IDisposable
{
    private readonly SemaphoreSlim _written = new(0);

    /// <summary>Decompressed input bytes of a file between checkpoints.</summary>
    public long IntervalBytes { get; } = intervalBytes;

    /// <summary>Where reading starts: null for the beginning of the part.</summary>
    public InputPosition? ResumeFrom { get; } = resumeFrom;

    /// <summary>Called by the reader after handing over a marked batch.</summary>
    public void WaitUntilWritten(CancellationToken cancellationToken) => _written.Wait(cancellationToken);

    /// <summary>Called by the writer once the checkpoint of the marked batch is saved.</summary>
    public void Written() => _written.Release();

    /// <inheritdoc />
    public void Dispose() => _written.Dispose();
}
