using System.Runtime.CompilerServices;
using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.Execution;
using DataPrep.Pipeline;

namespace DataPrep.Execution;

/// <summary>
/// Runs stages over any <see cref="IAsyncEnumerable{T}"/> of documents inside another .NET job, without
/// files: per-document stages on all cores with the order kept, stateful stages in order.
/// Corpus-wide stages (<see cref="IGlobalStage"/>) need a file-based run and are refused here.
/// </summary>
public static class StreamingPipeline
{
    /// <summary>Applies <paramref name="stages"/> to <paramref name="input"/>, yielding the kept documents in input order.</summary>
    /// <param name="input">The documents.</param>
    /// <param name="stages">The stages, in order.</param>
    /// <param name="rejections">Where rejected documents go (default: nowhere; they are still counted).</param>
    /// <param name="stats">Receives one <see cref="StageStats"/> per stage, in order, when given.</param>
    /// <param name="execution">Threads and batch sizes (default: all cores).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <exception cref="NotSupportedException">A stage is corpus-wide.</exception>
    public static async IAsyncEnumerable<Document> RunAsync(
        IAsyncEnumerable<Document> input,
        IReadOnlyList<IStage> stages,
        IRejectionSink? rejections = null,
        IList<StageStats>? stats = null,
        ExecutionOptions? execution = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var chain = new StageChain(input, ShardSpec.Single, execution ?? new ExecutionOptions(), cancellationToken);
        foreach (var stage in stages)
        {
            if (stage is IGlobalStage)
            {
                throw new NotSupportedException($"Stage '{stage.Id}' needs the whole corpus; run it in a file-based pipeline (Pipeline.RunAsync).");
            }
            var context = new StageContext(stage.Id, ShardSpec.Single, rejections: rejections);
            stats?.Add(context.Stats);
            chain.Then(stage, context);
        }
        var current = chain.Build();
        await foreach (var document in current.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return document;
        }
    }
}
