using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Tokenization;

/// <summary>Options of <see cref="IndexedDatasetWriter"/> (config name <c>IndexedDataset</c>).</summary>
public sealed record IndexedDatasetOptions : IValidatableOptions
{
    /// <summary>Tokenizer: encoding name or path, as for <see cref="TokenizeOptions.Tokenizer"/>. Default <c>o200k_base</c>.</summary>
    [Description("Encoding name (r50k_base, gpt2, cl100k_base, o200k_base) or path to a SentencePiece .model, a tokenizer.json, or a folder holding one.")]
    public string Tokenizer { get; init; } = "o200k_base";

    /// <summary>Path prefix of the dataset (<c>PREFIX.bin</c>, <c>PREFIX.idx</c>), relative to the run's output folder
    /// unless absolute; with several shards, <c>_rank-00003</c> is appended per shard. Default <c>megatron/corpus</c>.</summary>
    [Description("Path prefix of the .bin/.idx pair (relative to the run's output folder); '_rank-NNNNN' is appended when the run has several shards.")]
    public string OutputPrefix { get; init; } = "megatron/corpus";

    /// <summary>Append the end-of-document token after each document (Megatron's <c>--append-eod</c>). Default true.</summary>
    [Description("Append the end-of-document token after every document (Megatron's --append-eod).")]
    public bool AppendEndOfDocument { get; init; } = true;

    /// <summary>Id of the end-of-document token; default: the tokenizer's own (<c>&lt;|endoftext|&gt;</c>, <c>&lt;/s&gt;</c>, <c>&lt;|end_of_text|&gt;</c>).</summary>
    [Description("Id of the end-of-document token; default is the tokenizer's own (<|endoftext|>, </s>, <|end_of_text|>).")]
    public int? EndOfDocumentId { get; init; }

    /// <summary>Documents tokenized in parallel between two ordered writes. Default 256.</summary>
    [Description("Documents tokenized in parallel (all cores) between two ordered writes.")]
    public int BatchSize { get; init; } = 256;

    /// <summary>Metadata field that receives the token count (without the EOD token). Default <c>tokens</c>.</summary>
    [Description("Metadata field that receives the per-document token count (without the end-of-document token).")]
    public string MetadataKey { get; init; } = Documents.MetadataKeys.Tokens;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (string.IsNullOrWhiteSpace(Tokenizer))
        {
            yield return new OptionProblem("tokenizer", "tokenizer must name an encoding or a tokenizer file (e.g. o200k_base).");
        }
        if (string.IsNullOrWhiteSpace(OutputPrefix))
        {
            yield return new OptionProblem("outputPrefix", "outputPrefix must not be empty: the path prefix of the .bin/.idx files (e.g. out/megatron/corpus).");
        }
        if (BatchSize < 1)
        {
            yield return new OptionProblem("batchSize", $"batchSize must be at least 1 (got {BatchSize}).");
        }
        if (EndOfDocumentId is < 0)
        {
            yield return new OptionProblem("endOfDocumentId", $"endOfDocumentId must not be negative (got {EndOfDocumentId}).");
        }
        if (string.IsNullOrWhiteSpace(MetadataKey))
        {
            yield return new OptionProblem("metadataKey", "metadataKey must not be empty.");
        }
    }
}
