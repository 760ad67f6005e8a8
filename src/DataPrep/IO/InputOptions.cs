using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.IO;

/// <summary>The <c>input:</c> section: which files to read and how.</summary>
public sealed record InputOptions : IValidatableOptions
{
    /// <summary>Files, folders (searched recursively) or globs. <c>--input</c> replaces them.</summary>
    [Description("Files, folders (searched recursively) or globs (*, **, ?); a single string or a list. --input replaces it.")]
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>File format; <c>auto</c> decides by extension. Default auto.</summary>
    [Description("auto (by extension: .parquet, .txt/.md, else JSONL), jsonl, parquet or text (one document per file).")]
    public InputFormat Format { get; init; } = InputFormat.Auto;

    /// <summary>Field (or Parquet column) holding the text. Default <c>text</c>.</summary>
    [Description("Field or Parquet column holding the document text.")]
    public string TextField { get; init; } = "text";

    /// <summary>Field holding the id; when a record has none, the id is <c>file:line</c>. Default <c>id</c>.</summary>
    [Description("Field holding the document id; records without it get 'file:line'.")]
    public string IdField { get; init; } = "id";

    /// <summary>Largest line (JSONL) or file (text) read as a document; larger ones are skipped and reported as
    /// <c>input.too_large</c>. Default 32 MiB.</summary>
    [Description("Largest JSONL line or text file accepted, in bytes; larger records are skipped as input.too_large without being held in memory.")]
    public int MaxDocumentBytes { get; init; } = 32 * 1024 * 1024;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (string.IsNullOrWhiteSpace(TextField))
        {
            yield return new OptionProblem("textField", "must not be empty.");
        }
        if (string.IsNullOrWhiteSpace(IdField))
        {
            yield return new OptionProblem("idField", "must not be empty.");
        }
        if (MaxDocumentBytes < 1024)
        {
            yield return new OptionProblem("maxDocumentBytes", $"must be at least 1024 (got {MaxDocumentBytes}).");
        }
    }
}
