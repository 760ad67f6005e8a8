using DataPrep.Documents;

namespace DataPrep.Stages.Dedup;

/// <summary>
/// What one corpus-wide dedup stage records about the documents of a shard in its observe pass (keys per partition,
/// document table, signatures). <see cref="ObservePass"/> owns the loop, the positions, the timing and the count;
/// the observer only writes. Disposing without <see cref="Commit"/> (a failed or cancelled pass) leaves no file.
/// </summary>
internal interface IDedupObserver : IDisposable
{
    /// <summary>Records a batch of documents in input order; <paramref name="firstLocal"/> is the position in the
    /// shard of the first one. The documents are yielded on unchanged afterwards.</summary>
    void Observe(List<Document> documents, long firstLocal);

    /// <summary>Renames every complete file into place, after the last batch.</summary>
    void Commit();
}
