namespace DataPrep.Stages.Quality;

/// <summary>What a stage would reject at its configured thresholds, run alone, for one language.</summary>
/// <param name="Stage">Stage id.</param>
/// <param name="Language">Language label.</param>
/// <param name="Documents">Documents of this language.</param>
/// <param name="Rejected">Documents failing at least one of the stage's rules at the configured thresholds.</param>
internal sealed record QualityWhatIfStageSummary(string Stage, string Language, long Documents, long Rejected)
{
    /// <summary>Rejected over documents.</summary>
    public double Share => Documents == 0 ? 0 : (double)Rejected / Documents;
}
