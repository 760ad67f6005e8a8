using DataPrep.Documents;

namespace DataPrep.Pipeline;

/// <summary>One rejected document (or one unreadable input record) as written to <c>rejected/</c>.</summary>
/// <param name="StageId">The stage that rejected it (<c>input</c> for unreadable input).</param>
/// <param name="Reason">The declared reason.</param>
/// <param name="DocumentId">The document's id, or <c>file:line</c> for unreadable input.</param>
/// <param name="Source">Where the document was read from.</param>
/// <param name="Detail">A short machine-made detail (a measured value, an error position); never document text.</param>
/// <param name="DuplicateOf">For dedup reasons: the id of the document that was kept instead.</param>
/// <param name="Document">The rejected document, when there is one (not for unreadable input).</param>
public sealed record Rejection(
    string StageId,
    RejectionReason Reason,
    string DocumentId,
    DocumentSource Source,
    string? Detail = null,
    string? DuplicateOf = null,
    Document? Document = null);
