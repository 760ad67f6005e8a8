using DataPrep.Documents;

namespace DataPrep.IO.Readers;

/// <summary>Reads one input file into documents, reporting bad records to the context instead of throwing.</summary>
public interface IDocumentReader
{
    /// <summary>Reads <paramref name="file"/> in order. Runs on a dedicated thread; blocking I/O is fine.</summary>
    IEnumerable<Document> Read(InputFile file, InputContext context, CancellationToken cancellationToken);
}
