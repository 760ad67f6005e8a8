using DataPrep.Configuration;
using System.Diagnostics;

namespace DataPrep.Execution;

/// <summary>What one phase part has read and written so far, updated by the reader and writer threads and reported
/// as <see cref="RunProgress"/>.</summary>
internal sealed class ProgressCounters
{
    public long Read;
    public long BytesRead;
    public long Written;
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    /// <summary>The counts now, for <paramref name="phase"/>.</summary>
    public RunProgress Snapshot(string phase) =>
        new(phase, Interlocked.Read(ref Read), Interlocked.Read(ref BytesRead), Interlocked.Read(ref Written), _watch.Elapsed);
}
