using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DataPrep.Documents;

namespace DataPrep.IO.Writers;

/// <summary>Metadata values through <see cref="Utf8JsonWriter"/> (Parquet extras, stats); the line writers use <see cref="JsonLineWriter"/>.</summary>
internal static class DocumentJson
{
    /// <summary>Writer options: relaxed escaping keeps Korean readable and files small.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

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
