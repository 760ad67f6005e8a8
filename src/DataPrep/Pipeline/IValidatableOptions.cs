namespace DataPrep.Pipeline;

/// <summary>Options that check themselves after binding; every problem is returned, not just the first.</summary>
public interface IValidatableOptions
{
    /// <summary>Returns every problem (empty when valid).</summary>
    IEnumerable<OptionProblem> Validate();
}
