namespace DataPrep.Documents;

/// <summary>
/// One unit of text flowing through a pipeline: an id, the text, and small metadata values
/// (every input field other than id and text, plus what stages add: language, scores, token counts).
/// </summary>
/// <remarks>
/// A stage may change the document it is about to yield, but must not keep a reference after
/// yielding it: stages that remember documents (dedup) keep ids and hashes, never documents.
/// </remarks>
public sealed class Document
{
    /// <summary>Creates a document.</summary>
    public Document(string id, string text, DocumentMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(text);
        Id = id;
        Text = text;
        Metadata = metadata ?? new DocumentMetadata();
    }

    /// <summary>The document id: the input's id field, or <c>file:line</c> when the input has none.</summary>
    public string Id { get; }

    /// <summary>The text; transform stages replace it.</summary>
    public string Text { get; set; }

    /// <summary>Input fields other than id and text, and values stages add. Written back out with the document.</summary>
    public DocumentMetadata Metadata { get; }

    /// <summary>Where the document came from; <see cref="DocumentSource.None"/> for documents made in code.</summary>
    public DocumentSource Source { get; init; } = DocumentSource.None;
}
