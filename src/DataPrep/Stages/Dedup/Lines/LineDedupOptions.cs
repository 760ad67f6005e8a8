using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Dedup.Lines;

/// <summary>Options of <see cref="LineDedupStage"/> (config name <c>LineDedup</c>).</summary>
public sealed record LineDedupOptions : IValidatableOptions
{
    /// <summary>Unit counted and removed: <c>lines</c> (default) or <c>paragraphs</c>.</summary>
    [Description("Unit counted and removed: lines or paragraphs (blank-line separated).")]
    public LineUnit Unit { get; init; } = LineUnit.Lines;

    /// <summary>A line found in more than this many documents is boilerplate and removed everywhere. Default 5.</summary>
    [Description("A line (or paragraph) found in more than this many documents of the corpus is removed from all of them.")]
    public int MaxOccurrences { get; init; } = 5;

    /// <summary>Lines shorter than this (normalised characters) are never counted or removed: short lines
    /// ("감사합니다.", "Introduction") repeat legitimately. Default 30.</summary>
    [Description("Lines shorter than this many characters (after normalisation) are never removed.")]
    public int MinLineChars { get; init; } = 30;

    /// <summary>A document left with fewer non-whitespace characters than this after removal is rejected. Default 100.</summary>
    [Description("A document left with fewer non-whitespace characters than this after removal is rejected.")]
    public int MinDocChars { get; init; } = 100;

    /// <summary>Memory the line-hash sort of one reduce part may use before spilling sorted runs to disk, in MiB. Default 256.</summary>
    [Description("Memory the line-hash sort of one reduce part may use before spilling sorted runs to disk, in MiB.")]
    public int MemoryBudgetMb { get; init; } = 256;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (MaxOccurrences < 1)
        {
            yield return new OptionProblem("maxOccurrences", $"must be at least 1 (got {MaxOccurrences}).");
        }
        if (MinLineChars < 1)
        {
            yield return new OptionProblem("minLineChars", $"must be at least 1 (got {MinLineChars}).");
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
