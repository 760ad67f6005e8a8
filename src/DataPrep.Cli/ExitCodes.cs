namespace DataPrep.Cli;

/// <summary>Process exit codes (documented in README).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The run failed: a bug, an I/O error, a stage failure, strict-mode bad input, or stats that do not reconcile.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or config: nothing was read.</summary>
    public const int BadUsage = 2;

    /// <summary>Stopped by SIGINT (Ctrl+C) after cleaning up; rerunning the same command resumes (128 + 2).</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM after cleaning up; rerunning the same command resumes (128 + 15).</summary>
    public const int Terminated = 143;

    /// <summary>What an interrupted command prints (also in README).</summary>
    public const string InterruptedMessage = "interrupted; rerun the same command to resume";
}
