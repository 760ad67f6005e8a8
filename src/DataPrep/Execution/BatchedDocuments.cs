using System.Runtime.CompilerServices;
using DataPrep.Documents;
using DataPrep.IO.Readers;
using DataPrep.Pipeline;

namespace DataPrep.Execution;

/// <summary>
/// The documents of a map phase's input as they arrive from the reader thread: batches whose documents are made
/// when opened. <see cref="OrderedParallel"/> opens them on its worker threads (so JSON parsing runs on all
/// cores); enumerated as plain documents, they are opened on the enumerating thread.
/// </summary>
/// <param name="batches">The batches, in input order.</param>
/// <param name="opened">Called with the documents of each opened batch (counting).</param>
/// <param name="rejections">Where the reader reports bad records (the input context's sink); a batch opened on a worker
/// holds them in its <see cref="BatchRejections"/> until its turn.</param>
internal sealed class BatchedDocuments(IAsyncEnumerable<RecordBatch> batches, Action<IReadOnlyList<Document>> opened,
    IRejectionSink? rejections = null) : IAsyncEnumerable<Document>
{
    /// <summary>The batches, in input order.</summary>
    public IAsyncEnumerable<RecordBatch> Batches => batches;

    /// <summary>Opens a batch (on the calling thread) and counts what it held; bad records go to <paramref name="held"/>
    /// when given, straight to the input's sink otherwise.</summary>
    public IReadOnlyList<Document> Open(RecordBatch batch, BatchRejections? held = null)
    {
        var documents = batch.Open(held is null || rejections is null ? null : held.Holding(rejections));
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
