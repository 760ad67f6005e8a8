using DataPrep.Pipeline;

namespace DataPrep.IO;

/// <summary>
/// Why an input record could not become a document. Bad input is never an exception and never
/// dropped silently: each problem is a rejection of the <c>input</c> stage with file and line.
/// </summary>
public static class InputReasons
{
    /// <summary>The stage id under which input problems are counted.</summary>
    public const string StageId = "input";

    /// <summary>A JSONL line that is not a JSON object.</summary>
    public static readonly RejectionReason MalformedJson = new("input.malformed_json", "A JSONL line is not a valid JSON object.");

    /// <summary>Bytes that are not valid UTF-8.</summary>
    public static readonly RejectionReason InvalidUtf8 = new("input.invalid_utf8", "The record (line, file or Parquet value) is not valid UTF-8.");

    /// <summary>No text field in the record.</summary>
    public static readonly RejectionReason MissingText = new("input.missing_text", "The record has no text field (or it is null).");

    /// <summary>The text field is not a string.</summary>
    public static readonly RejectionReason TextNotString = new("input.text_not_string", "The text field is not a string (a number, list or object).");

    /// <summary>The record is larger than <c>input.maxDocumentBytes</c>.</summary>
    public static readonly RejectionReason TooLarge = new("input.too_large", "The line or file is larger than input.maxDocumentBytes; it was skipped without being held in memory.");

    /// <summary>A compressed file ends early.</summary>
    public static readonly RejectionReason Truncated = new("input.truncated", "The compressed file ends early or is corrupt; the records before the damage were read.");

    /// <summary>A file named <c>.gz</c> that does not start with the gzip magic bytes.</summary>
    public static readonly RejectionReason NotGzip = new("input.not_gzip", "The file is named .gz but is not gzip (its first bytes are not 1F 8B); it was not read.");

    /// <summary>A file named <c>.zst</c> that does not start with the zstd magic bytes.</summary>
    public static readonly RejectionReason NotZstd = new("input.not_zstd", "The file is named .zst but is not zstd (its first bytes are not 28 B5 2F FD); it was not read.");

    /// <summary>A file without any record.</summary>
    public static readonly RejectionReason EmptyFile = new("input.empty_file", "The file holds no records.");

    /// <summary>A Parquet file without the configured text column.</summary>
    public static readonly RejectionReason MissingColumn = new("input.missing_column", "The Parquet file has no column named like input.textField.");

    /// <summary>A file that cannot be read at all (not Parquet, unreadable).</summary>
    public static readonly RejectionReason Unreadable = new("input.unreadable", "The file cannot be opened or parsed in its format.");

    /// <summary>Every input reason.</summary>
    public static IReadOnlyList<RejectionReason> All { get; } =
        [MalformedJson, InvalidUtf8, MissingText, TextNotString, TooLarge, Truncated, NotGzip, NotZstd, EmptyFile, MissingColumn, Unreadable];
}
