using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace DataPrep.Tests.Support;

/// <summary>Writes small input files for reader and runner tests.</summary>
public static class TestFiles
{
    public static string WriteJsonl(string folder, string name, IEnumerable<object> records)
    {
        var path = Path.Combine(folder, name);
        var lines = string.Join("\n", records.Select(r => r as string ?? JsonSerializer.Serialize(r, new JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))) + "\n";
        var bytes = Encoding.UTF8.GetBytes(lines);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var file = File.Create(path);
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(bytes);
        }
        else if (name.EndsWith(".zst", StringComparison.Ordinal))
        {
            File.WriteAllBytes(path, new ZstdSharp.Compressor(3).Wrap(bytes).ToArray());
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }
        return path;
    }

    public static IReadOnlyList<JsonElement> ReadOutput(string folder)
    {
        var result = new List<JsonElement>();
        foreach (var file in Directory.GetFiles(folder, "rank-*.jsonl*").Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            using Stream decompressed = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
            using var reader = new StreamReader(decompressed);
            while (reader.ReadLine() is { } line)
            {
                result.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }
        return result;
    }

    public static IReadOnlyList<JsonElement> ReadRejected(string folder)
    {
        var result = new List<JsonElement>();
        var rejected = Path.Combine(folder, "rejected");
        if (!Directory.Exists(rejected))
        {
            return result;
        }
        foreach (var file in Directory.GetFiles(rejected, "*.jsonl.gz").Order(StringComparer.Ordinal))
        {
            using var stream = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                result.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }
        return result;
    }
}
