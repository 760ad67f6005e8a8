using DataPrep.Documents;
using DataPrep.Text;

namespace DataPrep.IO.Readers;

/// <summary>Reads a plain-text file as one document whose id is the file's path.</summary>
internal sealed class TextDocumentReader : IDocumentReader
{
    /// <inheritdoc />
    public IEnumerable<Document> Read(InputFile file, InputContext context, CancellationToken cancellationToken)
    {
        var document = ReadOne(file, context);
        if (document is not null)
        {
            context.CountDocument(document);
            yield return document;
        }
    }

    private static Document? ReadOne(InputFile file, InputContext context)
    {
        byte[] bytes;
        try
        {
            using var stream = CompressedStreams.OpenRead(file.Path);
            using var memory = new MemoryStream();
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                if (memory.Length + read > context.Options.MaxDocumentBytes)
                {
                    context.ReportBadRecord(InputReasons.TooLarge, file, 1, $"more than maxDocumentBytes {context.Options.MaxDocumentBytes}");
                    return null;
                }
                memory.Write(buffer, 0, read);
            }
            bytes = memory.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ZstdSharp.ZstdException)
        {
            context.ReportBadRecord(InputReasons.Truncated, file, 1, e.GetType().Name);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.ReportBadRecord(InputReasons.Unreadable, file, 0, e.GetType().Name);
            return null;
        }
        var span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }
        if (!Utf8Validation.IsValid(span))
        {
            context.ReportBadRecord(InputReasons.InvalidUtf8, file, 1, $"invalid UTF-8 at byte {JsonlDocumentReader.FirstInvalidByte(span)}");
            return null;
        }
        if (span.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            context.ReportBadRecord(InputReasons.EmptyFile, file, 0, "no text");
            return null;
        }
        return new Document(file.DisplayPath, System.Text.Encoding.UTF8.GetString(span))
        {
            Source = new DocumentSource(file.DisplayPath, file.Ordinal, 1),
        };
    }
}
