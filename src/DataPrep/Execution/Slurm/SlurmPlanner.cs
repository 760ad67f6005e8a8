using System.Text;
using DataPrep.Configuration;
using DataPrep.Execution;
using DataPrep.IO;
using DataPrep.Pipeline;

namespace DataPrep.Execution.Slurm;

/// <summary>
/// Turns a pipeline into sbatch scripts: one job array per phase (map phases and every reduce step of
/// corpus-wide stages, each split into the same number of tasks so no step is one task over the whole
/// corpus), each depending on the previous with <c>afterok</c>, then a one-task stats merge. Shards that
/// already have a completion marker are left out, so resubmitting completes only what is missing.
/// </summary>
internal static class SlurmPlanner
{
    /// <summary>Plans the jobs.</summary>
    /// <param name="pipeline">The pipeline (its phases).</param>
    /// <param name="options">Tasks and resources.</param>
    /// <param name="runArguments">What follows <c>dataprep</c> for a run: <c>run CONFIG --input … --output …</c> (without rank, world size or phase).</param>
    /// <param name="commandPrefix">How to start dataprep on a node (e.g. <c>/opt/dataprep/DataPrep.Cli</c> or <c>dotnet /opt/dataprep/DataPrep.Cli.dll</c>).</param>
    /// <param name="workingDirectory">The folder every task runs in, so relative paths resolve as they do here.</param>
    /// <param name="outputFolder">The run's output folder (shared by all nodes).</param>
    public static IReadOnlyList<SlurmJob> Plan(PipelineDefinition pipeline, SlurmOptions options, IReadOnlyList<string> runArguments,
        string commandPrefix, string workingDirectory, string outputFolder)
    {
        var layout = new OutputLayout(outputFolder);
        var slurmFolder = Path.Combine(layout.Root, "slurm");
        var jobs = new List<SlurmJob>();
        foreach (var phase in pipeline.Phases)
        {
            var missing = Enumerable.Range(0, options.Tasks)
                .Where(rank => !File.Exists(layout.DoneMarker(phase.Index, new ShardSpec(rank, options.Tasks)))).ToList();
            if (missing.Count == 0)
            {
                continue;
            }
            var name = $"dataprep-p{phase.Index}";
            var command = $"{commandPrefix} {Join(runArguments)} --rank \"$SLURM_ARRAY_TASK_ID\" --world-size {options.Tasks} --phase {phase.Index}";
            var script = Script(name, options, workingDirectory, Path.Combine(slurmFolder, "logs", $"p{phase.Index}-%a.out"),
                $"--array={ArraySpec(missing, options.MaxConcurrent)}", $"# {phase.Name}", command);
            jobs.Add(new SlurmJob(name, phase.Index, missing, script, Path.Combine(slurmFolder, $"phase-{phase.Index}.sbatch")));
        }
        var merge = Script("dataprep-merge", options with { CpusPerTask = 1 }, workingDirectory, Path.Combine(slurmFolder, "logs", "merge.out"),
            null, "# merge the stats of every shard and phase", $"{commandPrefix} stats merge {Quote(layout.Root)}");
        jobs.Add(new SlurmJob("dataprep-merge", -1, [0], merge, Path.Combine(slurmFolder, "merge.sbatch")));
        return jobs;
    }

    /// <summary>Array indices in sbatch form: <c>0-3</c>, or <c>1,4,6</c>, with an optional <c>%N</c> limit.</summary>
    public static string ArraySpec(IReadOnlyList<int> ranks, int? maxConcurrent)
    {
        var contiguous = ranks.Count > 0 && ranks[^1] - ranks[0] == ranks.Count - 1;
        var spec = contiguous ? (ranks.Count == 1 ? $"{ranks[0]}" : $"{ranks[0]}-{ranks[^1]}") : string.Join(",", ranks);
        return maxConcurrent is { } max ? $"{spec}%{max}" : spec;
    }

    private static string Script(string name, SlurmOptions options, string workingDirectory, string log, string? array, string comment, string command)
    {
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append($"#SBATCH --job-name={name}\n");
        if (array is not null)
        {
            text.Append($"#SBATCH {array}\n");
        }
        text.Append($"#SBATCH --cpus-per-task={options.CpusPerTask}\n");
        text.Append($"#SBATCH --ntasks=1\n");
        if (options.Partition is not null)
        {
            text.Append($"#SBATCH --partition={options.Partition}\n");
        }
        if (options.Memory is not null)
        {
            text.Append($"#SBATCH --mem={options.Memory}\n");
        }
        if (options.Time is not null)
        {
            text.Append($"#SBATCH --time={options.Time}\n");
        }
        text.Append($"#SBATCH --chdir={workingDirectory}\n");
        text.Append($"#SBATCH --output={log}\n");
        text.Append(comment).Append('\n');
        text.Append("set -euo pipefail\n");
        text.Append($"exec {command}\n");
        return text.ToString();
    }

    private static string Join(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

    /// <summary>Single-quotes an argument for bash when it needs it.</summary>
    public static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
