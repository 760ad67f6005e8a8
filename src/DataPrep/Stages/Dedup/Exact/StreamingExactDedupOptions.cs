using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Dedup.Exact;

/// <summary>Options of <see cref="StreamingExactDedupStage"/>.</summary>
public sealed record StreamingExactDedupOptions : IValidatableOptions
{
    /// <summary>Compare case-insensitively. Default false.</summary>
    [Description("Compare texts ignoring case.")]
    public bool IgnoreCase { get; init; }

    /// <summary>Most distinct texts remembered (about 40 bytes each plus the id); once full, new texts are passed on unremembered
    /// and counted as <c>not_remembered</c>. Default 10,000,000.</summary>
    [Description("Most distinct texts remembered in memory; past it, new texts pass unremembered (counted as not_remembered).")]
    public int MaxRemembered { get; init; } = 10_000_000;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (MaxRemembered < 1)
        {
            yield return new OptionProblem("maxRemembered", $"must be at least 1 (got {MaxRemembered}).");
        }
    }
}
