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

    private string _text = "";
    private int _utf8Length = -1;

    /// <summary>The text; transform stages replace it.</summary>
    public string Text
    {
        get => _text;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!ReferenceEquals(value, _text))
            {
                _text = value;
                _utf8Length = -1;
            }
        }
    }

    /// <summary>Length of <see cref="Text"/> in UTF-8 bytes, computed once per text (every stage counts bytes in and out).</summary>
    public int Utf8Length => _utf8Length >= 0 ? _utf8Length : _utf8Length = System.Text.Encoding.UTF8.GetByteCount(_text);

    /// <summary>Input fields other than id and text, and values stages add. Written back out with the document.</summary>
    public DocumentMetadata Metadata { get; }

    /// <summary>Where the document came from; <see cref="DocumentSource.None"/> for documents made in code.</summary>
    public DocumentSource Source { get; init; } = DocumentSource.None;
}
