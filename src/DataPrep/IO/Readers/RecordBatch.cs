using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.IO.Readers;

/// <summary>
/// Records read from one input file, in order, that may not be documents yet: a reader's own thread only cuts
/// them out of the file (decompressing, splitting lines), and <see cref="Open(IRejectionSink?)"/> makes the documents — parsing,
/// and reporting bad records to the input context — on whichever thread calls it. The runner opens batches on
/// its worker threads and keeps their order, so parsing runs on all cores.
/// </summary>
internal abstract class RecordBatch
{
    /// <summary>Where reading can resume after this batch, when the reader can resume inside its file (JSON Lines batches
    /// that end before the end of their file); null otherwise.</summary>
    public InputPosition? ResumeAfter { get; set; }

    /// <summary>Set by the runner on a batch after which it takes a checkpoint: the batch carries the mark through the
    /// ordered parallel stages to the writer.</summary>
    public bool IsCheckpoint { get; set; }

    /// <summary>Makes the batch's documents, in file order (bad records are reported to the input context's sink, not
    /// returned). Call once.</summary>
    public IReadOnlyList<Document> Open() => Open(rejections: null);

    /// <summary>Makes the batch's documents, in file order, reporting bad records to <paramref name="rejections"/>
    /// instead of the input context's sink when given (the runner passes a buffer that keeps them in input order). Call once.</summary>
    public abstract IReadOnlyList<Document> Open(IRejectionSink? rejections);

    /// <summary>A batch of documents that are already made.</summary>
    public static RecordBatch Of(IReadOnlyList<Document> documents) => new Ready(documents);

    /// <summary>Cuts a stream of documents into batches of at most <paramref name="maxDocuments"/> documents or
    /// <paramref name="maxBytes"/> UTF-8 text bytes, for readers that make documents as they read.</summary>
    public static IEnumerable<RecordBatch> Chunk(IEnumerable<Document> documents, int maxDocuments, int maxBytes)
    {
        var batch = new List<Document>();
        var bytes = 0L;
        foreach (var document in documents)
        {
            batch.Add(document);
            bytes += document.Utf8Length;
            if (batch.Count >= maxDocuments || bytes >= maxBytes)
            {
                yield return new Ready(batch);
                batch = [];
                bytes = 0;
            }
        }
        if (batch.Count > 0)
        {
            yield return new Ready(batch);
        }
    }

    private sealed class Ready(IReadOnlyList<Document> documents) : RecordBatch
    {
        public override IReadOnlyList<Document> Open(IRejectionSink? rejections) => documents;
    }
}
