using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using DataPrep.Documents;
using DataPrep.Text;

namespace DataPrep.IO.Readers;

/// <summary>
/// The fast path of <see cref="JsonlDocumentReader.Parse"/> for well-formed lines: scans the top-level object
/// itself (vectorised searches for quotes and backslashes, unescaping in one pass) instead of validating every
/// string byte by byte as <see cref="Utf8JsonReader"/> does once a string holds an escape. It only accepts what it
/// is sure of; anything unusual (an escaped property name, a bad escape, a control character, invalid UTF-8,
/// a missing or non-string text field, malformed JSON) makes it return false, and the full parser takes the line
/// and reports it exactly as before.
/// </summary>
internal static class JsonlLineParser
{
    private static readonly SearchValues<byte> StringStops = SearchValues.Create([
        (byte)'"', (byte)'\\', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    // One level less than the full parser allows: there the line's own object is the first level.
    private static readonly JsonReaderOptions ValueOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 255 };

    [ThreadStatic]
    private static byte[]? t_scratch;

    /// <summary>Parses a well-formed line; false sends it to the full parser.</summary>
    /// <remarks>The text and the string metadata values (kept escaped, see <see cref="JsonEscapedString"/>) share one
    /// array the size of the line: one allocation per document for all its strings.</remarks>
    public static bool TryParse(ReadOnlySpan<byte> line, ReadOnlySpan<byte> textField, ReadOnlySpan<byte> idField,
        out ReadOnlyMemory<byte> text, out string? id, out DocumentMetadata? metadata)
    {
        text = default;
        id = null;
        metadata = null;
        try
        {
            return TryParseObject(line, textField, idField, ref text, ref id, ref metadata);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private static bool TryParseObject(ReadOnlySpan<byte> line, ReadOnlySpan<byte> textField, ReadOnlySpan<byte> idField,
        ref ReadOnlyMemory<byte> text, ref string? id, ref DocumentMetadata? metadata)
    {
        var pos = SkipWhiteSpace(line, 0);
        if (pos >= line.Length || line[pos] != '{')
        {
            return false;
        }
        metadata = new DocumentMetadata();
        // The unescaped text is no longer than its JSON form, and the other strings are copied as they are: all fit.
        var strings = new byte[line.Length];
        var stored = 0;
        var hasText = false;
        pos = SkipWhiteSpace(line, pos + 1);
        while (true)
        {
            if (pos >= line.Length || line[pos] != '"')
            {
                return false;
            }
            var nameLength = line[(pos + 1)..].IndexOfAny(StringStops);
            if (nameLength < 0 || line[pos + 1 + nameLength] != '"')
            {
                return false;
            }
            var name = line.Slice(pos + 1, nameLength);
            pos = SkipWhiteSpace(line, pos + nameLength + 2);
            if (pos >= line.Length || line[pos] != ':')
            {
                return false;
            }
            pos = SkipWhiteSpace(line, pos + 1);
            if (pos >= line.Length)
            {
                return false;
            }
            var isText = name.SequenceEqual(textField);
            var isId = !isText && name.SequenceEqual(idField);
            if (line[pos] == '"')
            {
                var open = pos;
                if (!TryReadString(line, ref pos, isText ? strings.AsSpan(stored) : default, out var value))
                {
                    return false;
                }
                if (isText)
                {
                    // Text with escapes is already unescaped in place; text without is still a slice of the line.
                    if (!value.IsEmpty && !Unsafe.AreSame(ref MemoryMarshal.GetReference(value), ref strings[stored]))
                    {
                        value.CopyTo(strings.AsSpan(stored));
                    }
                    text = strings.AsMemory(stored, value.Length);
                    stored += value.Length;
                    hasText = true;
                }
                else if (isId)
                {
                    id = Encoding.UTF8.GetString(value);
                }
                else if (PropertyNames.TryGet(name, out var key))
                {
                    var escaped = line[(open + 1)..(pos - 1)];
                    escaped.CopyTo(strings.AsSpan(stored));
                    metadata.SetEscapedString(key, strings.AsMemory(stored, escaped.Length));
                    stored += escaped.Length;
                }
                else
                {
                    return false;
                }
            }
            else
            {
                string? key = null;
                if (isText || (!isId && !PropertyNames.TryGet(name, out key)))
                {
                    return false;
                }
                var reader = new Utf8JsonReader(line[pos..], ValueOptions);
                reader.Read();
                if (isId)
                {
                    if (reader.TokenType == JsonTokenType.Number)
                    {
                        id = Encoding.UTF8.GetString(reader.ValueSpan);
                    }
                    else
                    {
                        reader.Skip();
                        id = null;
                    }
                }
                else
                {
                    metadata.Set(key!, ReadValue(ref reader, line[pos..]));
                }
                pos += (int)reader.BytesConsumed;
            }
            pos = SkipWhiteSpace(line, pos);
            if (pos >= line.Length)
            {
                return false;
            }
            if (line[pos] == ',')
            {
                pos = SkipWhiteSpace(line, pos + 1);
                continue;
            }
            if (line[pos] != '}')
            {
                return false;
            }
            return hasText && SkipWhiteSpace(line, pos + 1) == line.Length;
        }
    }

    /// <summary>A number as metadata: a long when it is a 64-bit integer, the digits as raw JSON when it is a larger
    /// integer (a snowflake or hash id, which a double would round), else a double. Both parsers use it.</summary>
    internal static object ReadNumber(ref Utf8JsonReader reader) =>
        reader.TryGetInt64(out var l) ? l
        : reader.ValueSpan.IndexOfAny(".eE"u8) < 0 ? new RawJson(reader.ValueSpan.ToArray())
        : reader.GetDouble();

    // A value that is not a string, read as the full parser reads it (nested objects and arrays kept raw).
    private static object? ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> rest)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return ReadNumber(ref reader);
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                reader.Skip();
                var raw = rest[..(int)reader.BytesConsumed];
                if (!Utf8Validation.IsValid(raw))
                {
                    throw new InvalidOperationException("invalid UTF-8");
                }
                return new RawJson(raw.ToArray());
            default:
                throw new InvalidOperationException("unexpected token");
        }
    }

