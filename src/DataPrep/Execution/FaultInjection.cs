using System.Globalization;

namespace DataPrep.Execution;

/// <summary>
/// TEST-ONLY hook for the fault-injection test (tests/DataPrep.Cli.Tests/InterruptedRunTests.cs): lets a test stop a
/// real <c>dataprep run</c> process at an exact point, then kill it (SIGKILL) or interrupt it (SIGINT), instead of
/// sleeping and hoping. Set <c>DATAPREP_TEST_PAUSE_AT=PHASE:POINT</c> (<c>2:start</c>, <c>0:batch-3</c>,
/// <c>1:commit</c>, <c>4:marker</c>) and <c>DATAPREP_TEST_PAUSE_FILE=PATH</c>: when any part of phase PHASE reaches
/// POINT, the runner creates PATH and waits there until the run is cancelled. Points: <c>start</c> (nothing of the part
/// written yet), <c>batch-N</c> (the reader has handed over N batches; later stages and writers are mid-stream),
/// <c>commit</c> (outputs and work files renamed into place; no stats, no marker), <c>marker</c> (stats written, no
/// completion marker), <c>checkpoint-N</c> (the part's Nth checkpoint inside its input is saved, counting on across
/// resumed runs; the reader waits for it). Unset (always, outside that test), every call is one static field read.
/// </summary>
internal static class FaultInjection
{
    private static readonly (int Phase, string Point, string File)? Target = Parse(
        Environment.GetEnvironmentVariable("DATAPREP_TEST_PAUSE_AT"), Environment.GetEnvironmentVariable("DATAPREP_TEST_PAUSE_FILE"));

    /// <summary>Pauses at <paramref name="point"/> of <paramref name="phase"/> if the test asked for it.</summary>
    public static void At(int phase, string point, CancellationToken cancellationToken)
    {
        if (Target is not { } target || target.Phase != phase || target.Point != point)
        {
            return;
        }
        File.WriteAllText(target.File, $"{phase}:{point}\n");
        // A test that forgets to signal must not hang CI: give up after a minute.
        cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMinutes(1));
        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException($"Test pause at {phase}:{point} was never interrupted.");
    }

    /// <summary>Pauses after the reader of <paramref name="phase"/> handed over its <paramref name="batches"/>-th batch.</summary>
    public static void AfterBatch(int phase, long batches, CancellationToken cancellationToken)
    {
        if (Target is null)
        {
            return;
        }
        At(phase, "batch-" + batches.ToString(CultureInfo.InvariantCulture), cancellationToken);
    }

    private static (int, string, string)? Parse(string? at, string? file)
    {
        if (string.IsNullOrEmpty(at) || string.IsNullOrEmpty(file))
        {
            return null;
        }
        var colon = at.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(at.AsSpan(0, colon), NumberStyles.Integer, CultureInfo.InvariantCulture, out var phase)
            ? (phase, at[(colon + 1)..], file)
            : null;
    }
}
