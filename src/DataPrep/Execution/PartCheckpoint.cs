using System.Text.Json;
using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.IO.Writers;
using DataPrep.Pipeline;

namespace DataPrep.Execution;

/// <summary>
/// A map phase part's checkpoint, <c>.resume/pN-rank-R.checkpoint.json</c> in the output folder: taken when everything
/// read up to an input position has been written, it records that position, each output file's temporary name and length,
/// the documents waiting for their block, and the part's statistics so far. A run killed later resumes the part from
/// here instead of its start (<see cref="PipelineRunner"/>); the part deletes it before it renames its outputs into place.
/// </summary>
internal sealed record PartCheckpoint(
    int Sequence,
    InputPosition Input,
    InputFileStamp InputFile,
    DocumentWriterCheckpoint Output,
    FileCheckpoint? Rejects,
    long RejectsCount,
    PendingDocuments Pending,
    string StatsJson)
{
    private const int FormatVersion = 1;
    private const string Folder = ".resume";

    /// <summary>The checkpoint file of one part.</summary>
    public static string PathFor(OutputLayout layout, int phase, ShardSpec shard) =>
        Path.Combine(layout.Root, Folder, OutputLayout.Stem(phase, shard) + ".checkpoint.json");

    /// <summary>Deletes the checkpoint at <paramref name="path"/>, if any.</summary>
    public static void Delete(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Deletes every checkpoint under <paramref name="layout"/> (their parts restart from their beginning).</summary>
    public static void DeleteAll(OutputLayout layout)
    {
        var folder = Path.Combine(layout.Root, Folder);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Removes the checkpoint folder once no part has a checkpoint left in it.</summary>
    public static void RemoveFolderIfEmpty(OutputLayout layout)
    {
        var folder = Path.Combine(layout.Root, Folder);
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }
    }

    /// <summary>The temporary files the checkpoints under <paramref name="layout"/> refer to: what a sweep of a killed
    /// run's leftovers must keep.</summary>
    public static IReadOnlySet<string> ReferencedFiles(OutputLayout layout)
    {
        var folder = Path.Combine(layout.Root, Folder);
        var files = new HashSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return files;
        }
        foreach (var path in Directory.EnumerateFiles(folder, "*.checkpoint.json"))
        {
            if (TryRead(path) is { } checkpoint)
            {
                files.UnionWith(checkpoint.Files.Select(f => f.TempPath));
            }
        }
        return files;
    }

    /// <summary>Every output file the checkpoint refers to.</summary>
    public IEnumerable<FileCheckpoint> Files => Rejects is { } rejects ? [.. Output.Files, rejects] : Output.Files;

    /// <summary>True when the input file is unchanged and every output file is still there, at least as long as recorded.</summary>
    public bool CanResume(IReadOnlyList<InputFile> inputs) =>
        inputs.FirstOrDefault(f => f.Ordinal == Input.FileOrdinal) is { } file && InputFileStamp.Of(file.Path) == InputFile
        && Files.All(f => f.CanResume);

    /// <summary>The part's statistics at the checkpoint.</summary>
    public PipelineStats Stats => PipelineStats.FromJson(StatsJson);

    /// <summary>Reads a checkpoint; null when it is missing or unreadable (a part then restarts from its beginning).</summary>
    public static PartCheckpoint? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.GetProperty("version").GetInt32() != FormatVersion)
            {
                return null;
            }
            var input = root.GetProperty("input");
            var output = root.GetProperty("output");
            var pending = root.GetProperty("pending");
            var rejects = root.GetProperty("rejects");
            return new PartCheckpoint(
                root.GetProperty("sequence").GetInt32(),
                new InputPosition(input.GetProperty("ordinal").GetInt32(), input.GetProperty("byte").GetInt64(), input.GetProperty("line").GetInt64(),
                    input.GetProperty("records").GetInt64()),
                new InputFileStamp(input.GetProperty("path").GetString()!, input.GetProperty("size").GetInt64(), input.GetProperty("modified_ticks").GetInt64()),
                new DocumentWriterCheckpoint(
                    output.GetProperty("closed").EnumerateArray().Select(ReadFile).ToList(),
                    output.GetProperty("open").ValueKind == JsonValueKind.Null ? null : ReadFile(output.GetProperty("open")),
                    output.GetProperty("part").GetInt32(), output.GetProperty("part_json_bytes").GetInt64(), output.GetProperty("documents").GetInt64()),
                rejects.ValueKind == JsonValueKind.Null ? null : ReadFile(rejects),
                rejects.ValueKind == JsonValueKind.Null ? 0 : rejects.GetProperty("count").GetInt64(),
                new PendingDocuments(pending.GetProperty("json").GetBytesFromBase64(), pending.GetProperty("documents").GetInt32(),
                    pending.GetProperty("text_bytes").GetInt64()),
                root.GetProperty("stats").GetRawText());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            return null;
        }
    }

    private static FileCheckpoint ReadFile(JsonElement file) =>
        new(file.GetProperty("final").GetString()!, file.GetProperty("temp").GetString()!, file.GetProperty("length").GetInt64());

    /// <summary>Writes the checkpoint atomically (replacing the previous one of the part).</summary>
    public void Save(string path)
    {
        using var file = new AtomicFile(path);
        using (var json = new Utf8JsonWriter(file.Stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", FormatVersion);
            json.WriteNumber("sequence", Sequence);
            json.WriteStartObject("input");
            json.WriteString("path", InputFile.Path);
            json.WriteNumber("size", InputFile.Size);
            json.WriteNumber("modified_ticks", InputFile.ModifiedTicks);
            json.WriteNumber("ordinal", Input.FileOrdinal);
            json.WriteNumber("byte", Input.ByteOffset);
            json.WriteNumber("line", Input.Line);
            json.WriteNumber("records", Input.Records);
            json.WriteEndObject();
            json.WriteStartObject("output");
            json.WriteNumber("part", Output.Part);
            json.WriteNumber("part_json_bytes", Output.OpenPartJsonBytes);
            json.WriteNumber("documents", Output.Documents);
            json.WriteStartArray("closed");
            foreach (var closed in Output.ClosedParts)
            {
                WriteFile(json, closed, null);
            }
            json.WriteEndArray();
            json.WritePropertyName("open");
            WriteFile(json, Output.OpenPart, null);
            json.WriteEndObject();
            json.WritePropertyName("rejects");
            WriteFile(json, Rejects, RejectsCount);
            json.WriteStartObject("pending");
            json.WriteNumber("documents", Pending.Documents);
            json.WriteNumber("text_bytes", Pending.TextBytes);
            json.WriteBase64String("json", Pending.Json);
            json.WriteEndObject();
            json.WritePropertyName("stats");
            json.WriteRawValue(StatsJson);
            json.WriteEndObject();
        }
        file.Commit();
    }

    private static void WriteFile(Utf8JsonWriter json, FileCheckpoint? file, long? count)
    {
        if (file is null)
        {
            json.WriteNullValue();
            return;
        }
        json.WriteStartObject();
        json.WriteString("final", file.FinalPath);
        json.WriteString("temp", file.TempPath);
        json.WriteNumber("length", file.Length);
        if (count is { } n)
        {
            json.WriteNumber("count", n);
        }
        json.WriteEndObject();
    }
}
