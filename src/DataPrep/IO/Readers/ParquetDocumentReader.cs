using DataPrep.Documents;
using Parquet;
using Parquet.Schema;

namespace DataPrep.IO.Readers;

/// <summary>
/// Reads Parquet files one row group at a time. The text column is found by name (case-insensitive);
/// a file without it is one <c>input.missing_column</c> record. Flat columns of strings, integers,
/// floating-point numbers, booleans, timestamps (ISO 8601) and binary (base64) become metadata; nested,
/// list and other column types are not read (their names are logged once per file).
/// </summary>
internal sealed class ParquetDocumentReader : IDocumentReader
{
    /// <inheritdoc />
    public IEnumerable<Document> Read(InputFile file, InputContext context, CancellationToken cancellationToken)
    {
        ParquetReader? reader = null;
        FileStream? stream = null;
        string? failure = null;
        var empty = File.Exists(file.Path) && new FileInfo(file.Path).Length == 0;
        try
        {
            stream = File.OpenRead(file.Path);
            reader = ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException
            or Parquet.ParquetException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            failure = e.GetType().Name;
        }
        if (reader is null)
        {
            stream?.Dispose();
            context.ReportBadRecord(empty ? InputReasons.EmptyFile : InputReasons.Unreadable, file, 0,
                $"not readable as Parquet ({failure})");
            yield break;
        }
        try
        {
            var fields = reader.Schema.GetDataFields();
            var options = context.Options;
            var textField = fields.FirstOrDefault(f => string.Equals(f.Name, options.TextField, StringComparison.OrdinalIgnoreCase));
            if (textField is null || !IsString(textField) || textField.IsArray)
            {
                context.ReportBadRecord(InputReasons.MissingColumn, file, 0,
                    $"no string column '{options.TextField}' among {fields.Length} columns ({string.Join(", ", fields.Select(f => f.Name).Take(20))})");
                yield break;
            }
            var idField = fields.FirstOrDefault(f => string.Equals(f.Name, options.IdField, StringComparison.OrdinalIgnoreCase) && !f.IsArray);
            var metadataFields = fields.Where(f => f != textField && f != idField && !f.IsArray && f.Path.ToList().Count == 1 && IsSupported(f)).ToList();
            var skipped = fields.Where(f => f != textField && f != idField && !metadataFields.Contains(f)).Select(f => f.Name).ToList();
            if (skipped.Count > 0)
            {
                context.Stage.Log.Information("Parquet columns not carried as metadata in {File}: {Columns}", file.DisplayPath, skipped);
            }
            var row = 0L;
            if (reader.RowGroupCount == 0)
            {
                context.ReportBadRecord(InputReasons.EmptyFile, file, 0, "no row groups");
                yield break;
            }
            for (var group = 0; group < reader.RowGroupCount; group++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var rowGroup = reader.OpenRowGroupReader(group);
                var count = checked((int)rowGroup.RowCount);
                var texts = new string?[count];
                rowGroup.ReadAsync(textField, texts.AsMemory(), null, cancellationToken).GetAwaiter().GetResult();
                var ids = idField is null ? null : ReadColumn(rowGroup, idField, count, cancellationToken);
                var columns = metadataFields.Select(f => (f.Name, Values: ReadColumn(rowGroup, f, count, cancellationToken))).ToList();
                for (var i = 0; i < count; i++)
                {
                    row++;
                    var text = texts[i];
                    var id = ids?[i] switch
                    {
                        null => null,
                        string s => s,
                        var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)!,
                    };
                    if (text is null)
                    {
                        context.ReportBadRecord(InputReasons.MissingText, file, row, $"column '{textField.Name}' is null", id);
                        continue;
                    }
                    var metadata = new DocumentMetadata();
                    foreach (var (name, values) in columns)
                    {
                        metadata.Set(name, values[i]);
                    }
                    var document = new Document(id ?? $"{file.DisplayPath}:{row}", text, metadata) { Source = new DocumentSource(file.DisplayPath, file.Ordinal, row) };
                    context.CountDocument(document);
                    yield return document;
                }
            }
            if (row == 0)
            {
                context.ReportBadRecord(InputReasons.EmptyFile, file, 0, "no rows");
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            stream!.Dispose();
        }
    }

    // Parquet.Net 6 reports UTF-8 columns as ReadOnlyMemory<char>; they read into string arrays.
    private static bool IsString(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    // Reads one flat column as metadata values (string, long, double, bool, null).
    private static object?[] ReadColumn(ParquetRowGroupReader rowGroup, DataField field, int count, CancellationToken ct)
    {
        var type = field.ClrType;
        if (IsString(field))
        {
            var values = new string?[count];
            rowGroup.ReadAsync(field, values.AsMemory(), null, ct).GetAwaiter().GetResult();
            return values;
        }
        if (type == typeof(long))
        {
            return Read<long>(rowGroup, field, count, v => v, ct);
        }
        if (type == typeof(int))
        {
            return Read<int>(rowGroup, field, count, v => (long)v, ct);
        }
        if (type == typeof(short))
        {
            return Read<short>(rowGroup, field, count, v => (long)v, ct);
        }
        if (type == typeof(double))
        {
            return Read<double>(rowGroup, field, count, v => v, ct);
        }
        if (type == typeof(float))
        {
            return Read<float>(rowGroup, field, count, v => (double)v, ct);
        }
        if (type == typeof(bool))
        {
            return Read<bool>(rowGroup, field, count, v => v, ct);
        }
        if (type == typeof(DateTime))
        {
            return Read<DateTime>(rowGroup, field, count, v => v.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ct);
        }
        if (type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>))
        {
            var values = new byte[]?[count];
            rowGroup.ReadAsync(field, values.AsMemory(), null, ct).GetAwaiter().GetResult();
            return values.Select(v => v is null ? null : (object)Convert.ToBase64String(v)).ToArray();
        }
        throw new NotSupportedException($"column type {type.Name}");
    }

    private static bool IsSupported(DataField field) =>
        IsString(field) || field.ClrType == typeof(long) || field.ClrType == typeof(int) || field.ClrType == typeof(short)
        || field.ClrType == typeof(double) || field.ClrType == typeof(float) || field.ClrType == typeof(bool)
        || field.ClrType == typeof(DateTime) || field.ClrType == typeof(byte[]) || field.ClrType == typeof(ReadOnlyMemory<byte>);

    private static object?[] Read<T>(ParquetRowGroupReader rowGroup, DataField field, int count, Func<T, object> convert, CancellationToken ct)
        where T : struct
    {
        var result = new object?[count];
        if (field.IsNullable)
        {
            var values = new T?[count];
            rowGroup.ReadAsync(field, values.AsMemory(), null, ct).GetAwaiter().GetResult();
            for (var i = 0; i < count; i++)
            {
                result[i] = values[i] is { } v ? convert(v) : null;
            }
        }
        else
        {
            var values = new T[count];
            rowGroup.ReadAsync(field, values.AsMemory(), null, ct).GetAwaiter().GetResult();
            for (var i = 0; i < count; i++)
            {
                result[i] = convert(values[i]);
            }
        }
        return result;
    }
}
