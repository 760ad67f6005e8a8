using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Unicode;
using DataPrep.Documents;

namespace DataPrep.IO.Writers;

/// <summary>
/// Appends JSON objects, one per line, to a byte buffer — the hot path of every writer. Strings are
/// escaped by searching (vectorised) for the few characters JSON requires escaping and transcoding the
/// runs between them in bulk; Hangul and every other non-ASCII character are written as UTF-8, not
/// <c>\uXXXX</c>. Several times faster than <see cref="System.Text.Json.Utf8JsonWriter"/> with a relaxed encoder on Korean text.
/// </summary>
internal sealed class JsonLineWriter
{
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private static readonly SearchValues<byte> NeedsEscapeUtf8 = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"u8 +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"u8);

    private readonly ArrayBufferWriter<byte> _buffer;
    private bool _first;

    /// <summary>Writes into <paramref name="buffer"/>.</summary>
    public JsonLineWriter(ArrayBufferWriter<byte> buffer) => _buffer = buffer;

    /// <summary>Bytes written and not yet taken.</summary>
    public int WrittenCount => _buffer.WrittenCount;

    /// <summary>Starts an object.</summary>
    public void StartObject()
    {
        Raw("{"u8);
        _first = true;
    }

    /// <summary>Ends the object and the line.</summary>
    public void EndLine() => Raw("}\n"u8);

    /// <summary>Writes <c>"name":"value"</c>.</summary>
    public void Property(string name, string value)
    {
        Name(name);
        String(value);
    }

    /// <summary>Writes <c>"name":"text"</c> from the document's UTF-8 bytes when it holds them (copied, escaped where JSON
    /// requires), otherwise from its string.</summary>
    public void TextProperty(string name, Document document)
    {
        Name(name);
        if (document.TryGetUtf8Text(out var utf8))
        {
            String(utf8.Span);
        }
        else
        {
            String(document.Text);
        }
    }

    /// <summary>Writes <c>"name":number</c>.</summary>
    public void Property(string name, long value)
    {
        Name(name);
        Number(value);
    }

    /// <summary>Writes <c>"name":</c> and a metadata value (string, number, bool, null or raw JSON).</summary>
    public void Property(string name, object? value)
    {
        Name(name);
        Value(value);
    }

    /// <summary>Writes every metadata field as a property, skipping the given names.</summary>
    public void Metadata(DocumentMetadata metadata, string? skip1 = null, string? skip2 = null)
    {
        foreach (var (key, value) in metadata.Entries)
        {
            if (key != skip1 && key != skip2)
            {
                Property(key, value);
            }
        }
    }

    /// <summary>Writes <c>"name":{</c> …: a nested object of metadata fields.</summary>
    public void MetadataObject(string name, DocumentMetadata metadata)
    {
        Name(name);
        Raw("{"u8);
        _first = true;
        Metadata(metadata);
        Raw("}"u8);
        _first = false;
    }

    private void Name(string name)
    {
        if (!_first)
        {
            Raw(","u8);
        }
        _first = false;
        Raw(EncodedName(name));
    }

    // Every line repeats the same few property names: each is escaped and encoded once per thread. Readers hand out the
    // same string instance for a name, so the reference test almost always settles it.
    [ThreadStatic]
    private static (string Name, byte[] Json)[]? t_names;

    [ThreadStatic]
    private static int t_nextName;

    private ReadOnlySpan<byte> EncodedName(string name)
    {
        var names = t_names ??= new (string, byte[])[32];
        foreach (var (known, json) in names)
        {
            if (known is null)
            {
                break;
            }
            if (ReferenceEquals(known, name) || string.Equals(known, name, StringComparison.Ordinal))
            {
                return json;
            }
        }
        var scratch = new ArrayBufferWriter<byte>(name.Length * 3 + 8);
        var writer = new JsonLineWriter(scratch);
        writer.String(name);
        writer.Raw(":"u8);
        var encoded = scratch.WrittenSpan.ToArray();
        names[t_nextName] = (name, encoded);
        t_nextName = (t_nextName + 1) % names.Length;
        return encoded;
    }

    private void Value(object? value)
    {
        switch (value)
        {
            case null:
                Raw("null"u8);
                break;
            case string s:
                String(s);
                break;
            case long l:
                Number(l);
                break;
            case double d when double.IsFinite(d):
                // Shortest round-trip form, and a double stays a double: 1.0 is written "1.0", not "1".
                var span = _buffer.GetSpan(32);
                d.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture);
                if (span[..written].IndexOfAny(".E"u8) < 0)
                {
                    ".0"u8.CopyTo(span[written..]);
                    written += 2;
                }
                _buffer.Advance(written);
                break;
            case double d:
                String(d.ToString(CultureInfo.InvariantCulture));
                break;
            case bool b:
                Raw(b ? "true"u8 : "false"u8);
                break;
            case RawJson raw:
                Raw(raw.Utf8Json.Span);
                break;
            case JsonEscapedString escaped:
                // A string from the input, copied as it came: its escapes are valid JSON already.
                Raw("\""u8);
                Raw(escaped.Escaped.Span);
                Raw("\""u8);
                break;
            default:
                String(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                break;
        }
    }

    private void Number(long value)
    {
        var span = _buffer.GetSpan(24);
        Utf8Formatter.TryFormat(value, span, out var written);
        _buffer.Advance(written);
    }

    /// <summary>Writes a quoted, escaped JSON string.</summary>
    public void String(ReadOnlySpan<char> value)
    {
        Raw("\""u8);
        while (!value.IsEmpty)
        {
            var stop = value.IndexOfAny(NeedsEscape);
            var run = stop < 0 ? value : value[..stop];
            if (!run.IsEmpty)
            {
                var target = _buffer.GetSpan(run.Length * 3);
                Utf8.FromUtf16(run, target, out _, out var written, replaceInvalidSequences: true);
                _buffer.Advance(written);
            }
            if (stop < 0)
            {
                break;
            }
            // Runs end only at ASCII characters, so surrogate pairs are never split; a lone surrogate becomes U+FFFD.
            Escape(value[stop]);
            value = value[(stop + 1)..];
        }
        Raw("\""u8);
    }

    /// <summary>Writes a quoted, escaped JSON string from valid UTF-8: runs without <c>"</c>, <c>\</c> or control bytes are copied as they are.</summary>
    public void String(ReadOnlySpan<byte> utf8)
    {
        Raw("\""u8);
        while (!utf8.IsEmpty)
        {
            var stop = utf8.IndexOfAny(NeedsEscapeUtf8);
            if (stop < 0)
            {
                Raw(utf8);
                break;
            }
            Raw(utf8[..stop]);
            // Every byte that needs escaping is ASCII, so it never sits inside a multi-byte sequence.
            Escape((char)utf8[stop]);
            utf8 = utf8[(stop + 1)..];
        }
        Raw("\""u8);
    }

    private void Escape(char c)
    {
        switch (c)
        {
            case '"': Raw("\\\""u8); break;
            case '\\': Raw("\\\\"u8); break;
            case '\n': Raw("\\n"u8); break;
            case '\r': Raw("\\r"u8); break;
            case '\t': Raw("\\t"u8); break;
            case '\b': Raw("\\b"u8); break;
            case '\f': Raw("\\f"u8); break;
            default:
                var span = _buffer.GetSpan(6);
                "\\u00"u8.CopyTo(span);
                span[4] = (byte)"0123456789abcdef"[c >> 4];
                span[5] = (byte)"0123456789abcdef"[c & 0xF];
                _buffer.Advance(6);
                break;
        }
    }

    private void Raw(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);
}
