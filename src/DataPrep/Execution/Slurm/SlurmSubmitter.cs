using System.Diagnostics;

namespace DataPrep.Execution.Slurm;

/// <summary>Writes the planned scripts next to the outputs and submits them with <c>sbatch</c>, chaining <c>afterok</c> dependencies.</summary>
internal static class SlurmSubmitter
{
    /// <summary>Submits <paramref name="jobs"/> in order; returns the job ids.</summary>
    /// <exception cref="InvalidOperationException">sbatch is missing or refused a script (its stderr is in the message).</exception>
    public static IReadOnlyList<string> Submit(IReadOnlyList<SlurmJob> jobs, string sbatch = "sbatch")
    {
        var ids = new List<string>();
        string? previous = null;
        foreach (var job in jobs)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(job.ScriptPath)!);
            Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(job.ScriptPath)!, "logs"));
            IO.Writers.AtomicFile.WriteAllText(job.ScriptPath, job.Script);
            var arguments = new List<string> { "--parsable" };
            if (previous is not null)
            {
                arguments.Add($"--dependency=afterok:{previous}");
                arguments.Add("--kill-on-invalid-dep=yes");
            }
            arguments.Add(job.ScriptPath);
            previous = Run(sbatch, arguments).Split(';')[0].Trim();
            ids.Add(previous);
        }
        return ids;
    }

    private static string Run(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run '{file}': {e.Message}. Is Slurm installed on this machine?", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Trim()}");
            }
            return output.Trim();
        }
    }
}
