namespace DataPrep.Execution;

/// <summary>A stage threw: a bug or an I/O failure. Wraps the original once with the shard, stage and document.</summary>
public sealed class StageFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StageFailedException(string stageId, string? documentId, string shard, Exception inner)
        : base($"Stage '{stageId}' failed on shard {shard}{(documentId is null ? "" : $" at document '{documentId}'")}: {inner.GetType().Name}: {inner.Message}", inner)
    {
        StageId = stageId;
        DocumentId = documentId;
        Shard = shard;
    }

    /// <summary>The stage that failed.</summary>
    public string StageId { get; }

    /// <summary>The document being processed, when known.</summary>
    public string? DocumentId { get; }

    /// <summary>The shard (<c>rank/world</c>).</summary>
    public string Shard { get; }
}
