using System.CommandLine;
using DataPrep.Execution;

namespace DataPrep.Cli.Commands;

/// <summary><c>dataprep stats merge DIR</c>: merges every shard's stats into <c>DIR/stats.json</c> and prints the summary.</summary>
internal static class StatsCommand
{
    public static Command Create(CliConsole console)
    {
        var folder = new Argument<string>("output") { Description = "A run's output folder." };
        var merge = new Command("merge", "Merge the stats of every shard and phase under OUTPUT/stats into OUTPUT/stats.json.") { folder };
        merge.SetAction(parse =>
        {
            var path = parse.GetValue(folder)!;
            if (!Directory.Exists(Path.Combine(path, "stats")))
            {
                console.Error.WriteLine($"'{path}' has no stats/ folder: is it a DataPrep output folder?");
                return ExitCodes.BadUsage;
            }
            var stats = PipelineRunner.MergeStats(path);
            DataPrep.Reports.RunReport.Write(Path.GetFullPath(path), stats);
            Summary.Print(stats, console);
            return stats.Reconciled ? ExitCodes.Ok : ExitCodes.Failure;
        });
        var command = new Command("stats", "Work with a run's statistics.");
        command.Subcommands.Add(merge);
        return command;
    }
}
