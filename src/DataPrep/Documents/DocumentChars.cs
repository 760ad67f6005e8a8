using System.Text;

namespace DataPrep.Documents;

/// <summary>
/// A document's text as UTF-16 characters without making a string of it: read straight from the string when the
/// document holds one, otherwise decoded from its UTF-8 into a buffer of the calling thread, once per document and text.
/// </summary>
/// <remarks>
/// Every quality rule and the PII scan read characters, but the text arrives as UTF-8. Decoding it into a new string
/// per document allocated twice the input's size on the heap (page faults, zeroing and collections); one reused buffer
/// per thread holds the current document instead. The characters are valid until the same thread decodes another
/// document, so callers use them at once and keep none of them; a cache built on them keys on the returned memory, the
/// document and its <see cref="Document.TextVersion"/> (see <c>DocumentAnalysis.Of</c>).
/// </remarks>
internal static class DocumentChars
{
    // Longer texts are decoded into an array of their own, so one huge document does not pin its size to the thread.
    private const int MaxReusedChars = 1 << 20;

    [ThreadStatic]
    private static char[]? t_buffer;

    [ThreadStatic]
    private static Document? t_document;

    [ThreadStatic]
    private static int t_version;

    [ThreadStatic]
    private static ReadOnlyMemory<char> t_chars;

    /// <summary>The characters of <paramref name="document"/>'s text (see the remarks for how long they stay valid).</summary>
    public static ReadOnlyMemory<char> Of(Document document)
    {
        if (document.TextIfString is { } text)
        {
            return text.AsMemory();
        }
        if (ReferenceEquals(t_document, document) && t_version == document.TextVersion)
        {
            return t_chars;
        }
        document.TryGetUtf8Text(out var utf8);
        var bytes = utf8.Span;
        // A UTF-8 text never has more UTF-16 characters than bytes.
        char[] buffer;
        if (bytes.Length > MaxReusedChars)
        {
            buffer = new char[bytes.Length];
        }
        else
        {
            buffer = t_buffer is { } reused && reused.Length >= bytes.Length ? reused : t_buffer = new char[Math.Max(bytes.Length, 4096)];
        }
        var length = Encoding.UTF8.GetChars(bytes, buffer);
        t_document = document;
        t_version = document.TextVersion;
        t_chars = buffer.AsMemory(0, length);
        return t_chars;
    }
}
