using System.Text.Json;
using System.Text.Unicode;
using DataPrep.Documents;

namespace DataPrep.IO.Readers;

/// <summary>
/// Reads JSON Lines (plain, <c>.gz</c> or <c>.zst</c>). The text and id fields are taken by name; every
/// other field becomes metadata (nested objects and arrays are kept as raw JSON and written back unchanged).
/// Blank lines are skipped; every other line becomes a document or an <c>input.*</c> rejection.
/// </summary>
public sealed class JsonlDocumentReader : IDocumentReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 };

    /// <inheritdoc />
    public IEnumerable<Document> Read(InputFile file, InputContext context, CancellationToken cancellationToken)
    {
        Utf8LineReader lines;
        try
        {
            lines = new Utf8LineReader(CompressedStreams.OpenRead(file.Path), context.Options.MaxDocumentBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.ReportBadRecord(InputReasons.Unreadable, file, 0, e.GetType().Name);
            yield break;
        }
        using (lines)
        {
            var records = 0L;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Document? document = null;
                bool more;
                try
                {
                    more = lines.TryReadLine(out var line, out var skipped);
                    if (more)
                    {
                        if (skipped > 0)
                        {
                            records++;
                            context.ReportBadRecord(InputReasons.TooLarge, file, lines.LineNumber,
                                $"{skipped} bytes > maxDocumentBytes {context.Options.MaxDocumentBytes}");
                        }
                        else if (!IsBlank(line))
                        {
                            records++;
                            document = Parse(line, file, lines.LineNumber, context);
                        }
                    }
                }
                catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or ZstdSharp.ZstdException)
                {
                    records++;
                    context.ReportBadRecord(InputReasons.Truncated, file, lines.LineNumber + 1, $"{e.GetType().Name} after {lines.BytesRead} bytes");
                    yield break;
                }
                if (!more)
                {
                    break;
                }
                if (document is not null)
                {
                    context.CountDocument(document);
                    yield return document;
                }
            }
            if (records == 0)
            {
                context.ReportBadRecord(InputReasons.EmptyFile, file, 0, "no records");
            }
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;

    /// <summary>Parses one JSONL line into a document, or reports why it cannot be one and returns null.</summary>
    internal static Document? Parse(ReadOnlySpan<byte> line, InputFile file, long lineNumber, InputContext context)
    {
        // UTF-8 is checked where it is decoded (GetString) and for nested values kept raw, not in a separate pass:
        // invalid bytes outside strings are malformed JSON anyway.
        var options = context.Options;
        string? text = null;
        string? id = null;
        var textKind = JsonTokenType.None;
        var metadata = new DocumentMetadata();
        var reader = new Utf8JsonReader(line, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                context.ReportBadRecord(InputReasons.MalformedJson, file, lineNumber, "not a JSON object");
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isText = reader.ValueTextEquals(options.TextField);
                var isId = !isText && reader.ValueTextEquals(options.IdField);
                var name = isText || isId ? null : reader.GetString()!;
                reader.Read();
                if (isText)
                {
                    textKind = reader.TokenType;
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        text = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (isId)
                {
                    id = reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString(),
                        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                        _ => SkipAndNull(ref reader),
                    };
                }
                else
                {
                    metadata.Set(name!, ReadValue(ref reader, line));
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                context.ReportBadRecord(InputReasons.MalformedJson, file, lineNumber, $"unexpected content at byte {reader.TokenStartIndex}");
                return null;
            }
        }
        catch (JsonException e)
        {
            context.ReportBadRecord(InputReasons.MalformedJson, file, lineNumber, $"byte {e.BytePositionInLine}: {ShortMessage(e)}");
            return null;
        }
        catch (InvalidUtf8Exception)
        {
            context.ReportBadRecord(InputReasons.InvalidUtf8, file, lineNumber, $"invalid UTF-8 at byte {FirstInvalidByte(line)}");
            return null;
        }
        catch (InvalidOperationException) when (!Utf8.IsValid(line))
        {
            // GetString refuses strings that are not UTF-8.
            context.ReportBadRecord(InputReasons.InvalidUtf8, file, lineNumber, $"invalid UTF-8 at byte {FirstInvalidByte(line)}");
            return null;
        }
        if (text is null)
        {
            var reason = textKind is JsonTokenType.None or JsonTokenType.Null ? InputReasons.MissingText : InputReasons.TextNotString;
            context.ReportBadRecord(reason, file, lineNumber, $"field '{options.TextField}' is {(textKind == JsonTokenType.None ? "absent" : textKind.ToString())}");
            return null;
        }
        return new Document(id ?? $"{file.DisplayPath}:{lineNumber}", text, metadata)
        {
            Source = new DocumentSource(file.DisplayPath, file.Ordinal, lineNumber),
        };
    }

    private sealed class InvalidUtf8Exception : Exception;

    private static string? SkipAndNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private static object? ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var l))
                {
                    return l;
                }
                return reader.GetDouble();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            default:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                var raw = line[start..end];
                if (!Utf8.IsValid(raw))
                {
                    throw new InvalidUtf8Exception();
                }
                return new RawJson(raw.ToArray());
        }
    }

    // JsonException messages can quote the offending token; keep only the part before the quote so no text leaks.
    private static string ShortMessage(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        var quote = message.IndexOf('\'');
        if (quote < 0)
        {
            return message;
        }
        var before = message[..quote].TrimEnd();
        return before.Length > 0 ? before : "invalid token";
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Byte offset of the first invalid UTF-8 sequence (only called on the rare bad line).</summary>
    internal static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return -1;
        }
        catch (System.Text.DecoderFallbackException e)
        {
            return e.Index;
        }
    }
}
