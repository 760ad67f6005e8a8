using System.Text;

namespace DataPrep.Documents;

/// <summary>
/// A JSON value (object or array) from the input, kept as its UTF-8 bytes so it is written back
/// out exactly as it came in, without being parsed into objects.
/// </summary>
public sealed class RawJson
{
    /// <summary>Wraps UTF-8 JSON bytes; the caller must not change the array afterwards.</summary>
    public RawJson(byte[] utf8Json) => Utf8Json = utf8Json;

    /// <summary>The JSON text as UTF-8.</summary>
    public ReadOnlyMemory<byte> Utf8Json { get; }

    /// <summary>The JSON text.</summary>
    public override string ToString() => Encoding.UTF8.GetString(Utf8Json.Span);
}
