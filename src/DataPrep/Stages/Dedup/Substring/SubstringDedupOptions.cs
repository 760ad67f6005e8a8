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

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (MinSpanBytes < 16)
        {
            yield return new OptionProblem("minSpanBytes", $"must be at least 16 (got {MinSpanBytes}).");
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
