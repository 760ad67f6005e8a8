using System.Text;
using System.Text.Json;

namespace DataPrep.Documents;

/// <summary>
/// A string metadata value as the JSONL reader found it: the UTF-8 between the quotes, escapes and all (already checked
/// to be valid). Most metadata (url, title, source) is only carried from input to output, so it is written back as
/// these bytes and decoded into a <see cref="string"/> only when something asks <see cref="DocumentMetadata"/> for it.
/// </summary>
internal sealed class JsonEscapedString(ReadOnlyMemory<byte> escaped)
{
    /// <summary>The JSON string's content without its quotes.</summary>
    public ReadOnlyMemory<byte> Escaped { get; } = escaped;

    public string Decode()
    {
        var span = Escaped.Span;
        if (span.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(span);
        }
        var quoted = new byte[span.Length + 2];
        quoted[0] = (byte)'"';
        span.CopyTo(quoted.AsSpan(1));
        quoted[^1] = (byte)'"';
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return reader.GetString()!;
    }

    public override string ToString() => Decode();
}
