using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Tokenization;

/// <summary>Options of <see cref="TokenizeStage"/> (config name <c>Tokenize</c>).</summary>
public sealed record TokenizeOptions : IValidatableOptions
{
    /// <summary>Tokenizer: an encoding name (r50k_base, gpt2, cl100k_base, o200k_base) or a path to a SentencePiece
    /// <c>.model</c>, a <c>tokenizer.json</c> or a folder holding one. Default <c>o200k_base</c>.</summary>
    [Description("Encoding name (r50k_base, gpt2, cl100k_base, o200k_base) or path to a SentencePiece .model, a tokenizer.json, or a folder holding one.")]
    public string Tokenizer { get; init; } = "o200k_base";

    /// <summary>Metadata field that receives the token count. Default <c>tokens</c>.</summary>
    [Description("Metadata field that receives the per-document token count.")]
    public string MetadataKey { get; init; } = Documents.MetadataKeys.Tokens;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (string.IsNullOrWhiteSpace(Tokenizer))
        {
            yield return new OptionProblem("tokenizer", "tokenizer must name an encoding or a tokenizer file (e.g. o200k_base).");
        }
        if (string.IsNullOrWhiteSpace(MetadataKey))
        {
            yield return new OptionProblem("metadataKey", "metadataKey must not be empty.");
        }
    }
}
