using DataPrep.Documents;

namespace DataPrep.IO.Readers;

/// <summary>Reads one input file into documents, reporting bad records to the context instead of throwing.</summary>
internal interface IDocumentReader
{
    /// <summary>Reads <paramref name="file"/> in order. Runs on a dedicated thread; blocking I/O is fine.</summary>
    IEnumerable<Document> Read(InputFile file, InputContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Reads <paramref name="file"/> in order as batches of at most <paramref name="maxRecords"/> records or about
    /// <paramref name="maxBytes"/> bytes, whose documents are made when each batch is opened (possibly on another thread).
    /// The default makes documents here, with <see cref="Read"/>; a reader whose parsing is the expensive part defers it.
    /// </summary>
    IEnumerable<RecordBatch> ReadBatches(InputFile file, InputContext context, int maxRecords, int maxBytes, CancellationToken cancellationToken) =>
        RecordBatch.Chunk(Read(file, context, cancellationToken), maxRecords, maxBytes);
}
