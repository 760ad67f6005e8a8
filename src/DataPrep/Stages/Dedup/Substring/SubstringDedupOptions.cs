using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Dedup.Substring;

/// <summary>Options of <see cref="SubstringDedupStage"/> (config name <c>SubstringDedup</c>).</summary>
public sealed record SubstringDedupOptions : IValidatableOptions
{
    /// <summary>Shortest repeat removed, in UTF-8 bytes. Default 100: Lee et al. (2022) cut repeats of 50 tokens,
    /// about 100 bytes of Korean (2-2.5 bytes per token with o200k-class tokenizers) and 200 of English.</summary>
    [Description("Shortest repeated span removed, in UTF-8 bytes (Lee et al. 2022 use 50 tokens: about 100 bytes of Korean).")]
    public int MinSpanBytes { get; init; } = 100;

    /// <summary>What a repeat is counted in: <c>bytes</c> (UTF-8, default; <see cref="MinSpanBytes"/>) or <c>tokens</c>
    /// (ids of <see cref="Tokenizer"/>; <see cref="MinTokens"/>).</summary>
    [Description("What a repeat is counted in: bytes (UTF-8, minSpanBytes) or tokens (ids of tokenizer, minTokens).")]
    public SubstringUnit Unit { get; init; } = SubstringUnit.Bytes;

    /// <summary>Shortest repeat removed when <see cref="Unit"/> is <c>tokens</c>. Default 50, the k of Lee et al. (2022).</summary>
    [Description("Shortest repeated span removed when unit is tokens, in tokens (Lee et al. 2022 use 50).")]
    public int MinTokens { get; init; } = 50;

    /// <summary>Tokenizer whose ids are the unit when <see cref="Unit"/> is <c>tokens</c> (required then): an encoding name
    /// (o200k_base, cl100k_base, …) or a path to a byte-level BPE <c>tokenizer.json</c> (Llama 3, Qwen), as for
    /// <c>Tokenize</c>. Named here because dedup runs before the Tokenize stage in the paper's order.</summary>
    [Description("Tokenizer for unit tokens (required then): an encoding name (o200k_base, cl100k_base) or a path to a byte-level BPE tokenizer.json.")]
    public string? Tokenizer { get; init; }

    /// <summary>Keep the first occurrence of a repeated span (smallest global input order) and cut the others.
    /// Default true; false cuts every occurrence, as Lee et al.'s tool does.</summary>
    [Description("Keep the first occurrence (global input order) of a repeated span and cut the later ones; false cuts every occurrence.")]
    public bool KeepFirst { get; init; } = true;

    /// <summary>Where removed spans end: <c>words</c> (whitespace, whole eojeol; default) or <c>chars</c>.</summary>
    [Description("Where the ends of a removed span may fall: words (whitespace boundaries, whole eojeol) or chars (UTF-8 characters).")]
    public SpanBoundary Boundary { get; init; } = SpanBoundary.Words;

    /// <summary>A document left with fewer non-whitespace characters than this after removal is rejected. Default 100.</summary>
    [Description("A document left with fewer non-whitespace characters than this after removal is rejected.")]
    public int MinDocChars { get; init; } = 100;

    /// <summary>Memory the suffix-array blocks built at once by one reduce part may use, in MiB (about 9 bytes per text byte). Default 256.</summary>
    [Description("Memory the suffix-array blocks built at once by one reduce part may use, in MiB (about 9 bytes per byte of text); more text makes more blocks.")]
    public int MemoryBudgetMb { get; init; } = 256;

    /// <summary>Repeats are compared through 16-byte keys of 3-byte token codes: fewer tokens than this would not fill one.</summary>
    internal const int MinTokensAllowed = 8;

    /// <summary>Length of a repeat window in the units of the text the suffix arrays are built over.</summary>
    internal int WindowBytes => Unit == SubstringUnit.Tokens ? MinTokens * TokenCodes.BytesPerToken : MinSpanBytes;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (MinSpanBytes < 16)
        {
            yield return new OptionProblem("minSpanBytes", $"must be at least 16 (got {MinSpanBytes}).");
        }
        if (MinTokens < MinTokensAllowed)
        {
            yield return new OptionProblem("minTokens", $"must be at least {MinTokensAllowed} (got {MinTokens}).");
        }
        if (Unit == SubstringUnit.Tokens && string.IsNullOrWhiteSpace(Tokenizer))
        {
            yield return new OptionProblem("tokenizer", "is required when unit is tokens: name an encoding (e.g. o200k_base) or a tokenizer.json.");
        }
        if (Unit == SubstringUnit.Bytes && Tokenizer is not null)
        {
            yield return new OptionProblem("tokenizer", "is only used when unit is tokens: set unit: tokens, or remove tokenizer.");
        }
        if (MinDocChars < 0)
        {
            yield return new OptionProblem("minDocChars", $"must not be negative (got {MinDocChars}).");
        }
        if (MemoryBudgetMb < 1)
        {
            yield return new OptionProblem("memoryBudgetMb", $"must be at least 1 MiB (got {MemoryBudgetMb}).");
        }
    }
}
