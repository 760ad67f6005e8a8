using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Dedup.Exact;

/// <summary>Options of <see cref="ExactDedupStage"/> (config name <c>ExactDedup</c>).</summary>
public sealed record ExactDedupOptions : IValidatableOptions
{
    /// <summary>Memory the hash sort may use before spilling sorted runs to the work folder, in MiB. Default 256.</summary>
    [Description("Memory the hash sort of one reduce part may use before spilling sorted runs to disk, in MiB.")]
    public int MemoryBudgetMb { get; init; } = 256;

    /// <summary>When true, case is folded before hashing, so <c>Hello</c> and <c>hello</c> count as copies. Default false.</summary>
    [Description("Fold case before hashing (whitespace is always normalised).")]
    public bool IgnoreCase { get; init; }

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (MemoryBudgetMb < 1)
        {
            yield return new OptionProblem("memoryBudgetMb", $"must be at least 1 MiB (got {MemoryBudgetMb}).");
        }
    }
}
