using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DataPrep.Documents;

namespace DataPrep.IO.Writers;

/// <summary>Writes documents and metadata values as JSON; Hangul and other non-ASCII text is written as is, not escaped.</summary>
public static class DocumentJson
{
    /// <summary>Writer options: relaxed escaping keeps Korean readable and files small.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Writes <c>{id, text, ...metadata}</c>.</summary>
    public static void Write(Utf8JsonWriter writer, Document document, string idField, string textField)
    {
        writer.WriteStartObject();
        writer.WriteString(idField, document.Id);
        writer.WriteString(textField, document.Text);
        WriteMetadata(writer, document.Metadata, idField, textField);
        writer.WriteEndObject();
    }

    /// <summary>Writes each metadata field as a property (skipping names that clash with id or text).</summary>
    public static void WriteMetadata(Utf8JsonWriter writer, DocumentMetadata metadata, string? idField = null, string? textField = null)
    {
        foreach (var (key, value) in metadata)
        {
            if (key == idField || key == textField)
            {
                continue;
            }
            writer.WritePropertyName(key);
            WriteValue(writer, value);
        }
    }

    /// <summary>Writes one metadata value.</summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case double d:
                writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case RawJson raw:
                writer.WriteRawValue(raw.Utf8Json.Span, skipInputValidation: true);
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
