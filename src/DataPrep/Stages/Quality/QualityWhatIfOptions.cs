namespace DataPrep.Stages.Quality;

/// <summary>Settings of <see cref="QualityWhatIfReport"/>.</summary>
internal sealed record QualityWhatIfOptions
{
    /// <summary>Sample document ids kept per rule, language and threshold. Default 5.</summary>
    public int SamplesPerThreshold { get; init; } = 5;

    /// <summary>Multipliers of the configured threshold that make the sweep of a ratio or count rule
    /// (15 values from a quarter to three times the configured one; bounded ratios are clipped to 1).</summary>
    public IReadOnlyList<double> Factors { get; init; } = [0.25, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.35, 1.5, 1.75, 2, 2.5, 3];
}
