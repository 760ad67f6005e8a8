using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataPrep.Configuration;
using DataPrep.IO;

namespace DataPrep.Execution;

/// <summary>
/// <c>run.json</c>: what run an output folder holds — world size, stage ids, phases, every input file with its size and
/// modification time, and the resolved options (input, each stage, output; not the execution section, which never
/// changes results). A rerun compares itself with it, so finished shards of another input are never passed off as
/// this run's results.
/// </summary>
internal sealed class RunManifest
{
    private const int MaxListedFiles = 5;

    private RunManifest(int worldSize, string stages, IReadOnlyList<string> phases, IReadOnlyList<InputRecord>? inputs, JsonObject? options)
    {
        WorldSize = worldSize;
        Stages = stages;
        Phases = phases;
        Inputs = inputs;
        Options = options;
    }

    /// <summary>Number of shards.</summary>
    public int WorldSize { get; }

    /// <summary>Stage ids, comma-separated, in order.</summary>
    public string Stages { get; }

    /// <summary>Phase names, in order.</summary>
    public IReadOnlyList<string> Phases { get; }

    /// <summary>Input files with size and modification time; null in a folder written before inputs were recorded.</summary>
    public IReadOnlyList<InputRecord>? Inputs { get; }

    /// <summary>Resolved options by config path (<c>input</c>, <c>stages[3].GopherQuality</c>, <c>output</c>); null when not recorded.</summary>
    public JsonObject? Options { get; }

    /// <summary>One input file as the run saw it.</summary>
    /// <param name="Path">Full path.</param>
    /// <param name="Bytes">Size in bytes.</param>
    /// <param name="ModifiedUtc">Last write time (UTC, round-trip format).</param>
    public sealed record InputRecord(string Path, long Bytes, string ModifiedUtc);

    /// <summary>The manifest of <paramref name="pipeline"/> run with <paramref name="worldSize"/> shards over <paramref name="files"/>.</summary>
    public static RunManifest Of(PipelineDefinition pipeline, int worldSize, IReadOnlyList<InputFile> files)
    {
        var inputs = files.Select(f =>
        {
            var info = new FileInfo(f.Path);
            return new InputRecord(f.Path, info.Length, info.LastWriteTimeUtc.ToString("O", CultureInfo.InvariantCulture));
        }).ToList();
        var options = new JsonObject { ["input"] = WithoutPath(pipeline.Input) };
        for (var i = 0; i < pipeline.StageOptions.Count; i++)
        {
            var (name, stageOptions) = pipeline.StageOptions[i];
            options[$"stages[{i}].{name}"] = stageOptions is null ? null : Serialize(stageOptions);
        }
        options["output"] = WithoutPath(pipeline.Output);
        return new RunManifest(worldSize, string.Join(",", pipeline.Stages.Select(s => s.Id)), pipeline.Phases.Select(p => p.Name).ToList(), inputs, options);
    }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="JsonException">The file is not a run manifest.</exception>
    public static RunManifest Read(string path)
    {
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new JsonException("not a JSON object");
            var inputs = root["inputs"]?.AsArray().Select(n => new InputRecord(
                Required(n, "path").GetValue<string>(), Required(n, "bytes").GetValue<long>(), Required(n, "modified_utc").GetValue<string>())).ToList();
            return new RunManifest(
                Required(root, "world_size").GetValue<int>(),
                Required(root, "stages").GetValue<string>(),
                root["phases"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [],
                inputs,
                root["options"]?.DeepClone().AsObject());
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            throw new JsonException(e.Message, e);
        }

        static JsonNode Required(JsonNode? node, string name) => node?[name] ?? throw new JsonException($"no '{name}'");
    }

    /// <summary>The JSON text of this manifest.</summary>
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["world_size"] = WorldSize,
            ["stages"] = Stages,
            ["phases"] = new JsonArray(Phases.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
        };
        if (Inputs is not null)
        {
            root["inputs"] = new JsonArray(Inputs.Select(i => (JsonNode?)new JsonObject
            {
                ["path"] = i.Path,
                ["bytes"] = i.Bytes,
                ["modified_utc"] = i.ModifiedUtc,
            }).ToArray());
        }
        if (Options is not null)
        {
            root["options"] = Options.DeepClone();
        }
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Changes that make the folder's run another run: world size or stages. Finished shards of it can never
    /// be combined with this run's.</summary>
    public IReadOnlyList<string> StructuralChanges(RunManifest current)
    {
        var changes = new List<string>();
        if (WorldSize != current.WorldSize)
        {
            changes.Add($"world size {WorldSize} -> {current.WorldSize}");
        }
        if (Stages != current.Stages)
        {
            changes.Add($"stages [{Stages}] -> [{current.Stages}]");
        }
        return changes;
    }

    /// <summary>Input files added, removed or changed (size or modification time), and options whose value changed.
    /// A folder written before these were recorded reports none.</summary>
    public IReadOnlyList<string> InputAndOptionChanges(RunManifest current)
    {
        var changes = new List<string>();
        if (Inputs is not null && current.Inputs is not null)
        {
            var before = Inputs.ToDictionary(i => i.Path, StringComparer.Ordinal);
            var after = current.Inputs.ToDictionary(i => i.Path, StringComparer.Ordinal);
            var files = new List<string>();
            files.AddRange(after.Keys.Where(p => !before.ContainsKey(p)).Select(p => $"'{p}' added"));
            files.AddRange(before.Keys.Where(p => !after.ContainsKey(p)).Select(p => $"'{p}' removed"));
            foreach (var (path, now) in after)
            {
                if (before.TryGetValue(path, out var then) && then != now)
                {
                    files.Add(then.Bytes != now.Bytes
                        ? $"'{path}' changed size {then.Bytes} -> {now.Bytes} bytes"
                        : $"'{path}' modified {then.ModifiedUtc} -> {now.ModifiedUtc}");
                }
            }
            if (files.Count > 0)
            {
                var listed = string.Join(", ", files.Take(MaxListedFiles));
                changes.Add($"input files: {listed}{(files.Count > MaxListedFiles ? $" and {files.Count - MaxListedFiles} more" : "")}");
            }
        }
        if (Options is not null && current.Options is not null)
        {
            foreach (var key in Options.Select(p => p.Key).Union(current.Options.Select(p => p.Key)))
            {
                CompareOption(key, Options[key], current.Options[key], changes);
            }
        }
        return changes;
    }

    private static void CompareOption(string path, JsonNode? before, JsonNode? after, List<string> changes)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }
        if (before is JsonObject a && after is JsonObject b)
        {
            // Name the option that changed, not the whole block.
            foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
            {
                CompareOption($"{path}.{key}", a[key], b[key], changes);
            }
            return;
        }
        changes.Add($"{path}: {Text(before)} -> {Text(after)}");
    }

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "(none)";

    private static JsonNode? Serialize(object options) =>
        JsonSerializer.SerializeToNode(options, OptionsBinder.SerializerOptions.GetTypeInfo(options.GetType()));

    // The output folder is the folder itself, and input paths are compared as resolved files, not as typed.
    private static JsonNode? WithoutPath(object options)
    {
        var node = Serialize(options);
        if (node is JsonObject json)
        {
            foreach (var key in json.Select(p => p.Key).Where(k => k.Equals("path", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                json.Remove(key);
            }
        }
        return node;
    }
}
