namespace DataPrep.Cli;

/// <summary>The <c>dataprep</c> command.</summary>
public static class Program
{
    /// <summary>Entry point; exit codes: 0 ok, 1 failure, 2 bad usage or config.</summary>
    public static Task<int> Main(string[] args) => DataPrepCli.RunAsync(args, Console.Out, Console.Error);
}
