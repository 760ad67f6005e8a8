using System.Text.Json;
using DataPrep.IO;

namespace DataPrep.Execution;

/// <summary>
/// What is done in an output folder: for every phase of the run (from <c>run.json</c>), which shards have
/// their completion marker. Resubmitting runs only the missing ones.
/// </summary>
public sealed class RunStatus
{
    private RunStatus(int worldSize, IReadOnlyList<PhaseStatus> phases)
    {
        WorldSize = worldSize;
        Phases = phases;
    }

    /// <summary>Number of shards.</summary>
    public int WorldSize { get; }

    /// <summary>Every phase, in order.</summary>
    public IReadOnlyList<PhaseStatus> Phases { get; }

    /// <summary>True when every shard of every phase is done.</summary>
    public bool IsComplete => Phases.All(p => p.Missing.Count == 0);

    /// <summary>Reads the status of <paramref name="outputFolder"/>; null when it holds no run yet.</summary>
    public static RunStatus? Read(string outputFolder)
    {
        var layout = new OutputLayout(outputFolder);
        var runFile = Path.Combine(layout.Root, "run.json");
        if (!File.Exists(runFile))
        {
            return null;
        }
        using var json = JsonDocument.Parse(File.ReadAllText(runFile));
        var world = json.RootElement.GetProperty("world_size").GetInt32();
        var names = json.RootElement.GetProperty("phases").EnumerateArray().Select(e => e.GetString()!).ToList();
        var phases = names.Select((name, index) =>
        {
            var done = new List<int>();
            var missing = new List<int>();
            for (var rank = 0; rank < world; rank++)
            {
                (File.Exists(layout.DoneMarker(index, new Pipeline.ShardSpec(rank, world))) ? done : missing).Add(rank);
            }
            return new PhaseStatus(index, name, done, missing);
        }).ToList();
        return new RunStatus(world, phases);
    }

    /// <summary>The shards of one phase that are done and missing.</summary>
    /// <param name="Index">Phase index.</param>
    /// <param name="Name">Phase name.</param>
    /// <param name="Done">Ranks with a completion marker.</param>
    /// <param name="Missing">Ranks without one (never run, running, failed or killed).</param>
    public sealed record PhaseStatus(int Index, string Name, IReadOnlyList<int> Done, IReadOnlyList<int> Missing);
}
