using System.IO.Compression;
using System.Text;
using System.Text.Json;
using DataPrep.Documents;

namespace DataPrep.Benchmarks;

/// <summary>Reads documents of a shared gzipped JSONL corpus (in place) for the benchmarks.</summary>
public static class BenchCorpus
{
    /// <summary>
    /// Documents (id, text) of <paramref name="fileName"/> in file order, until <paramref name="maxBytes"/> of UTF-8
    /// text or <paramref name="limit"/> documents; records without a string <c>text</c> are skipped.
    /// </summary>
    public static List<Document> Read(string fileName, long maxBytes = long.MaxValue, int limit = int.MaxValue)
    {
        var documents = new List<Document>();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(BenchPaths.Corpus(fileName)), CompressionMode.Decompress));
        long bytes = 0;
        while (bytes < maxBytes && documents.Count < limit && reader.ReadLine() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            if (!json.RootElement.TryGetProperty("text", out var field) || field.ValueKind != JsonValueKind.String)
            {
                continue;
            }
            var text = field.GetString()!;
            var id = json.RootElement.TryGetProperty("id", out var idField) ? idField.ToString() : $"{fileName}:{documents.Count + 1}";
            documents.Add(new Document(id, text));
            bytes += Encoding.UTF8.GetByteCount(text);
        }
        return documents;
    }

    /// <summary>The texts of <see cref="Read"/>.</summary>
    public static string[] Texts(string fileName, long maxBytes = long.MaxValue, int limit = int.MaxValue) =>
        [.. Read(fileName, maxBytes, limit).Select(d => d.Text)];
}
