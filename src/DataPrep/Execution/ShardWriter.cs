using System.Threading.Channels;
using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.IO;
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

    /// <summary>Writes the kept documents into the shard's output parts (replacing parts a crashed attempt left).</summary>
    public async Task WriteKeptAsync(IAsyncEnumerable<Document> documents, OutputOptions output, string idField, string textField, int threads)
    {
        DeleteStaleOutputs();
        await using var writer = CreateWriter(output, idField, textField);
        if (writer is IBlockDocumentWriter blocks)
        {
            await WriteBlocksAsync(documents, blocks, threads).ConfigureAwait(false);
        }
        else
        {
            await WriteAllAsync(documents, document => writer.WriteAsync(document, cts.Token)).ConfigureAwait(false);
        }
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
    private async Task WriteBlocksAsync(IAsyncEnumerable<Document> documents, IBlockDocumentWriter writer, int threads)
    {
        var inFlight = Channel.CreateBounded<Task<EncodedBlock>>(new BoundedChannelOptions(threads * 2) { SingleReader = true, SingleWriter = true });
        var writerTask = Task.Run(async () =>
        {
            await foreach (var encoding in inFlight.Reader.ReadAllAsync(cts.Token).ConfigureAwait(false))
            {
                var block = await encoding.ConfigureAwait(false);
                writer.Append(block);
                Interlocked.Add(ref counters.Written, block.Documents);
            }
        }, cts.Token);
        Task<EncodedBlock> Encode(List<Document> batch) => Task.Run(() =>
        {
            foreach (var document in batch)
            {
                var bytes = document.Utf8Length;
                outputStats.CountIn(bytes);
                outputStats.CountOut(bytes);
            }
            return writer.Encode(batch);
        }, cts.Token);
        try
        {
            var batch = new List<Document>(WriterBatch);
            var batchBytes = 0L;
            // Documents arrive a processed batch at a time; blocks are cut by size across them, as if one by one.
            await foreach (var arrived in KeptBatches.Of(documents, WriterBatch, cts.Token).ConfigureAwait(false))
            {
                foreach (var document in arrived)
                {
                    batch.Add(document);
                    batchBytes += document.Utf8Length;
                    if (batchBytes >= writer.BlockBytes || batch.Count >= MaxBlockDocuments)
                    {
                        await inFlight.Writer.WriteAsync(Encode(batch), cts.Token).ConfigureAwait(false);
                        batch = new List<Document>(WriterBatch);
                        batchBytes = 0;
                    }
                }
                if (writerTask.IsFaulted)
                {
                    break;
                }
            }
            if (batch.Count > 0)
            {
                await inFlight.Writer.WriteAsync(Encode(batch), cts.Token).ConfigureAwait(false);
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

    // A shard that crashed earlier may have left complete parts; its rerun writes them all again.
    private void DeleteStaleOutputs()
    {
        if (!Directory.Exists(layout.Root))
        {
            return;
        }
        // Visible parts, and hidden temporary files of a shard that was killed while writing.
        foreach (var file in Directory.EnumerateFiles(layout.Root, shard.FileStem + "-*")
            .Concat(Directory.EnumerateFiles(layout.Root, "." + shard.FileStem + "-*.tmp")))
        {
            File.Delete(file);
        }
    }
}
