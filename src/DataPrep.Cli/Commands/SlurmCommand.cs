using System.CommandLine;
using DataPrep.Configuration;
using DataPrep.Execution;
using DataPrep.Execution.Slurm;

namespace DataPrep.Cli.Commands;

/// <summary><c>dataprep slurm submit|status</c>: run a pipeline as Slurm job arrays, one per phase, and see what is done.</summary>
internal static class SlurmCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("slurm", "Run a pipeline on a Slurm cluster as job arrays (one task per shard, one array per phase).");
        command.Subcommands.Add(Submit(console));
        command.Subcommands.Add(Status(console));
        return command;
    }

    private static Command Submit(CliConsole console)
    {
        var config = CommonOptions.ConfigArgument();
        var tasks = new Option<int>("--tasks", "-n") { Description = "Shards (array tasks per phase).", Required = true };
        var input = new Option<string[]>("--input", "-i") { Description = "Input files, folders or globs (replace input.path).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--output", "-o") { Description = "Output folder on the shared filesystem (replaces output.path)." };
        var partition = new Option<string?>("--partition", "-p") { Description = "Slurm partition." };
        var cpus = new Option<int>("--cpus-per-task", "-c") { Description = "CPUs per task.", DefaultValueFactory = _ => 2 };
        var memory = new Option<string?>("--mem") { Description = "Memory per task, e.g. 8G." };
        var time = new Option<string?>("--time", "-t") { Description = "Time limit per task, e.g. 02:00:00." };
        var maxConcurrent = new Option<int?>("--max-concurrent") { Description = "Most tasks of an array running at once." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the sbatch scripts instead of submitting them." };
        var launcher = new Option<string?>("--command") { Description = "How nodes start dataprep (default: the way this process was started)." };
        var submit = new Command("submit", "Write sbatch scripts next to the outputs and submit one dependent job array per phase (only missing shards).")
        {
            config, tasks, input, output, partition, cpus, memory, time, maxConcurrent, dryRun, launcher,
        };
        submit.SetAction(parse =>
        {
            var loaded = CommonOptions.LoadConfig(parse.GetValue(config)!, console);
            if (loaded is null)
            {
                return ExitCodes.BadUsage;
            }
            var n = parse.GetValue(tasks);
            if (n < 1)
            {
                console.Error.WriteLine($"--tasks must be at least 1 (got {n}).");
                return ExitCodes.BadUsage;
            }
            var inputs = parse.GetValue(input);
            loaded.WithOverrides(inputs is { Length: > 0 } ? inputs : null, parse.GetValue(output));
            PipelineDefinition pipeline;
            try
            {
                pipeline = PipelineDefinition.FromConfig(loaded);
                if (pipeline.Output.Path is null || pipeline.Input.Path.Count == 0)
                {
                    throw new PipelineConfigException(loaded.Source, [PipelineConfigException.Missing(pipeline.Output.Path is null ? "output.path" : "input.path",
                        "input and output paths (in the config or with --input/--output) on a filesystem every node sees")]);
                }
                new PipelineRunner(pipeline).CheckRunFile(n);
            }
            catch (PipelineConfigException e)
            {
                console.Error.WriteLine(e.Message);
                return ExitCodes.BadUsage;
            }
            var outputFolder = Path.GetFullPath(pipeline.Output.Path);
            var runArguments = new List<string> { "run", Path.GetFullPath(parse.GetValue(config)!), "--output", outputFolder, "--input" };
            runArguments.AddRange(pipeline.Input.Path);
            var options = new SlurmOptions(n, parse.GetValue(partition), parse.GetValue(cpus), parse.GetValue(memory), parse.GetValue(time), parse.GetValue(maxConcurrent));
            var jobs = SlurmPlanner.Plan(pipeline, options, runArguments, parse.GetValue(launcher) ?? Launcher(), Directory.GetCurrentDirectory(), outputFolder);
            if (jobs.Count == 1)
            {
                console.Output.WriteLine("Every shard of every phase is done; submitting only the stats merge.");
            }
            if (parse.GetValue(dryRun))
            {
                foreach (var job in jobs)
                {
                    console.Output.WriteLine($"### {job.ScriptPath}");
                    console.Output.WriteLine(job.Script);
                }
                return ExitCodes.Ok;
            }
            try
            {
                var ids = SlurmSubmitter.Submit(jobs);
                for (var i = 0; i < jobs.Count; i++)
                {
                    console.Output.WriteLine($"{ids[i]}\t{jobs[i].Name}\t{(jobs[i].Phase >= 0 ? $"array {SlurmPlanner.ArraySpec(jobs[i].Ranks, null)}" : "stats merge")}");
                }
                return ExitCodes.Ok;
            }
            catch (InvalidOperationException e)
            {
                console.Error.WriteLine(e.Message);
                return ExitCodes.Failure;
            }
        });
        return submit;
    }

    private static Command Status(CliConsole console)
    {
        var folder = new Argument<string>("output") { Description = "The run's output folder." };
        var status = new Command("status", "Summarise done and missing shards per phase from the completion markers.") { folder };
        status.SetAction(parse =>
        {
            var path = parse.GetValue(folder)!;
            var run = RunStatus.Read(path);
            if (run is null)
            {
                console.Error.WriteLine($"'{path}' holds no run (no run.json).");
                return ExitCodes.BadUsage;
            }
            foreach (var phase in run.Phases)
            {
                var logs = Path.Combine(path, "slurm", "logs");
                var failedOrRunning = phase.Missing.Count(rank => File.Exists(Path.Combine(logs, $"p{phase.Index}-{rank}.out")));
                console.Output.WriteLine($"phase {phase.Index} ({phase.Name}): {phase.Done.Count}/{run.WorldSize} done, {phase.Missing.Count} missing" +
                    (phase.Missing.Count > 0 ? $" [{string.Join(",", phase.Missing)}]; {failedOrRunning} of them started (failed or running)" : ""));
            }
            console.Output.WriteLine(run.IsComplete ? "complete" : "incomplete: run 'dataprep slurm submit' again to run only the missing shards");
            return run.IsComplete ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return status;
    }

    // Nodes start dataprep the way this process was started: the apphost or native binary, or `dotnet DataPrep.Cli.dll`.
    private static string Launcher()
    {
        var process = Environment.ProcessPath ?? "dataprep";
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? $"{SlurmPlanner.Quote(process)} {SlurmPlanner.Quote(Path.Combine(AppContext.BaseDirectory, typeof(Program).Assembly.GetName().Name + ".dll"))}"
            : SlurmPlanner.Quote(process);
    }
}
