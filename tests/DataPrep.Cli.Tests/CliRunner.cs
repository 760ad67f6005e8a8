namespace DataPrep.Cli.Tests;

/// <summary>Runs the CLI in-process from the repository root and captures its output.</summary>
public static class CliRunner
{
    public static string RepositoryRoot => DataPrep.Tests.Shared.RepositoryRoot.Path;

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var previous = Directory.GetCurrentDirectory();
        int code;
        await Gate.WaitAsync();
        try
        {
            Directory.SetCurrentDirectory(RepositoryRoot);
            code = await DataPrepCli.RunAsync(args, output, error);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
            Gate.Release();
        }
        return (code, output.ToString(), error.ToString());
    }

    public static string NewTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "dataprep-cli-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    // The working directory is process-wide: commands run one at a time.
    private static readonly SemaphoreSlim Gate = new(1, 1);
}
