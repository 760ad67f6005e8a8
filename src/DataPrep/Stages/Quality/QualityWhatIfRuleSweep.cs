namespace DataPrep.Stages.Quality;

/// <summary>One rule's threshold sweep for one language.</summary>
/// <param name="Stage">Stage id, e.g. <c>quality.gopher</c>.</param>
/// <param name="Code">The rule's rejection code.</param>
/// <param name="Option">The option that sets the threshold, e.g. <c>korean.minWords</c>.</param>
/// <param name="Direction"><c>min</c>: documents measuring below the threshold are dropped; <c>max</c>: above; <c>atLeast</c>: at or above (Blocklist minMatches); <c>flag</c>: a yes/no rule with no threshold.</param>
/// <param name="Language">Language label: the <c>language</c> metadata, or without it <c>ko</c> / <c>und</c> by script.</param>
/// <param name="Documents">Documents of this language.</param>
/// <param name="Measured">Documents the rule applies to (e.g. the bullet rule needs 3 lines).</param>
/// <param name="Configured">The threshold in the config.</param>
/// <param name="Points">The sweep, in increasing threshold order; it contains the configured threshold.</param>
internal sealed record QualityWhatIfRuleSweep(
    string Stage, string Code, string Option, string Direction, string Language, long Documents, long Measured,
    double Configured, IReadOnlyList<QualityWhatIfPoint> Points)
{
    /// <summary>The point at the configured threshold.</summary>
    public QualityWhatIfPoint AtConfigured => Points.First(p => p.Threshold == Configured);
}
