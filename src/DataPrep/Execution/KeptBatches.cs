using System.Runtime.CompilerServices;
using DataPrep.Documents;

namespace DataPrep.Execution;

/// <summary>
/// The documents a parallel stage group kept, in input order, as the batches they were processed in. Enumerated as
/// documents it is an ordinary stream; a consumer that works in batches (the runner's block writer) takes
/// <see cref="Batches"/> and saves an asynchronous step per document, and sees the checkpoint marks batches carry.
/// </summary>
internal sealed class KeptBatches(IAsyncEnumerable<KeptBatch> batches) : IAsyncEnumerable<Document>
{
    /// <summary>The kept documents of each batch, in order (empty batches are left out unless they carry a checkpoint).</summary>
    public IAsyncEnumerable<KeptBatch> Batches { get; } = batches;

    public async IAsyncEnumerator<Document> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var batch in Batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var document in batch.Documents)
            {
                yield return document;
            }
        }
    }

    /// <summary>The documents of <paramref name="documents"/> in lists of up to <paramref name="size"/>: its own batches
    /// (with their checkpoint marks) when it is a <see cref="KeptBatches"/>, otherwise cut as they arrive.</summary>
    public static async IAsyncEnumerable<KeptBatch> Of(IAsyncEnumerable<Document> documents, int size,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (documents is KeptBatches kept)
        {
            await foreach (var batch in kept.Batches.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
            yield break;
        }
        var current = new List<Document>(size);
        await foreach (var document in documents.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            current.Add(document);
            if (current.Count == size)
            {
                yield return new KeptBatch(current, null);
                current = new List<Document>(size);
            }
        }
        if (current.Count > 0)
        {
            yield return new KeptBatch(current, null);
        }
    }
}
