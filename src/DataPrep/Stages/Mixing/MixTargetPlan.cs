namespace DataPrep.Stages.Mixing;

/// <summary>The plan for one target (a language or a source): what was wanted, what exists, what the epoch caps allow,
/// and what the plan takes.</summary>
/// <param name="Key">The language or source name.</param>
/// <param name="Share">Wanted share of the mix's tokens.</param>
/// <param name="WantedTokens">Share × budget.</param>
/// <param name="AvailableTokens">Tokens of the target in one pass over its sources.</param>
/// <param name="MaxTokens">Most tokens the epoch caps allow.</param>
/// <param name="PlannedTokens">Tokens the plan takes (the wanted tokens, or the most there are on a shortfall).</param>
internal sealed record MixTargetPlan(string Key, double Share, double WantedTokens, long AvailableTokens, double MaxTokens, double PlannedTokens)
{
    /// <summary>Wanted tokens the caps do not allow (0 when the target is met).</summary>
    public double ShortfallTokens => Math.Max(0, WantedTokens - PlannedTokens);

    /// <summary>True when the target cannot be met within the epoch caps.</summary>
    public bool IsShort => ShortfallTokens > 0.5;
}
