using System.Runtime.CompilerServices;
using DataPrep.Documents;

namespace DataPrep.Pipeline;

/// <summary>
/// A stage that looks at one document at a time and keeps no state across documents, so the runner
/// may call <see cref="Process"/> on many threads at once (in batches) and restore the order after.
/// This base class owns the counting (<c>docs.in</c>, <c>docs.out</c>, <c>bytes.*</c>,
/// <c>rejected.&lt;code&gt;</c>), the timing and the rejection plumbing.
/// </summary>
public abstract class DocumentStage : IStage
{
    /// <inheritdoc />
    public abstract string Id { get; }

    /// <summary>
    /// Applies the stage to one document: counts it, runs <see cref="Evaluate"/>, and on rejection
    /// sends it to the context's sink. Thread-safe as long as <see cref="Evaluate"/> is.
    /// </summary>
    /// <returns>True when the document goes on.</returns>
    public bool Process(Document document, StageContext context)
    {
        var stats = context.Stats;
        stats.CountIn(document.Utf8Length);
        Verdict verdict;
        using (stats.Time())
        {
            verdict = Evaluate(document, context);
        }
        if (!verdict.IsKept)
        {
            context.Reject(document, verdict);
            return false;
        }
        stats.CountOut(document.Utf8Length);
        return true;
    }

    /// <summary>Looks at (and may change) one document; returns whether to keep it. Must be thread-safe.</summary>
    protected abstract Verdict Evaluate(Document document, StageContext context);

    /// <inheritdoc />
    public async IAsyncEnumerable<Document> RunAsync(
        IAsyncEnumerable<Document> input,
        StageContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (Process(document, context))
            {
                yield return document;
            }
        }
    }
}
