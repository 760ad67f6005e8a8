using System.Runtime.CompilerServices;
using DataPrep.Documents;

namespace DataPrep.Execution;

/// <summary>
/// The documents a parallel stage group kept, in input order, as the batches they were processed in. Enumerated as
/// documents it is an ordinary stream; a consumer that works in batches (the runner's block writer) takes
/// <see cref="Batches"/> and saves an asynchronous step per document.
/// </summary>
internal sealed class KeptBatches(IAsyncEnumerable<List<Document>> batches) : IAsyncEnumerable<Document>
{
    /// <summary>The kept documents of each batch, in order (empty batches are left out).</summary>
    public IAsyncEnumerable<List<Document>> Batches { get; } = batches;

    public async IAsyncEnumerator<Document> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var batch in Batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var document in batch)
            {
                yield return document;
            }
        }
    }

    /// <summary>The documents of <paramref name="documents"/> in lists of up to <paramref name="size"/>: its own batches
    /// when it is a <see cref="KeptBatches"/>, otherwise cut as they arrive.</summary>
    public static async IAsyncEnumerable<List<Document>> Of(IAsyncEnumerable<Document> documents, int size,
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
                yield return current;
                current = new List<Document>(size);
            }
        }
        if (current.Count > 0)
        {
            yield return current;
        }
    }
}
