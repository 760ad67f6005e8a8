using DataPrep.Documents;

namespace DataPrep.Tests.Support;

/// <summary>Helpers for dedup tests: documents with a global input order, and splits into shards.</summary>
public static class DedupTestData
{
    /// <summary>Reads a corpus and gives each document a source (file 0, record = line), as the readers do.</summary>
    public static List<Document> Load(string fileName, int? limit = null, string textField = "text") =>
        WithSource(CorpusReader.Read(fileName, textField, limit));

    /// <summary>Copies documents, giving them a source in list order (file 0, records 1..n).</summary>
    public static List<Document> WithSource(IEnumerable<Document> documents, string path = "test.jsonl") =>
        documents.Select((d, i) => Copy(d, new DocumentSource(path, 0, i + 1))).ToList();

    public static Document Copy(Document document, DocumentSource source)
    {
        var copy = new Document(document.Id, document.Text) { Source = source };
        foreach (var (key, value) in document.Metadata)
        {
            copy.Metadata[key] = value;
        }
        return copy;
    }

    /// <summary>Document i goes to shard i mod n.</summary>
    public static IReadOnlyList<IReadOnlyList<Document>> RoundRobin(IReadOnlyList<Document> documents, int shards) =>
        Enumerable.Range(0, shards)
            .Select(s => (IReadOnlyList<Document>)documents.Where((_, i) => i % shards == s).ToList())
            .ToList();

    /// <summary>Contiguous ranges of (almost) equal size.</summary>
    public static IReadOnlyList<IReadOnlyList<Document>> Contiguous(IReadOnlyList<Document> documents, int shards) =>
        Enumerable.Range(0, shards)
            .Select(s => (IReadOnlyList<Document>)documents
                .Skip((int)((long)documents.Count * s / shards))
                .Take((int)((long)documents.Count * (s + 1) / shards) - (int)((long)documents.Count * s / shards))
                .ToList())
            .ToList();
}
