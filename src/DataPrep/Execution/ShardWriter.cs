using System.Threading.Channels;
using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.IO.Writers;
using DataPrep.Pipeline;

namespace DataPrep.Execution;

/// <summary>
/// The sink of a map phase part: the kept documents of the last segment into the shard's output parts, or the documents
/// a segment hands to the next into its work file. Serialisation and compression run off the pipeline's thread, and each
/// document written is counted in the stats of the <c>output</c> stage.
/// </summary>
internal sealed class ShardWriter(OutputLayout layout, ShardSpec shard, StageStats outputStats, ProgressCounters counters, CancellationTokenSource cts)
{
    private const int WriterBatch = 256;
    private const int MaxBlockDocuments = 8192;
    private int _checkpoints;

    /// <summary>Writes the kept documents into the shard's output parts (replacing parts a crashed attempt left, or, with
    /// <paramref name="checkpointing"/>, going on from the parts of the checkpoint it resumes from).</summary>
    /// <remarks>Checkpointing needs JSON Lines output (<see cref="JsonlDocumentWriter"/>).</remarks>
    public async Task WriteKeptAsync(IAsyncEnumerable<Document> documents, OutputOptions output, string idField, string textField, int threads,
        WriterCheckpointing? checkpointing = null)
    {
        DeleteStaleOutputs(checkpointing?.ResumeOutput?.Files.Select(f => f.TempPath).ToHashSet(StringComparer.Ordinal));
        await using var writer = CreateWriter(output, idField, textField);
        if (checkpointing?.ResumeOutput is { } resumed)
        {
            ((JsonlDocumentWriter)writer).Resume(resumed);
        }
        try
        {
            if (writer is IBlockDocumentWriter blocks)
            {
                await WriteBlocksAsync(documents, blocks, threads, checkpointing).ConfigureAwait(false);
            }
            else
            {
                await WriteAllAsync(documents, document => writer.WriteAsync(document, cts.Token)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (checkpointing is not null && (checkpointing.ResumeOutput is not null || _checkpoints > 0))
        {
            // Stopped (Ctrl+C, SIGTERM) after a checkpoint: keep what it refers to, so the rerun resumes there.
            ((JsonlDocumentWriter)writer).Abandon();
            throw;
        }
        checkpointing?.BeforeCommit();
        await writer.CompleteAsync(cts.Token).ConfigureAwait(false);
        outputStats.Increment("files", writer.Files.Count);
    }

    /// <summary>Writes the documents handed to the next segment into the work file at <paramref name="path"/>.</summary>
    public async Task HandOffAsync(IAsyncEnumerable<Document> documents, string path)
    {
        using var writer = new WorkFiles.Writer(path);
        await WriteAllAsync(documents, document => { writer.Write(document); return ValueTask.CompletedTask; }).ConfigureAwait(false);
        writer.Complete();
    }

    private async Task WriteAllAsync(IAsyncEnumerable<Document> documents, Func<Document, ValueTask> write)
    {
        // The writer (serialisation and compression) runs on its own thread, fed in batches.
        var channel = Channel.CreateBounded<List<Document>>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        var writerTask = Task.Run(async () =>
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(cts.Token).ConfigureAwait(false))
            {
                foreach (var document in batch)
                {
                    await write(document).ConfigureAwait(false);
                    var bytes = document.Utf8Length;
                    outputStats.Increment(StageStats.DocsIn);
                    outputStats.Increment(StageStats.DocsOut);
                    outputStats.Increment(StageStats.BytesIn, bytes);
                    outputStats.Increment(StageStats.BytesOut, bytes);
                    Interlocked.Increment(ref counters.Written);
                }
            }
        }, cts.Token);
        try
        {
            var batch = new List<Document>(WriterBatch);
            await foreach (var document in documents.WithCancellation(cts.Token).ConfigureAwait(false))
            {
                batch.Add(document);
                if (batch.Count == WriterBatch)
                {
                    await channel.Writer.WriteAsync(batch, cts.Token).ConfigureAwait(false);
                    batch = new List<Document>(WriterBatch);
                }
                if (writerTask.IsFaulted)
                {
                    break;
                }
            }
            if (batch.Count > 0)
            {
                await channel.Writer.WriteAsync(batch, cts.Token).ConfigureAwait(false);
            }
            channel.Writer.Complete();
        }
        catch
        {
            await StopWriterAsync(channel.Writer, writerTask).ConfigureAwait(false);
            throw;
        }
        await writerTask.ConfigureAwait(false);
    }

    // Serialisation and compression run on worker threads, a block of documents per task; this thread cuts the blocks
    // (by document order only, so the output does not depend on the thread count) and one writer thread appends them in order.
    // A checkpoint mark goes to the writer thread in line with the blocks; the documents of the block being cut go with it.
    private async Task WriteBlocksAsync(IAsyncEnumerable<Document> documents, IBlockDocumentWriter writer, int threads, WriterCheckpointing? checkpointing)
    {
        var inFlight = Channel.CreateBounded<WriterStep>(new BoundedChannelOptions(threads * 2) { SingleReader = true, SingleWriter = true });
        var writerTask = Task.Run(async () =>
        {
            await foreach (var step in inFlight.Reader.ReadAllAsync(cts.Token).ConfigureAwait(false))
            {
                if (step.Block is { } encoding)
                {
                    var block = await encoding.ConfigureAwait(false);
                    writer.Append(block);
                    Interlocked.Add(ref counters.Written, block.Documents);
                }
                else
                {
                    checkpointing!.Take(step.Checkpoint, ((JsonlDocumentWriter)writer).Checkpoint(), step.Pending!);
                    _checkpoints++;
                }
            }
        }, cts.Token);
        // Documents a resumed run's checkpoint had pending open its first block.
        var prefix = checkpointing?.Pending ?? PendingDocuments.None;
        Task<EncodedBlock> Encode(List<Document> batch, PendingDocuments first) => Task.Run(() =>
        {
            foreach (var document in batch)
            {
                var bytes = document.Utf8Length;
                outputStats.CountIn(bytes);
                outputStats.CountOut(bytes);
            }
            if (first.Documents == 0)
            {
                return writer.Encode(batch);
            }
            outputStats.Increment(StageStats.DocsIn, first.Documents);
            outputStats.Increment(StageStats.DocsOut, first.Documents);
            outputStats.Increment(StageStats.BytesIn, first.TextBytes);
            outputStats.Increment(StageStats.BytesOut, first.TextBytes);
            return ((JsonlDocumentWriter)writer).Encode(first.Json, first.Documents, batch);
        }, cts.Token);
        try
        {
            var batch = new List<Document>(WriterBatch);
            var batchBytes = prefix.TextBytes;
            // Documents arrive a processed batch at a time; blocks are cut by size across them, as if one by one.
            await foreach (var arrived in KeptBatches.Of(documents, WriterBatch, cts.Token).ConfigureAwait(false))
            {
                foreach (var document in arrived.Documents)
                {
                    batch.Add(document);
                    batchBytes += document.Utf8Length;
                    if (batchBytes >= writer.BlockBytes || prefix.Documents + batch.Count >= MaxBlockDocuments)
                    {
                        await inFlight.Writer.WriteAsync(new WriterStep(Encode(batch, prefix)), cts.Token).ConfigureAwait(false);
                        batch = new List<Document>(WriterBatch);
                        batchBytes = 0;
                        prefix = PendingDocuments.None;
                    }
                }
                if (arrived.Checkpoint is { } mark && checkpointing is not null)
                {
                    var pending = prefix.Documents + batch.Count == 0 ? PendingDocuments.None
                        : new PendingDocuments([.. prefix.Json, .. ((JsonlDocumentWriter)writer).Serialise(batch)], prefix.Documents + batch.Count, batchBytes);
                    await inFlight.Writer.WriteAsync(new WriterStep(null, mark, pending), cts.Token).ConfigureAwait(false);
                }
                if (writerTask.IsFaulted)
                {
                    break;
                }
            }
            if (batch.Count > 0 || prefix.Documents > 0)
            {
                await inFlight.Writer.WriteAsync(new WriterStep(Encode(batch, prefix)), cts.Token).ConfigureAwait(false);
            }
            inFlight.Writer.Complete();
        }
        catch
        {
            await StopWriterAsync(inFlight.Writer, writerTask).ConfigureAwait(false);
            throw;
        }
        await writerTask.ConfigureAwait(false);
    }

    /// <summary>What the writer thread does next: append an encoded block, or take a checkpoint.</summary>
    private readonly record struct WriterStep(Task<EncodedBlock>? Block, InputPosition Checkpoint = default, PendingDocuments? Pending = null);

    // After a failure upstream: close the hand-over channel, cancel the writer thread and wait for it to stop, so the
    // caller can rethrow the original failure (the writer's cancellation is its consequence, not news).
    private async Task StopWriterAsync<T>(ChannelWriter<T> channel, Task writerTask)
    {
        channel.TryComplete();
        await cts.CancelAsync().ConfigureAwait(false);
        try
        {
            await writerTask.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The original failure is rethrown by the caller.
        }
    }

    private IDocumentWriter CreateWriter(OutputOptions output, string idField, string textField)
    {
        var maxBytes = output.MaxFileMegabytes * 1024L * 1024L;
        return output.Format == OutputFormat.Parquet
            ? new ParquetDocumentWriter(layout.Root, shard.FileStem, maxBytes, idField, textField)
            : new JsonlDocumentWriter(layout.Root, shard.FileStem, output.Compression, output.CompressionLevel, maxBytes, idField, textField);
    }

    // A shard that crashed earlier may have left complete parts; its rerun writes them all again (or goes on from the
    // temporary files of the checkpoint it resumes from, which it keeps).
    private void DeleteStaleOutputs(IReadOnlySet<string>? keep)
    {
        if (!Directory.Exists(layout.Root))
        {
            return;
        }
        // Visible parts, and hidden temporary files of a shard that was killed while writing.
        foreach (var file in Directory.EnumerateFiles(layout.Root, shard.FileStem + "-*")
            .Concat(Directory.EnumerateFiles(layout.Root, "." + shard.FileStem + "-*.tmp")))
        {
            if (keep is null || !keep.Contains(file))
            {
                File.Delete(file);
            }
        }
    }
}
