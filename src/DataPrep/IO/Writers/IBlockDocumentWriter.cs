using DataPrep.Documents;

namespace DataPrep.IO.Writers;

/// <summary>
/// A document writer whose expensive part — serialising and compressing — can run on worker threads:
/// <see cref="Encode"/> turns a run of documents into a self-contained block (a pure function of the documents,
/// safe to call from any thread), and <see cref="Append"/> writes blocks in order on one thread. Output depends
/// only on the documents and where the caller cuts blocks, never on how many threads encoded them.
/// </summary>
internal interface IBlockDocumentWriter : IDocumentWriter
{
    /// <summary>UTF-8 text bytes at which a caller should cut a block (bigger blocks compress a little better; smaller ones
    /// keep part sizes closer to the limit).</summary>
    int BlockBytes { get; }

    /// <summary>Serialises and compresses <paramref name="documents"/> into one block. Thread-safe.</summary>
    EncodedBlock Encode(IReadOnlyList<Document> documents);

    /// <summary>Appends a block made by <see cref="Encode"/> (in document order, on one thread) and releases its buffer.
    /// A new part starts after the block that reaches the size limit, so parts end on block boundaries.</summary>
    void Append(EncodedBlock block);
}
