using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DataPrep.Configuration;
using DataPrep.Pipeline;
using DataPrep.Stages.Mixing;

namespace DataPrep.Cli.Commands;

/// <summary><c>dataprep mix plan|run CONFIG</c>: a training mix to target token shares under a token budget.</summary>
internal static class MixCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("mix", "Build a training mix to target token shares (per language or per source) under a token budget.");
        command.Subcommands.Add(CreatePlan(console));
        command.Subcommands.Add(CreateRun(console));
        return command;
    }

    private static Command CreatePlan(CliConsole console)
    {
        var config = new Argument<string>("config") { Description = "Mix config file (YAML or JSON) with 'mix' and 'output' blocks." };
        var output = new Option<string?>("--output", "-o") { Description = "Output folder whose work/mix cache holds measurements (replaces output.path; optional)." };
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON." };
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("plan", "Measure tokens per source and language (cached) and print the sampling plan; writes no data. Exit 1 when a target cannot be met.")
        {
            config, output, json, logLevel,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            using var log = CliLogging.Create(console.Error, parse.GetValue(logLevel), null, false);
            var loaded = Load(parse.GetValue(config)!, parse.GetValue(output), console);
            if (loaded is null)
            {
                return Task.FromResult(ExitCodes.BadUsage);
            }
            if (CreateRunner(loaded, log, console) is not { } runner)
            {
                return Task.FromResult(ExitCodes.BadUsage);
            }
            MixPlan plan;
            try
            {
                plan = runner.Plan(cancellationToken);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: {e.Message}");
                return Task.FromResult(ExitCodes.Failure);
            }
            if (parse.GetValue(json))
            {
                using var stream = new MemoryStream();
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    plan.WriteJson(writer);
                }
                console.Output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            }
            else
            {
                console.Output.Write(plan.ToTable());
            }
            return Task.FromResult(plan.HasShortfall && !loaded.Mix.AllowShortfall ? ExitCodes.Failure : ExitCodes.Ok);
        });
        return command;
    }

    private static Command CreateRun(CliConsole console)
    {
        var config = new Argument<string>("config") { Description = "Mix config file (YAML or JSON) with 'mix' and 'output' blocks." };
        var output = new Option<string?>("--output", "-o") { Description = "Output folder (replaces output.path)." };
        var rank = new Option<int?>("--rank") { Description = "This shard's rank (0-based); default $SLURM_ARRAY_TASK_ID or $JOB_COMPLETION_INDEX. Without it every shard runs here." };
        var worldSize = new Option<int?>("--world-size") { Description = "Number of shards (default 1, or $SLURM_ARRAY_TASK_COUNT / $DATAPREP_WORLD_SIZE with a rank)." };
        var logFile = new Option<string?>("--log-file") { Description = "Also log to this file." };
        var logJson = new Option<bool>("--log-json") { Description = "Write the log file as compact JSON (CLEF)." };
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("run", "Measure, plan and write the mix (JSONL/Parquet, optionally Megatron .bin/.idx) with mix.json and report.html.")
        {
            config, output, rank, worldSize, logFile, logJson, logLevel,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            using var log = CliLogging.Create(console.Error, parse.GetValue(logLevel), parse.GetValue(logFile), parse.GetValue(logJson));
            using var global = CliLogging.UseAsGlobal(log);
            var loaded = Load(parse.GetValue(config)!, parse.GetValue(output), console);
            if (loaded is null)
            {
                return Task.FromResult(ExitCodes.BadUsage);
            }
            if (loaded.Output.Path is null)
            {
                console.Error.WriteLine(new PipelineConfigException(loaded.Source,
                    [PipelineConfigException.Missing("output.path", "the folder the mix is written to (in the config or with --output).")]).Message);
                return Task.FromResult(ExitCodes.BadUsage);
            }
            var (shards, error) = Shards(parse.GetValue(rank), parse.GetValue(worldSize));
            if (error is not null)
            {
                console.Error.WriteLine(error);
                return Task.FromResult(ExitCodes.BadUsage);
            }
            if (CreateRunner(loaded, log, console) is not { } runner)
            {
                return Task.FromResult(ExitCodes.BadUsage);
            }
            try
            {
                MixResult? result = null;
                foreach (var shard in shards)
                {
                    result = runner.Run(shard, cancellationToken);
                }
                console.Output.Write(result!.ToTable());
                if (result.Shards == result.WorldSize)
                {
                    console.Output.WriteLine($"mix.json and report.html in {runner.OutputFolder}");
                }
                return Task.FromResult(result.Reconciled ? ExitCodes.Ok : ExitCodes.Failure);
            }
            catch (MixShortfallException e)
            {
                console.Error.WriteLine(e.Message);
                return Task.FromResult(ExitCodes.Failure);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException)
            {
                // The shard wrote no mix.json; its partial files stay under hidden temporary names or are deleted.
                console.Error.WriteLine($"error: {e.Message}");
                return Task.FromResult(ExitCodes.Failure);
            }
        });
        return command;
    }

    // Loading the tokenizer reads its file (not data): a broken one is a config problem.
    private static MixRunner? CreateRunner(MixConfig config, Serilog.ILogger log, CliConsole console)
    {
        try
        {
            return new MixRunner(config, log);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or NotSupportedException)
        {
            console.Error.WriteLine($"Invalid configuration in {config.Source}: mix.tokenizer: {e.Message}");
            return null;
        }
    }

    private static MixConfig? Load(string path, string? output, CliConsole console)
    {
        try
        {
            return MixConfig.Load(path).WithOutput(output);
        }
        catch (PipelineConfigException e)
        {
            console.Error.WriteLine(e.Message);
            return null;
        }
    }

    private static (IReadOnlyList<ShardSpec> Shards, string? Error) Shards(int? rank, int? worldSize)
    {
        rank ??= FromEnvironment("SLURM_ARRAY_TASK_ID") ?? FromEnvironment("JOB_COMPLETION_INDEX");
        if (rank is not null && worldSize is null)
        {
            worldSize = FromEnvironment("SLURM_ARRAY_TASK_COUNT") ?? FromEnvironment("DATAPREP_WORLD_SIZE");
        }
        var world = worldSize ?? 1;
        if (world < 1)
        {
            return ([], $"--world-size must be at least 1 (got {world}).");
        }
        if (rank is null)
        {
            return (Enumerable.Range(0, world).Select(r => new ShardSpec(r, world)).ToList(), null);
        }
        if (worldSize is null)
        {
            return ([], "--rank needs --world-size (or $SLURM_ARRAY_TASK_COUNT / $DATAPREP_WORLD_SIZE).");
        }
        return rank < 0 || rank >= world
            ? ([], $"--rank must be between 0 and {world - 1} (got {rank}).")
            : ([new ShardSpec(rank.Value, world)], null);
    }

    private static int? FromEnvironment(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
