using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.TestStages;

/// <summary>Options of the test-only Shout stage.</summary>
public sealed record ShoutOptions : IValidatableOptions
{
    /// <summary>Exclamation marks appended.</summary>
    [Description("Exclamation marks appended.")]
    public int Marks { get; init; } = 1;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (Marks is < 0 or > 10)
        {
            yield return new OptionProblem("marks", $"must be between 0 and 10 (got {Marks}).");
        }
    }
}
