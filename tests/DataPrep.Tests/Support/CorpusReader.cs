using System.IO.Compression;
using System.Text.Json;
using DataPrep.Documents;

namespace DataPrep.Tests.Support;

/// <summary>Reads a shared corpus file (gzipped JSONL) into documents, for stage-level tests.</summary>
public static class CorpusReader
{
    public static IEnumerable<Document> Read(string fileName, string textField = "text", int? limit = null)
    {
        using var file = File.OpenRead(TestPaths.Corpus(fileName));
        using Stream stream = fileName.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (limit is not null && count >= limit)
            {
                yield break;
            }
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var id = root.TryGetProperty("id", out var idElement) ? idElement.ToString() : $"{fileName}:{count + 1}";
            if (!root.TryGetProperty(textField, out var text) || text.ValueKind != JsonValueKind.String)
            {
                continue;
            }
            var document = new Document(id, text.GetString()!);
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name != "id" && property.Name != textField && property.Value.ValueKind == JsonValueKind.String)
                {
                    document.Metadata[property.Name] = property.Value.GetString();
                }
            }
            count++;
            yield return document;
        }
    }
}
