using System.Text.Json;
using DataPrep.Documents;
using DataPrep.Text;

namespace DataPrep.IO.Readers;

/// <summary>
/// Reads JSON Lines (plain, <c>.gz</c> or <c>.zst</c>). The text and id fields are taken by name; every
/// other field becomes metadata (nested objects and arrays are kept as raw JSON and written back unchanged).
/// Blank lines are skipped; every other line becomes a document or an <c>input.*</c> rejection.
/// </summary>
internal sealed class JsonlDocumentReader : IDocumentReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 };

    private const int LinesPerBatch = 256;
    private const int BytesPerBatch = 1 << 20;

    /// <inheritdoc />
    public IEnumerable<Document> Read(InputFile file, InputContext context, CancellationToken cancellationToken)
    {
        foreach (var batch in ReadBatches(file, context, LinesPerBatch, BytesPerBatch, cancellationToken))
        {
            foreach (var document in batch.Open())
            {
                yield return document;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// This thread decompresses and splits lines; too-large lines, a truncated file and an empty file are reported
    /// here, in order. Parsing (and reporting malformed lines) happens in <see cref="RecordBatch.Open(Pipeline.IRejectionSink?)"/>.
    /// </remarks>
    public IEnumerable<RecordBatch> ReadBatches(InputFile file, InputContext context, int maxRecords, int maxBytes, CancellationToken cancellationToken) =>
        ReadBatches(file, context, maxRecords, maxBytes, from: null, cancellationToken);

    /// <summary>Like <see cref="ReadBatches(InputFile, InputContext, int, int, CancellationToken)"/>, starting after
    /// <paramref name="from"/> (a position an earlier read of the same file gave in <see cref="RecordBatch.ResumeAfter"/>)
    /// when given. Every batch that ends before the end of the file says where reading can resume after it.</summary>
    public IEnumerable<RecordBatch> ReadBatches(InputFile file, InputContext context, int maxRecords, int maxBytes, InputPosition? from,
        CancellationToken cancellationToken)
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
            if (from is { } start)
            {
                lines.SkipTo(start.ByteOffset, start.Line);
                records = start.Records;
            }
            var batch = new JsonlLineBatch(file, context, maxRecords, Math.Min(maxBytes, 1 << 20) + (1 << 12));
            Exception? damage = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    if (!lines.TryReadLine(out var line, out var skipped))
                    {
                        break;
                    }
                    if (skipped > 0)
                    {
                        records++;
                        context.ReportBadRecord(InputReasons.TooLarge, file, lines.LineNumber,
                            $"{skipped} bytes > maxDocumentBytes {context.Options.MaxDocumentBytes}");
                    }
                    else if (!IsBlank(line))
                    {
                        records++;
                        batch.Add(line, lines.LineNumber);
                    }
                }
                catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or ZstdSharp.ZstdException)
                {
                    damage = e;
                    break;
                }
                if (batch.IsFull || batch.Bytes >= maxBytes)
                {
                    batch.ResumeAfter = new InputPosition(file.Ordinal, lines.BytesRead, lines.LineNumber, records);
                    yield return batch;
                    batch = new JsonlLineBatch(file, context, maxRecords, Math.Min(maxBytes, 1 << 20) + (1 << 12));
                }
            }
            if (batch.Count > 0)
            {
                yield return batch;
            }
            if (damage is not null)
            {
                records++;
                context.ReportBadRecord(InputReasons.Truncated, file, lines.LineNumber + 1, $"{damage.GetType().Name} after {lines.BytesRead} bytes");
                yield break;
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
        var source = new DocumentSource(file.DisplayPath, file.Ordinal, lineNumber);
        if (JsonlLineParser.TryParse(line, context.TextFieldUtf8, context.IdFieldUtf8, out var fastText, out var fastId, out var fastMetadata))
        {
            return Document.FromValidUtf8(fastId ?? source.ToString(), fastText, fastMetadata, source);
        }
        return ParseFull(line, file, lineNumber, context);
    }

    /// <summary>The full parser: every line the fast one declines, and every bad line, which it reports.</summary>
    internal static Document? ParseFull(ReadOnlySpan<byte> line, InputFile file, long lineNumber, InputContext context)
    {
        var source = new DocumentSource(file.DisplayPath, file.Ordinal, lineNumber);
        // UTF-8 is checked where it is decoded (GetString) and for nested values kept raw, not in a separate pass:
        // invalid bytes outside strings are malformed JSON anyway.
        var options = context.Options;
        ReadOnlyMemory<byte>? text = null;
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
                        // Kept as UTF-8 (unescaped, validated by CopyString): a string is made only if a stage asks for one.
                        var bytes = new byte[reader.ValueSpan.Length];
                        text = bytes.AsMemory(0, reader.CopyString(bytes));
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
        catch (InvalidOperationException) when (!Utf8Validation.IsValid(line))
        {
            // GetString refuses strings that are not UTF-8.
            context.ReportBadRecord(InputReasons.InvalidUtf8, file, lineNumber, $"invalid UTF-8 at byte {FirstInvalidByte(line)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // The bytes are UTF-8 but a \u escape is half of a surrogate pair: the string has no UTF-8 form.
            context.ReportBadRecord(InputReasons.InvalidUtf8, file, lineNumber, "unpaired surrogate in a \\u escape");
            return null;
        }
        if (text is null)
        {
            var reason = textKind is JsonTokenType.None or JsonTokenType.Null ? InputReasons.MissingText : InputReasons.TextNotString;
            // The line parsed, so its own id names it in rejected/; file:line only stands in for a line without one.
            context.ReportBadRecord(reason, file, lineNumber, $"field '{options.TextField}' is {(textKind == JsonTokenType.None ? "absent" : textKind.ToString())}", id);
            return null;
        }
        return Document.FromValidUtf8(id ?? source.ToString(), text.Value, metadata, source);
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
                return JsonlLineParser.ReadNumber(ref reader);
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
                if (!Utf8Validation.IsValid(raw))
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
