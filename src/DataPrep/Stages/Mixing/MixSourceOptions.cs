using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Mixing;

/// <summary>One named source of a mix (an item of <c>mix.sources</c>).</summary>
internal sealed record MixSourceOptions : IValidatableOptions
{
    /// <summary>Name of the source: a key of <c>mix.targets</c> when targets are by source, and the name in mix.json.</summary>
    [Description("Name of the source (a key of mix.targets when targetsBy: source).")]
    public string Name { get; init; } = "";

    /// <summary>Files, folders or globs (JSONL plain/.gz/.zst, Parquet, text), resolved against the current folder.</summary>
    [Description("Files, folders or globs of this source (JSONL, Parquet, text).")]
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>Language of every document of the source (<c>ko</c>, <c>en</c>, <c>other</c>), or <c>auto</c> (default):
    /// the document's <c>language</c> field when present, else the script of its letters (see <see cref="MixLanguages"/>).</summary>
    [Description("ko, en or other for every document, or auto: the document's 'language' field, else Hangul/Latin share of letters >= 50%.")]
    public string Language { get; init; } = MixLanguages.Auto;

    /// <summary>Most passes over this source (upsampling cap); default: <c>mix.maxEpochs</c>.</summary>
    [Description("Most passes over this source (upsampling cap); default mix.maxEpochs.")]
    public double? MaxEpochs { get; init; }

    /// <summary>Field holding the text. Default <c>text</c>.</summary>
    [Description("Field or Parquet column holding the text.")]
    public string TextField { get; init; } = "text";

    /// <summary>Field holding the id (string or number); records without one get <c>file:line</c>. Default <c>id</c>.</summary>
    [Description("Field holding the id; records without one get file:line.")]
    public string IdField { get; init; } = "id";

    /// <summary>Metadata field with a token count already written by the <c>Tokenize</c> stage with the mix's tokenizer
    /// (usually <c>tokens</c>); when a document has it the count is used instead of encoding the text. Default none.</summary>
    [Description("Field with a token count written by Tokenize with the same tokenizer (e.g. tokens): used instead of encoding the text. Megatron output still encodes.")]
    public string? TokenCountField { get; init; }

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return new OptionProblem("name", "every source needs a name (e.g. name: ko-wiki).");
        }
        if (Path.Count == 0)
        {
            yield return new OptionProblem("path", "every source needs a path: a file, a folder or a glob.");
        }
        if (MaxEpochs is <= 0)
        {
            yield return new OptionProblem("maxEpochs", $"maxEpochs must be above 0 (got {MaxEpochs}).");
        }
        if (string.IsNullOrWhiteSpace(TextField))
        {
            yield return new OptionProblem("textField", "textField must not be empty.");
        }
    }
}