    /// <summary>Reads the string starting at the quote at <paramref name="pos"/>, unescaped and checked to be UTF-8.
    /// <paramref name="value"/> is the line itself when there is no escape, else a thread-local buffer valid until the next call.</summary>
    private static bool TryReadString(ReadOnlySpan<byte> line, ref int pos, out ReadOnlySpan<byte> value) =>
        TryReadString(line, ref pos, default, out value);

    /// <summary>As above, unescaping into <paramref name="destination"/> (at least as long as the string's JSON form) when
    /// the string has escapes, so the caller need not copy it again; an empty destination means the thread's scratch buffer.</summary>
    private static bool TryReadString(ReadOnlySpan<byte> line, ref int pos, Span<byte> destination, out ReadOnlySpan<byte> value)
    {
        value = default;
        var start = pos + 1;
        var stop = line[start..].IndexOfAny(StringStops);
        if (stop < 0)
        {
            return false;
        }
        if (line[start + stop] == '"')
        {
            value = line.Slice(start, stop);
            pos = start + stop + 1;
            return Utf8Validation.IsValid(value);
        }
        var scratch = destination;
        if (scratch.IsEmpty)
        {
            if (t_scratch is null || t_scratch.Length < line.Length - start)
            {
                t_scratch = new byte[Math.Max(line.Length - start, 1 << 16)];
            }
            scratch = t_scratch;
        }
        var length = 0;
        var at = start;
        while (true)
        {
            var run = line[at..].IndexOfAny(StringStops);
            if (run < 0)
            {
                return false;
            }
            line.Slice(at, run).CopyTo(scratch[length..]);
            length += run;
            at += run;
            var c = line[at];
            if (c == '"')
            {
                break;
            }
            if (c != '\\' || at + 1 >= line.Length)
            {
                return false;
            }
            switch (line[at + 1])
            {
                case (byte)'"': scratch[length++] = (byte)'"'; at += 2; break;
                case (byte)'\\': scratch[length++] = (byte)'\\'; at += 2; break;
                case (byte)'/': scratch[length++] = (byte)'/'; at += 2; break;
                case (byte)'b': scratch[length++] = 8; at += 2; break;
                case (byte)'f': scratch[length++] = 12; at += 2; break;
                case (byte)'n': scratch[length++] = 10; at += 2; break;
                case (byte)'r': scratch[length++] = 13; at += 2; break;
                case (byte)'t': scratch[length++] = 9; at += 2; break;
                case (byte)'u':
                    if (!TryReadHex(line, at + 2, out var unit))
                    {
                        return false;
                    }
                    at += 6;
                    int scalar = unit;
                    if (unit is >= 0xD800 and <= 0xDBFF)
                    {
                        if (at + 1 >= line.Length || line[at] != '\\' || line[at + 1] != 'u'
                            || !TryReadHex(line, at + 2, out var low) || low is < 0xDC00 or > 0xDFFF)
                        {
                            return false;
                        }
                        at += 6;
                        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    }
                    else if (unit is >= 0xDC00 and <= 0xDFFF)
                    {
                        return false;
                    }
                    length += new Rune(scalar).EncodeToUtf8(scratch[length..]);
                    break;
                default:
                    return false;
            }
        }
        value = scratch[..length];
        pos = at + 1;
        return Utf8Validation.IsValid(value);
    }

    private static bool TryReadHex(ReadOnlySpan<byte> line, int at, out int value)
    {
        value = 0;
        return at + 4 <= line.Length && Utf8Parser.TryParse(line.Slice(at, 4), out ushort unit, out var consumed, 'x') && consumed == 4
            && (value = unit) >= 0;
    }

    private static int SkipWhiteSpace(ReadOnlySpan<byte> line, int pos)
    {
        while (pos < line.Length && line[pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            pos++;
        }
        return pos;
    }
}
