namespace DataPrep.Execution.Slurm;

/// <summary>One sbatch script: a phase as a job array (or the final stats merge), and the ranks it runs.</summary>
/// <param name="Name">Job name.</param>
/// <param name="Phase">Phase index, or -1 for the stats merge.</param>
/// <param name="Ranks">Array indices to run (only the missing ones on a resubmission).</param>
/// <param name="Script">The sbatch script text.</param>
/// <param name="ScriptPath">Where the script is kept (next to the outputs).</param>
internal sealed record SlurmJob(string Name, int Phase, IReadOnlyList<int> Ranks, string Script, string ScriptPath);
