namespace DataPrep.Execution.Slurm;

/// <summary>Resources and placement of the job arrays DataPrep submits.</summary>
/// <param name="Tasks">Shards: every phase runs as an array of this many tasks (the world size).</param>
/// <param name="Partition">Slurm partition, or null for the cluster's default.</param>
/// <param name="CpusPerTask">CPUs per task; DataPrep uses them all.</param>
/// <param name="Memory">Memory per task (<c>--mem</c>, e.g. <c>8G</c>), or null.</param>
/// <param name="Time">Time limit per task (<c>--time</c>, e.g. <c>02:00:00</c>), or null.</param>
/// <param name="MaxConcurrent">Most tasks of an array running at once (<c>%N</c>), or null for no limit.</param>
public sealed record SlurmOptions(int Tasks, string? Partition = null, int CpusPerTask = 2, string? Memory = null, string? Time = null, int? MaxConcurrent = null);
