namespace DataPrep.Execution;

/// <summary>
/// Kept documents that had reached the writer at a checkpoint but not yet filled a block: their JSON lines as the writer
/// writes them, so a resumed run starts its first block with them and cuts every block exactly where an uninterrupted run
/// cuts it (the output's bytes never depend on where checkpoints fall).
/// </summary>
/// <param name="Json">Their JSON lines, uncompressed.</param>
/// <param name="Documents">How many documents.</param>
/// <param name="TextBytes">Their UTF-8 text bytes (what block cutting and the output counters count).</param>
internal sealed record PendingDocuments(byte[] Json, int Documents, long TextBytes)
{
    /// <summary>No documents pending.</summary>
    public static PendingDocuments None { get; } = new([], 0, 0);
}
