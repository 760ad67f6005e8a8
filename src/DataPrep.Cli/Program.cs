namespace DataPrep.Cli;

/// <summary>The <c>dataprep</c> command.</summary>
public static class Program
{
    /// <summary>Entry point; exit codes: 0 ok, 1 failure, 2 bad usage or config, 130/143 interrupted by SIGINT/SIGTERM.</summary>
    public static async Task<int> Main(string[] args)
    {
        using var interruption = new Interruption();
        var code = await DataPrepCli.RunAsync(args, Console.Out, Console.Error, interruption.Token);
        // A command that stopped because of the signal reports 130; the shell convention names SIGTERM with 143.
        return code == ExitCodes.Interrupted && interruption.ExitCode is { } signalled ? signalled : code;
    }
}
