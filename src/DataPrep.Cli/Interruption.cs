using System.Runtime.InteropServices;

namespace DataPrep.Cli;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM become a cancellation: the running command stops at its next check, deletes its
/// temporary files and returns, so the process exits with 130 or 143 and a rerun resumes. A second signal ends the
/// process at once (the default action), for a command that does not stop.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signal;

    public Interruption()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>The exit code the shell uses for the signal received (128 + signal number), or null when none came.</summary>
    public int? ExitCode => _signal switch
    {
        0 => null,
        (int)PosixSignal.SIGTERM => ExitCodes.Terminated,
        _ => ExitCodes.Interrupted,
    };

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.CompareExchange(ref _signal, (int)context.Signal, 0) != 0)
        {
            return;
        }
        context.Cancel = true;
        // Cancellation callbacks run on another thread, not inside the signal handler.
        _ = Task.Run(_cancellation.Cancel);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _cancellation.Dispose();
    }
}
