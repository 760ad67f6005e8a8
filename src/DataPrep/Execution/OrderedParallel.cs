using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.IO.Readers;
using DataPrep.Pipeline;

namespace DataPrep.Execution;

/// <summary>
/// Runs consecutive per-document stages on all cores: documents are cut into batches, each batch goes
/// through every stage on a worker thread, and batches are yielded in input order, so the output is
/// the same whatever the thread count. Input that arrives in batches from the reader thread is parsed on the
/// workers too (see <see cref="BatchedDocuments"/>). A bounded number of batches in flight bounds memory and makes
/// a slow stage slow the reader down instead of filling memory.
/// </summary>
internal static class OrderedParallel
{
    /// <summary>Applies <paramref name="stages"/> (with their contexts) to <paramref name="input"/>.</summary>
    /// <remarks>The result also hands over its documents a batch at a time (<see cref="KeptBatches"/>), which the
    /// runner's writer takes instead of one document per step.</remarks>
    public static IAsyncEnumerable<Document> RunAsync(
        IAsyncEnumerable<Document> input,
        IReadOnlyList<(DocumentStage Stage, StageContext Context)> stages,
        ExecutionOptions options,
        CancellationToken cancellationToken) =>
        new KeptBatches(RunBatchesAsync(input, stages, options, cancellationToken));

    private static async IAsyncEnumerable<KeptBatch> RunBatchesAsync(
        IAsyncEnumerable<Document> input,
        IReadOnlyList<(DocumentStage Stage, StageContext Context)> stages,
        ExecutionOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var threads = options.EffectiveThreads;
        var inFlight = Channel.CreateBounded<Task<ProcessedBatch>>(new BoundedChannelOptions(threads * options.BatchesInFlightPerThread)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                if (input is BatchedDocuments batched)
                {
                    // The reader already cut batches: open (parse) each on a worker along with the stages.
                    await foreach (var records in batched.Batches.WithCancellation(cts.Token).ConfigureAwait(false))
                    {
                        var checkpoint = records.IsCheckpoint ? records.ResumeAfter : null;
                        await inFlight.Writer.WriteAsync(Task.Run(() => Process(rejections => batched.Open(records, rejections), stages) with { Checkpoint = checkpoint },
                            cts.Token), cts.Token).ConfigureAwait(false);
                    }
                    inFlight.Writer.Complete();
                    return;
                }
                var batch = new List<Document>(options.BatchDocuments);
                var characters = 0L;
                await foreach (var document in input.WithCancellation(cts.Token).ConfigureAwait(false))
                {
                    batch.Add(document);
                    characters += document.Utf8Length;
                    if (batch.Count >= options.BatchDocuments || characters >= options.BatchCharacters)
                    {
                        var full = batch;
                        await inFlight.Writer.WriteAsync(Task.Run(() => Process(_ => full, stages), cts.Token), cts.Token).ConfigureAwait(false);
                        batch = new List<Document>(options.BatchDocuments);
                        characters = 0;
                    }
                }
                if (batch.Count > 0)
                {
                    var last = batch;
                    await inFlight.Writer.WriteAsync(Task.Run(() => Process(_ => last, stages), cts.Token), cts.Token).ConfigureAwait(false);
                }
                inFlight.Writer.Complete();
            }
            catch (Exception e)
            {
                inFlight.Writer.Complete(e);
            }
        }, cts.Token);

        try
        {
            await foreach (var task in inFlight.Reader.ReadAllAsync(cts.Token).ConfigureAwait(false))
            {
                var batch = await task.ConfigureAwait(false);
                batch.Rejections.Release();
                if (batch.Kept.Count > 0 || batch.Checkpoint is not null)
                {
                    yield return new KeptBatch(batch.Kept, batch.Checkpoint);
                }
            }
            await producer.ConfigureAwait(false);
        }
        finally
        {
            await cts.CancelAsync().ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping early (an error downstream or cancellation) cancels the producer.
            }
        }
    }

    /// <summary>A processed batch: the documents kept, and the rejections made on the way, passed on in batch order; and
    /// the checkpoint mark of its input batch.</summary>
    private readonly record struct ProcessedBatch(List<Document> Kept, BatchRejections Rejections, InputPosition? Checkpoint = null);

    /// <summary>Opens a batch and runs it through the stages, each stage reporting into the batch's own rejection buffer
    /// (a context per stage per batch, sharing the stage's stats and logger).</summary>
    private static ProcessedBatch Process(Func<BatchRejections, IReadOnlyList<Document>> open,
        IReadOnlyList<(DocumentStage Stage, StageContext Context)> stages)
    {
        var rejections = new BatchRejections();
        var holding = new (DocumentStage Stage, StageContext Context)[stages.Count];
        for (var s = 0; s < stages.Count; s++)
        {
            var (stage, context) = stages[s];
            holding[s] = (stage, context.WithRejections(rejections.Holding(context.Rejections)));
        }
        var kept = Process(open(rejections), holding);
        return new ProcessedBatch(kept, rejections);
    }

    private static List<Document> Process(IReadOnlyList<Document> batch, (DocumentStage Stage, StageContext Context)[] stages)
    {
        var kept = new List<Document>(batch.Count);
        foreach (var document in batch)
        {
            var alive = true;
            for (var s = 0; s < stages.Length; s++)
            {
                var (stage, context) = stages[s];
                try
                {
                    alive = stage.Process(document, context);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new StageFailedException(stage.Id, document.Id, context.Shard.ToString(), e);
                }
                if (!alive)
                {
                    break;
                }
            }
            if (alive)
            {
                kept.Add(document);
            }
        }
        return kept;
    }
}
