using System.Text.Json;
using DataPrep.Documents;
using Parquet;
using Parquet.Schema;

namespace DataPrep.IO.Writers;

/// <summary>
/// Writes documents to Parquet files <c>{folder}/{stem}-{part:D5}.parquet</c>, one row group per
/// ~64 MiB of text. Columns: id, text, then one column per metadata field seen in the first row group
/// (typed string, long, double or bool when every value agrees, else string), and <c>metadata_json</c>
/// with any field that appears later, so no metadata is lost. All parts are renamed into place together by <see cref="CompleteAsync"/>.
/// </summary>
internal sealed class ParquetDocumentWriter : IDocumentWriter
{
    private const long RowGroupBytes = 64L << 20;
    private const int RowGroupRows = 100_000;
    private const string ExtraColumn = "metadata_json";
    private readonly string _folder;
    private readonly string _stem;
    private readonly long _maxFileBytes;
    private readonly string _idField;
    private readonly string _textField;
    private readonly List<Document> _pending = [];
    private readonly List<string> _files = [];
    private readonly List<AtomicFile> _closedParts = [];
    private long _pendingBytes;
    private AtomicFile? _file;
    private ParquetWriter? _writer;
    private ParquetSchema? _schema;
    private List<(string Name, Type Type, DataField Field)>? _columns;
    private long _fileBytes;
    private int _part;

    /// <summary>Creates a writer; no file is created until the first row group.</summary>
    public ParquetDocumentWriter(string folder, string stem, long maxFileBytes, string idField = "id", string textField = "text")
    {
        _folder = folder;
        _stem = stem;
        _maxFileBytes = maxFileBytes;
        _idField = idField;
        _textField = textField;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Files => _files;

    /// <inheritdoc />
    public async ValueTask WriteAsync(Document document, CancellationToken cancellationToken)
    {
        _pending.Add(document);
        _pendingBytes += document.Text.Length * 2L;
        if (_pendingBytes >= RowGroupBytes || _pending.Count >= RowGroupRows)
        {
            await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FlushRowGroupAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }
        if (_writer is null)
        {
            _columns ??= ChooseColumns(_pending);
            var fields = new List<Field> { new DataField<string>(_idField), new DataField<string>(_textField) };
            fields.AddRange(_columns.Select(c => (Field)c.Field));
            fields.Add(new DataField<string>(ExtraColumn, true));
            _schema = new ParquetSchema(fields);
            _file = new AtomicFile(Path.Combine(_folder, $"{_stem}-{_part:D5}.parquet"));
            _writer = await ParquetWriter.CreateAsync(_schema, _file.Stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        using (var group = _writer.CreateRowGroup())
        {
            var dataFields = _schema!.GetDataFields();
            await group.WriteAsync(dataFields[0], _pending.Select(d => d.Id).ToArray(), null).ConfigureAwait(false);
            await group.WriteAsync(dataFields[1], _pending.Select(d => d.Text).ToArray(), null).ConfigureAwait(false);
            foreach (var (name, type, field) in _columns!)
            {
                var values = _pending.Select(d => d.Metadata.TryGetValue(name, out var v) ? v : null).ToArray();
                await WriteColumnAsync(group, field, type, values, cancellationToken).ConfigureAwait(false);
            }
            var known = _columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var extra = _pending.Select(d => ExtraJson(d.Metadata, known)).ToArray();
            await group.WriteAsync(dataFields[^1], extra, null).ConfigureAwait(false);
        }
        _fileBytes += _pendingBytes;
        _pending.Clear();
        _pendingBytes = 0;
        if (_fileBytes >= _maxFileBytes)
        {
            await CommitPartAsync().ConfigureAwait(false);
        }
    }

    private static async Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, Type type, object?[] values, CancellationToken ct)
    {
        if (type == typeof(long))
        {
            await group.WriteAsync(field, (ReadOnlyMemory<long?>)values.Select(v => v is long l ? l : (long?)null).ToArray(), null, null, ct).ConfigureAwait(false);
        }
        else if (type == typeof(double))
        {
            await group.WriteAsync(field, (ReadOnlyMemory<double?>)values.Select(v => v switch { double d => d, long l => l, _ => (double?)null }).ToArray(), null, null, ct).ConfigureAwait(false);
        }
        else if (type == typeof(bool))
        {
            await group.WriteAsync(field, (ReadOnlyMemory<bool?>)values.Select(v => v is bool b ? b : (bool?)null).ToArray(), null, null, ct).ConfigureAwait(false);
        }
        else
        {
            await group.WriteAsync(field, values.Select(AsString).ToArray(), null).ConfigureAwait(false);
        }
    }

    private static string? AsString(object? value) => value switch
    {
        null => null,
        string s => s,
        RawJson raw => raw.ToString(),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static List<(string, Type, DataField)> ChooseColumns(List<Document> documents)
    {
        var types = new Dictionary<string, Type?>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var document in documents)
        {
            foreach (var (key, value) in document.Metadata)
            {
                if (!types.TryGetValue(key, out var current))
                {
                    order.Add(key);
                    types[key] = null;
                }
                var type = value switch { null => null, long => typeof(long), double => typeof(double), bool => typeof(bool), _ => typeof(string) };
                if (type is null)
                {
                    continue;
                }
                types[key] = current is null || current == type ? type
                    : (current == typeof(long) && type == typeof(double)) || (current == typeof(double) && type == typeof(long)) ? typeof(double)
                    : typeof(string);
            }
        }
        return order.Select(name =>
        {
            var type = types[name] ?? typeof(string);
            DataField field = type == typeof(long) ? new DataField<long?>(name)
                : type == typeof(double) ? new DataField<double?>(name)
                : type == typeof(bool) ? new DataField<bool?>(name)
                : new DataField<string>(name, true);
            return (name, type, field);
        }).ToList();
    }

    private static string? ExtraJson(DocumentMetadata metadata, HashSet<string> known)
    {
        if (metadata.All(kv => known.Contains(kv.Key)))
        {
            return null;
        }
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, DocumentJson.WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in metadata)
            {
                if (!known.Contains(key))
                {
                    writer.WritePropertyName(key);
                    DocumentJson.WriteValue(writer, value);
                }
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private async Task CommitPartAsync()
    {
        if (_writer is null || _file is null)
        {
            return;
        }
        await _writer.DisposeAsync().ConfigureAwait(false);
        _file.Close();
        _closedParts.Add(_file);
        _writer = null;
        _file = null;
        _fileBytes = 0;
        _part++;
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        await CommitPartAsync().ConfigureAwait(false);
        foreach (var part in _closedParts)
        {
            part.Commit();
            _files.Add(part.FinalPath);
            part.Dispose();
        }
        _closedParts.Clear();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            try
            {
                await _writer.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The temporary file is deleted below.
            }
        }
        _file?.Dispose();
        foreach (var part in _closedParts)
        {
            part.Dispose();
        }
    }
}
