using System.Buffers;
using System.Text.Json;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Writers;

namespace DataPrep.Execution;

/// <summary>
/// Documents handed from one pass to the next (zstd JSONL under <c>work/</c>), with their source kept so
/// that corpus-wide stages see the same global order in every pass.
/// </summary>
internal static class WorkFiles
{
    /// <summary>Writes documents to a work file atomically.</summary>
    public sealed class Writer : IDisposable
    {
        private readonly AtomicFile _file;
        private readonly Stream _stream;
        private readonly ArrayBufferWriter<byte> _buffer = new(1 << 17);
        private readonly JsonLineWriter _json;

        /// <summary>Creates the file under a temporary name.</summary>
        public Writer(string path)
        {
            _file = new AtomicFile(path);
            _stream = CompressedStreams.WrapForWrite(_file.Stream, OutputCompression.Zstd, System.IO.Compression.CompressionLevel.Fastest);
            _json = new JsonLineWriter(_buffer);
        }

        /// <summary>Writes one document.</summary>
        public void Write(Document document)
        {
            _json.StartObject();
            _json.Property("id", document.Id);
            _json.TextProperty("text", document);
            _json.Property("sp", document.Source.Path);
            _json.Property("so", (long)document.Source.FileOrdinal);
            _json.Property("sr", document.Source.Record);
            _json.MetadataObject("m", document.Metadata);
            _json.EndLine();
            if (_buffer.WrittenCount > 1 << 16)
            {
                _stream.Write(_buffer.WrittenSpan);
                _buffer.ResetWrittenCount();
            }
        }

        /// <summary>Flushes and renames into place.</summary>
        public void Complete()
        {
            _stream.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
            _stream.Dispose();
            _file.Commit();
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _file.Dispose();
        }
    }

    /// <summary>Reads a file written by <see cref="Writer"/>.</summary>
    /// <exception cref="FileNotFoundException">The previous pass did not complete for this shard.</exception>
    public static IEnumerable<Document> Read(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Work file '{path}' is missing: run the previous phase for this shard first.", path);
        }
        using var lines = new IO.Readers.Utf8LineReader(CompressedStreams.OpenRead(path), int.MaxValue - (1 << 20));
        while (lines.TryReadLine(out var line, out _))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (line.IsEmpty)
            {
                continue;
            }
            yield return Parse(line);
        }
    }

    private static Document Parse(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        string id = "", text = "", sourcePath = "";
        int ordinal = -1;
        long record = 0;
        var metadata = new DocumentMetadata();
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "id": id = reader.GetString()!; break;
                case "text": text = reader.GetString()!; break;
                case "sp": sourcePath = reader.GetString()!; break;
                case "so": ordinal = reader.GetInt32(); break;
                case "sr": record = reader.GetInt64(); break;
                case "m":
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var key = reader.GetString()!;
                        reader.Read();
                        metadata.Set(key, ReadValue(ref reader, line));
                    }
                    break;
                default: reader.Skip(); break;
            }
        }
        return new Document(id, text, metadata) { Source = new DocumentSource(sourcePath, ordinal, record) };
    }

    private static object? ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String: return reader.GetString();
            case JsonTokenType.Number: return reader.TryGetInt64(out var l) ? l : reader.GetDouble();
            case JsonTokenType.True: return true;
            case JsonTokenType.False: return false;
            case JsonTokenType.Null: return null;
            default:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return new RawJson(line[start..(int)reader.BytesConsumed].ToArray());
        }
    }
}
