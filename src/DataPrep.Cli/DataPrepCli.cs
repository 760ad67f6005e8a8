using System.CommandLine;
using DataPrep.Cli.Commands;

namespace DataPrep.Cli;

/// <summary>Builds the command tree and runs it; in-process so tests can call it with string writers.</summary>
public static class DataPrepCli
{
    /// <summary>Runs <paramref name="args"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var console = new CliConsole(output, error);
        var root = new RootCommand("DataPrep: quality filtering → deduplication → PII scrubbing → tokenization of Korean and English text for LLM pretraining.");
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(ValidateCommand.Create(console));
        root.Subcommands.Add(StagesCommand.Create(console));
        root.Subcommands.Add(SchemaCommand.Create(console));
        root.Subcommands.Add(StatsCommand.Create(console));
        root.Subcommands.Add(SlurmCommand.Create(console));
        root.Subcommands.Add(TokensCommand.Create(console));
        root.Subcommands.Add(QualityCommand.Create(console));
        root.Subcommands.Add(MixCommand.Create(console));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync($"error: {problem.Message}").ConfigureAwait(false);
            }
            await error.WriteLineAsync("Run 'dataprep --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }
        // Signals are handled by Program (Interruption) through the token: no forced exit after a timeout.
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        return await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }
}
