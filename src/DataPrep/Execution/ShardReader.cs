using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.Pipeline;

namespace DataPrep.Execution;

/// <summary>
/// The source of a map phase part: the shard's input files (round robin by their position in the run's file list), or
/// the work file the previous segment handed over. Reading (decompressing, splitting lines) runs on a thread of its own
/// and hands unopened batches over a bounded channel, so it overlaps the stages and a slow stage slows the reader
/// instead of filling memory; the batches are parsed where they are opened (<see cref="BatchedDocuments"/>).
/// </summary>
internal static class ShardReader
{
    // Documents per batch read back from a work file.
    private const int WorkFileBatch = 256;

    /// <summary>The documents of <paramref name="shard"/>'s input files. The <c>input</c> stage of
    /// <paramref name="stats"/> counts what is read; bad records go to <paramref name="sink"/>.</summary>
    /// <remarks>With <paramref name="checkpoints"/>, reading starts where it says and marks a batch for a checkpoint after
    /// every interval of a file's content, then waits for the writer to save it.</remarks>
    public static IAsyncEnumerable<Document> Input(PipelineDefinition pipeline, IReadOnlyList<InputFile> inputs, int phase, ShardSpec shard,
        PipelineStats stats, IRejectionSink sink, ProgressCounters counters, CancellationToken cancellationToken, CheckpointBarrier? checkpoints = null)
    {
        var input = pipeline.Input;
        var execution = pipeline.Execution;
        var files = inputs.Where(f => shard.Owns(f.Ordinal)).ToList();
        var context = new InputContext(input, new StageContext(InputReasons.StageId, shard, stats.For(0, InputReasons.StageId), pipeline.Log, sink),
            execution.Strict);
        IEnumerable<RecordBatch> Batches()
        {
            var resume = checkpoints?.ResumeFrom;
            foreach (var file in files)
            {
                if (resume is { } skipped && file.Ordinal < skipped.FileOrdinal)
                {
                    continue;   // read and counted before the checkpoint
                }
                var from = resume is { } at && at.FileOrdinal == file.Ordinal ? at : (InputPosition?)null;
                var reader = DocumentReaders.For(file, input.Format);
                var batches = from is null
                    ? reader.ReadBatches(file, context, execution.BatchDocuments, execution.BatchCharacters, cancellationToken)
                    : reader is JsonlDocumentReader jsonl
                        ? jsonl.ReadBatches(file, context, execution.BatchDocuments, execution.BatchCharacters, from, cancellationToken)
                        : throw new InvalidOperationException($"A checkpoint inside '{file.DisplayPath}' needs a JSON Lines reader.");
                var lastCheckpoint = from?.ByteOffset ?? 0;
                foreach (var batch in batches)
                {
                    var isCheckpoint = checkpoints is not null && batch.ResumeAfter is { } end && end.ByteOffset - lastCheckpoint >= checkpoints.IntervalBytes;
                    if (isCheckpoint)
                    {
                        batch.IsCheckpoint = true;
                        lastCheckpoint = batch.ResumeAfter!.Value.ByteOffset;
                    }
                    yield return batch;
                    if (isCheckpoint)
                    {
                        checkpoints!.WaitUntilWritten(cancellationToken);
                    }
                }
            }
        }
        return new BatchedDocuments(OnOwnThreadAsync(phase, Batches(), cancellationToken), documents =>
        {
            var bytes = Utf8Bytes(documents);
            context.Stage.Stats.Increment(StageStats.BytesIn, bytes);
            context.Stage.Stats.Increment(StageStats.BytesOut, bytes);
            Interlocked.Add(ref counters.BytesRead, bytes);
            Interlocked.Add(ref counters.Read, documents.Count);
        }, context.Stage.Rejections);
    }

    /// <summary>The documents handed over in the work file at <paramref name="path"/>.</summary>
    public static IAsyncEnumerable<Document> WorkFile(int phase, string path, ProgressCounters counters, CancellationToken cancellationToken) =>
        new BatchedDocuments(OnOwnThreadAsync(phase, RecordBatch.Chunk(WorkFiles.Read(path, cancellationToken), WorkFileBatch, int.MaxValue), cancellationToken),
            documents =>
            {
                Interlocked.Add(ref counters.BytesRead, Utf8Bytes(documents));
                Interlocked.Add(ref counters.Read, documents.Count);
            });

    private static long Utf8Bytes(IReadOnlyList<Document> documents)
    {
        var bytes = 0L;
        foreach (var document in documents)
        {
            bytes += document.Utf8Length;
        }
        return bytes;
    }

    private static async IAsyncEnumerable<RecordBatch> OnOwnThreadAsync(int phase, IEnumerable<RecordBatch> source,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<RecordBatch>(new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });
        var reader = Task.Factory.StartNew(() =>
        {
            try
            {
                long handed = 0;
                foreach (var batch in source)
                {
                    WriteBlocking(channel.Writer, batch, cancellationToken);
                    FaultInjection.AfterBatch(phase, ++handed, cancellationToken);
                }
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
        await reader.ConfigureAwait(false);
    }

    private static void WriteBlocking<T>(ChannelWriter<T> writer, T item, CancellationToken cancellationToken)
    {
        while (!writer.TryWrite(item))
        {
            if (!writer.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
            {
                throw new OperationCanceledException("The pipeline stopped reading.");
            }
        }
    }
}
