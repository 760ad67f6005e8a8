using DataPrep.Documents;

namespace DataPrep.IO.Writers;

/// <summary>Writes kept documents of one shard. Files become visible only when complete.</summary>
internal interface IDocumentWriter : IAsyncDisposable
{
    /// <summary>Writes one document.</summary>
    ValueTask WriteAsync(Document document, CancellationToken cancellationToken);

    /// <summary>Finishes and renames every file into place. Without it, disposal deletes unfinished files.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);

    /// <summary>Files committed so far.</summary>
    IReadOnlyList<string> Files { get; }
}
