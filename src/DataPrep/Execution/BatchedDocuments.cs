using System.Runtime.CompilerServices;
using DataPrep.Documents;
using DataPrep.IO.Readers;

namespace DataPrep.Execution;

/// <summary>
/// The documents of a map phase's input as they arrive from the reader thread: batches whose documents are made
/// when opened. <see cref="OrderedParallel"/> opens them on its worker threads (so JSON parsing runs on all
/// cores); enumerated as plain documents, they are opened on the enumerating thread.
/// </summary>
internal sealed class BatchedDocuments(IAsyncEnumerable<RecordBatch> batches, Action<IReadOnlyList<Document>> opened) : IAsyncEnumerable<Document>
{
    /// <summary>The batches, in input order.</summary>
    public IAsyncEnumerable<RecordBatch> Batches => batches;

    /// <summary>Opens a batch (on the calling thread) and counts what it held.</summary>
    public IReadOnlyList<Document> Open(RecordBatch batch)
    {
        var documents = batch.Open();
        opened(documents);
        return documents;
    }

    /// <inheritdoc />
    public async IAsyncEnumerator<Document> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var document in Open(batch))
            {
                yield return document;
            }
        }
    }
}
