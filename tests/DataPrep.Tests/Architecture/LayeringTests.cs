using DataPrep.Documents;

namespace DataPrep.Tests.Architecture;

/// <summary>
/// The library's namespaces form layers (docs/architecture.md): Documents/Text, then the Pipeline core (the stage
/// contract), then IO and the tokenizers, then the stage families and Configuration, then Execution, then Reports, then
/// Hosting and Mixing. These tests read the compiled DataPrep.dll, so they see every dependency, not only <c>using</c> lines.
/// </summary>
public class LayeringTests
{
    private static readonly Lazy<NamespaceGraph> Graph = new(() => NamespaceGraph.Read(typeof(Document).Assembly.Location, "DataPrep"));

    /// <summary>Layer of each namespace, lowest first; a namespace may use its own layer's namespaces only as listed
    /// below, and any lower layer. Sub-namespaces take their parent's layer (Stages.Dedup.MinHash is Stages.Dedup).</summary>
    internal static int LayerOf(string ns) => ns switch
    {
        "DataPrep.Text" => 0,
        "DataPrep.Documents" => 1,
        "DataPrep.Pipeline" => 2,
        _ when Under(ns, "DataPrep.IO") => 3,
        "DataPrep.Tokenizers" => 3,
        "DataPrep.Stages.Mixing" => 8,
        _ when Under(ns, "DataPrep.Stages") => 4,
        "DataPrep.Configuration" => 5,
        _ when Under(ns, "DataPrep.Execution") => 6,
        "DataPrep.Reports" => 7,
        "DataPrep.Hosting" => 8,
        _ => throw new InvalidOperationException($"Namespace '{ns}' has no layer: add it to LayerOf and docs/architecture.md."),
    };

    private static bool Under(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

    /// <summary>The stage family of a Stages namespace (<c>DataPrep.Stages.Dedup.MinHash</c> is <c>Dedup</c>), null elsewhere.</summary>
    internal static string? FamilyOf(string ns) =>
        Under(ns, "DataPrep.Stages") && ns.Length > "DataPrep.Stages.".Length ? ns["DataPrep.Stages.".Length..].Split('.')[0] : null;

    [Fact]
    public void NoNamespaceDependsOnItselfThroughOthers()
    {
        var cycle = FindCycle(Graph.Value);
        Assert.True(cycle is null, cycle is null ? "" : "Namespace cycle:\n" + Describe(Graph.Value, cycle));
    }

    [Fact]
    public void EveryNamespaceUsesOnlyItsOwnOrLowerLayers()
    {
        var graph = Graph.Value;
        var wrong = new List<string>();
        foreach (var from in graph.Namespaces)
        {
            foreach (var to in graph.Uses(from))
            {
                if (LayerOf(to) > LayerOf(from) || (LayerOf(to) == LayerOf(from) && !SameLayerAllowed(from, to)))
                {
                    wrong.Add($"{from} (layer {LayerOf(from)}) uses {to} (layer {LayerOf(to)}): {string.Join(", ", graph.Why(from, to).Take(5))}");
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void NoStageFamilyUsesAnother()
    {
        var graph = Graph.Value;
        var wrong = new List<string>();
        foreach (var from in graph.Namespaces)
        {
            foreach (var to in graph.Uses(from))
            {
                if (FamilyOf(from) is { } a && FamilyOf(to) is { } b && a != b && from != "DataPrep.Stages.Mixing")
                {
                    wrong.Add($"{from} uses {to}: {string.Join(", ", graph.Why(from, to).Take(5))}");
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void TheGraphSeesDependenciesInsideMethodBodies()
    {
        // StageContext.Reject counts into StageStats inside its body only: the reader must find that edge's types.
        Assert.Contains("DataPrep.Documents", Graph.Value.Uses("DataPrep.Pipeline"));
        Assert.Contains("DataPrep.Pipeline", Graph.Value.Uses("DataPrep.Execution"));
        Assert.Contains(Graph.Value.Why("DataPrep.Execution", "DataPrep.Pipeline"), why => why.StartsWith("OrderedParallel -> ", StringComparison.Ordinal));
    }

    /// <summary>Within one layer: a stage family's sub-namespaces may use the family's root (Dedup.MinHash uses Dedup),
    /// IO's sub-namespaces each other, Execution.Slurm Execution; IO and Tokenizers, both layer 3, never use each other.</summary>
    private static bool SameLayerAllowed(string from, string to) =>
        (FamilyOf(from) is { } family && FamilyOf(to) == family) ||
        (Under(from, "DataPrep.IO") && Under(to, "DataPrep.IO")) ||
        (Under(from, "DataPrep.Execution") && Under(to, "DataPrep.Execution"));

    private static List<string>? FindCycle(NamespaceGraph graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();
        List<string>? Visit(string ns)
        {
            state[ns] = 1;
            path.Add(ns);
            foreach (var next in graph.Uses(ns).Order(StringComparer.Ordinal))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path[path.IndexOf(next)..], next];
                }
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }
            path.RemoveAt(path.Count - 1);
            state[ns] = 2;
            return null;
        }
        foreach (var ns in graph.Namespaces)
        {
            if (state.GetValueOrDefault(ns) == 0 && Visit(ns) is { } cycle)
            {
                return cycle;
            }
        }
        return null;
    }

    private static string Describe(NamespaceGraph graph, List<string> cycle) =>
        string.Join("\n", cycle.Zip(cycle.Skip(1), (a, b) => $"  {a} -> {b}: {string.Join(", ", graph.Why(a, b).Take(5))}"));
}
