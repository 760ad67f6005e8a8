using System.Text;
using DataPrep.Text;

namespace DataPrep.Documents;

/// <summary>
/// One unit of text flowing through a pipeline: an id, the text, and small metadata values
/// (every input field other than id and text, plus what stages add: language, scores, token counts).
/// </summary>
/// <remarks>
/// A stage may change the document it is about to yield, but must not keep a reference after
/// yielding it: stages that remember documents (dedup) keep ids and hashes, never documents.
/// <para>
/// The text is held in whichever form it arrived in: readers hand over the input's UTF-8 bytes, and
/// <see cref="Text"/> decodes them into a string only when a stage first asks for one. A stage that works on
/// bytes (<see cref="TryGetUtf8Text"/>, <see cref="Utf8Text"/>) and a writer that copies them never pay for
/// UTF-16 at all; a document whose text a stage replaced is written from the new string.
/// </para>
/// </remarks>
public sealed class Document
{
    private string? _text;
    private ReadOnlyMemory<byte> _utf8;
    private bool _hasUtf8;
    private int _utf8Length = -1;
    private int _textVersion;

    /// <summary>Creates a document.</summary>
    public Document(string id, string text, DocumentMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(text);
        Id = id;
        _text = text;
        Metadata = metadata ?? new DocumentMetadata();
    }

    // Readers validate UTF-8 where they decode it (and report bad records), so they skip the second check.
    private Document(string id, ReadOnlyMemory<byte> utf8Text, DocumentMetadata? metadata)
    {
        ArgumentNullException.ThrowIfNull(id);
        Id = id;
        _utf8 = utf8Text;
        _hasUtf8 = true;
        Metadata = metadata ?? new DocumentMetadata();
    }

    /// <summary>Creates a document whose text is given as UTF-8 bytes (not copied: the caller must not change them afterwards).</summary>
    /// <exception cref="ArgumentException"><paramref name="utf8Text"/> is not valid UTF-8.</exception>
    public static Document FromUtf8(string id, ReadOnlyMemory<byte> utf8Text, DocumentMetadata? metadata = null)
    {
        if (!Utf8Validation.IsValid(utf8Text.Span))
        {
            throw new ArgumentException("The text is not valid UTF-8.", nameof(utf8Text));
        }
        return new Document(id, utf8Text, metadata);
    }

    /// <summary>Like <see cref="FromUtf8"/> for bytes the caller has already checked.</summary>
    internal static Document FromValidUtf8(string id, ReadOnlyMemory<byte> utf8Text, DocumentMetadata? metadata, DocumentSource source) =>
        new(id, utf8Text, metadata) { Source = source };

    /// <summary>The document id: the input's id field, or <c>file:line</c> when the input has none.</summary>
    public string Id { get; }

    /// <summary>The text; transform stages replace it. Decoded from the input's UTF-8 on first use.</summary>
    public string Text
    {
        get => _text ??= Encoding.UTF8.GetString(_utf8.Span);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!ReferenceEquals(value, _text))
            {
                _text = value;
                _utf8 = default;
                _hasUtf8 = false;
                _utf8Length = -1;
                _textVersion++;
            }
        }
    }

    /// <summary>
    /// The text as UTF-8. Getting it encodes the string once when the document holds only a string; setting it
    /// replaces the text (the bytes are not copied: the caller must not change them afterwards).
    /// </summary>
    /// <exception cref="ArgumentException">The value set is not valid UTF-8.</exception>
    public ReadOnlyMemory<byte> Utf8Text
    {
        get
        {
            if (!_hasUtf8)
            {
                _utf8 = Encoding.UTF8.GetBytes(_text!);
                _hasUtf8 = true;
            }
            return _utf8;
        }
        set
        {
            if (!Utf8Validation.IsValid(value.Span))
            {
                throw new ArgumentException("The text is not valid UTF-8.", nameof(value));
            }
            SetValidUtf8(value);
        }
    }

    /// <summary>Replaces the text with bytes the caller knows to be valid UTF-8 (a slice of the current text at character boundaries).</summary>
    internal void SetValidUtf8(ReadOnlyMemory<byte> utf8Text)
    {
        _utf8 = utf8Text;
        _hasUtf8 = true;
        _text = null;
        _utf8Length = -1;
        _textVersion++;
    }

    /// <summary>Changes every time the text is replaced, so a per-thread cache of the decoded text (<see cref="DocumentChars"/>)
    /// can tell a new text of the same document from the one it holds.</summary>
    internal int TextVersion => _textVersion;

    /// <summary>The text as a string when the document already holds one (made in code, or decoded or replaced by a stage).</summary>
    internal string? TextIfString => _text;

    /// <summary>Gives the text as UTF-8 when the document already holds it in that form (read from input, or set as bytes), without converting.</summary>
    public bool TryGetUtf8Text(out ReadOnlyMemory<byte> utf8Text)
    {
        utf8Text = _utf8;
        return _hasUtf8;
    }

    /// <summary>Length of <see cref="Text"/> in UTF-8 bytes, computed once per text (every stage counts bytes in and out).</summary>
    public int Utf8Length => _hasUtf8 ? _utf8.Length : _utf8Length >= 0 ? _utf8Length : _utf8Length = Encoding.UTF8.GetByteCount(_text!);

    /// <summary>Input fields other than id and text, and values stages add. Written back out with the document.</summary>
    public DocumentMetadata Metadata { get; }

    /// <summary>Where the document came from; <see cref="DocumentSource.None"/> for documents made in code.</summary>
    public DocumentSource Source { get; init; } = DocumentSource.None;
}
