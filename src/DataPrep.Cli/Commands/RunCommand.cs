using System.CommandLine;
using System.Globalization;
using DataPrep.Configuration;
using DataPrep.Execution;
using DataPrep.IO;
using DataPrep.Pipeline;
using DataPrep.Reports;
using Serilog.Events;
using Spectre.Console;

namespace DataPrep.Cli.Commands;

/// <summary><c>dataprep run CONFIG</c>: runs a pipeline over its input, on all cores, or one shard of a job array.</summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var config = CommonOptions.ConfigArgument();
        var input = new Option<string[]>("--input", "-i") { Description = "Input files, folders or globs (replace input.path).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--output", "-o") { Description = "Output folder (replaces output.path)." };
        var rank = new Option<int?>("--rank") { Description = "This shard's rank (0-based); default $SLURM_ARRAY_TASK_ID or $JOB_COMPLETION_INDEX." };
        var worldSize = new Option<int?>("--world-size") { Description = "Number of shards; with --rank, only that shard runs." };
        var phase = new Option<int?>("--phase") { Description = "Run only this phase (0-based) of a multi-phase pipeline, for --rank: what a job-array task does." };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first bad input record instead of counting it." };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores)." };
        var logFile = new Option<string?>("--log-file") { Description = "Also log to this file." };
        var logJson = new Option<bool>("--log-json") { Description = "Write the log file as compact JSON (CLEF)." };
        var overwrite = new Option<bool>("--overwrite") { Description = "The output folder holds a run: delete it and start fresh." };
        var forceResume = new Option<bool>("--force-resume") { Description = "Resume the output folder's run although its input files or options changed." };
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("run", "Run a pipeline: read, filter, dedup, scrub, tokenize, write kept documents, rejects and stats.")
        {
            config, input, output, rank, worldSize, phase, strict, threads, overwrite, forceResume, logFile, logJson, logLevel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var log = CliLogging.Create(console.Error, parse.GetValue(logLevel), parse.GetValue(logFile), parse.GetValue(logJson));
            using var global = CliLogging.UseAsGlobal(log);
            var loaded = CommonOptions.LoadConfig(parse.GetValue(config)!, console);
            if (loaded is null)
            {
                return ExitCodes.BadUsage;
            }
            var inputs = parse.GetValue(input);
            loaded.WithOverrides(inputs is { Length: > 0 } ? inputs : null, parse.GetValue(output), parse.GetValue(strict) ? true : null, parse.GetValue(threads));
            var (shard, world, usageError) = ResolveShard(parse.GetValue(rank), parse.GetValue(worldSize));
            if (parse.GetValue(overwrite) && parse.GetValue(forceResume))
            {
                usageError = "--overwrite (delete the folder's run) and --force-resume (keep it) exclude each other: give one.";
            }
            if (usageError is not null)
            {
                console.Error.WriteLine(usageError);
                return ExitCodes.BadUsage;
            }
            var existing = parse.GetValue(overwrite) ? ExistingOutput.Overwrite
                : parse.GetValue(forceResume) ? ExistingOutput.ForceResume : (ExistingOutput?)null;
            var pipeline = CommonOptions.BuildForRun(loaded, existing, world, shard is null, console, log);
            if (pipeline is null)
            {
                return ExitCodes.BadUsage;
            }
            try
            {
                var selectedPhase = parse.GetValue(phase);
                if (selectedPhase is { } p)
                {
                    if (shard is null || p < 0 || p >= pipeline.Phases.Count)
                    {
                        console.Error.WriteLine($"--phase needs --rank and --world-size, and a phase from 0 to {pipeline.Phases.Count - 1} ({string.Join(", ", pipeline.Phases.Select(x => x.Name))}).");
                        return ExitCodes.BadUsage;
                    }
                    await pipeline.RunPhaseAsync(p, shard.Value, cancellationToken: cancellationToken);
                    log.Information("Phase {Phase} of shard {Shard} complete", pipeline.Phases[p].Name, shard.Value.ToString());
                    return ExitCodes.Ok;
                }
                log.Information("Running {Config}: {Stages} stages, {Phases} phase(s), shard {Shard}", loaded.Source, pipeline.Stages.Count,
                    pipeline.Phases.Count, shard?.ToString() ?? $"all of {world}");
                log.Information("gzip engine: {GzipEngine}", DataPrep.IO.Gzip.GzipEngine.Current.ToString());
                var stats = await RunWithProgressAsync(pipeline, shard, world, console, log, cancellationToken);
                RunReport.Write(Path.GetFullPath(pipeline.Output.Path!), stats);
                Summary.Print(stats, console);
                if (!stats.Reconciled)
                {
                    log.Error("Document counts do not reconcile: read {Read} != kept {Kept} + rejected {Rejected}", stats.Read, stats.Kept, stats.Rejected);
                    return ExitCodes.Failure;
                }
                return ExitCodes.Ok;
            }
            catch (PipelineConfigException e)
            {
                console.Error.WriteLine(CommonOptions.WithSource(e, loaded.Source).Message);
                return ExitCodes.BadUsage;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Parts without a completion marker run again; their temporary files are already deleted.
                console.Error.WriteLine(existing == ExistingOutput.Overwrite
                    ? ExitCodes.InterruptedMessage + " without --overwrite (with it, the run starts again from scratch)"
                    : ExitCodes.InterruptedMessage);
                return ExitCodes.Interrupted;
            }
            catch (Exception e) when (e is StageFailedException or InputErrorException or IOException or UnauthorizedAccessException)
            {
                log.Error("Run failed: {Message}", e.Message);
                log.Debug(e, "Details");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    // Rank comes from --rank, or from the job-array environment of Slurm or Kubernetes Indexed Jobs.
    private static (ShardSpec? Shard, int World, string? Error) ResolveShard(int? rank, int? worldSize)
    {
        rank ??= FromEnvironment("SLURM_ARRAY_TASK_ID") ?? FromEnvironment("JOB_COMPLETION_INDEX");
        if (rank is not null && worldSize is null)
        {
            worldSize = FromEnvironment("SLURM_ARRAY_TASK_COUNT") ?? FromEnvironment("DATAPREP_WORLD_SIZE");
        }
        if (worldSize is not null && worldSize < 1)
        {
            return (null, 1, $"--world-size must be at least 1 (got {worldSize}).");
        }
        if (rank is null)
        {
            return (null, worldSize ?? 1, null);
        }
        if (worldSize is null)
        {
            return (null, 1, "--rank needs --world-size (or $SLURM_ARRAY_TASK_COUNT / $DATAPREP_WORLD_SIZE).");
        }
        if (rank < 0 || rank >= worldSize)
        {
            return (null, 1, $"--rank must be between 0 and {worldSize - 1} (got {rank}).");
        }
        return (new ShardSpec(rank.Value, worldSize.Value), worldSize.Value, null);
    }

    private static int? FromEnvironment(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static async Task<DataPrep.Execution.PipelineStats> RunWithProgressAsync(PipelineDefinition pipeline, ShardSpec? shard, int world,
        CliConsole console, Serilog.ILogger log, CancellationToken cancellationToken)
    {
        if (!console.Interactive)
        {
            var lastLog = DateTime.UtcNow;
            var progress = new Progress<RunProgress>(p =>
            {
                if ((DateTime.UtcNow - lastLog).TotalSeconds >= 10)
                {
                    lastLog = DateTime.UtcNow;
                    log.Information("{Phase}: {Read} read, {Written} written, {DocsPerSecond:F0} docs/s, {MBPerSecond:F1} MB/s", p.Phase, p.DocumentsRead,
                        p.DocumentsWritten, p.DocumentsRead / Math.Max(p.Elapsed.TotalSeconds, 1e-3), p.BytesRead / 1048576.0 / Math.Max(p.Elapsed.TotalSeconds, 1e-3));
                }
            });
            return await pipeline.RunAsync(shard, world, progress, cancellationToken);
        }
        DataPrep.Execution.PipelineStats? result = null;
        await console.Ansi.Status().StartAsync("starting", async status =>
        {
            var progress = new Progress<RunProgress>(p => status.Status(string.Create(CultureInfo.InvariantCulture,
                $"{p.Phase}: {p.DocumentsRead:N0} read, {p.DocumentsWritten:N0} written, {p.DocumentsRead / Math.Max(p.Elapsed.TotalSeconds, 1e-3):N0} docs/s, {p.BytesRead / 1048576.0 / Math.Max(p.Elapsed.TotalSeconds, 1e-3):F1} MB/s")));
            result = await pipeline.RunAsync(shard, world, progress, cancellationToken);
        });
        return result!;
    }
}
