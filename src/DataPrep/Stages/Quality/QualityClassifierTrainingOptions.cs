namespace DataPrep.Stages.Quality;

/// <summary>Settings of <see cref="QualityClassifierTrainer"/>.</summary>
internal sealed record QualityClassifierTrainingOptions
{
    /// <summary>Feature buckets are 2^Bits (18–20 is the useful range; 20 = 1M buckets, 4 MB of weights). Default 20.</summary>
    public int Bits { get; init; } = 20;

    /// <summary>Only the first this many characters of each document are featurised. Default 20,000.</summary>
    public int MaxChars { get; init; } = 20_000;

    /// <summary>Passes over the training documents. Default 5.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>AdaGrad base learning rate. Default 0.5.</summary>
    public double LearningRate { get; init; } = 0.5;

    /// <summary>L2 penalty applied to the weights a document touches. Default 1e-6.</summary>
    public double L2 { get; init; } = 1e-6;

    /// <summary>Share of each class held out for the reported metrics (stratified, seeded). Default 0.1; 0 reports training metrics.</summary>
    public double Holdout { get; init; } = 0.1;

    /// <summary>Seed of the held-out split and of the per-epoch shuffles: the same inputs and seed give the same model.</summary>
    public int Seed { get; init; } = 20261128;

    /// <summary>Weight the classes so each contributes equally to the loss, whatever their sizes. Default true.</summary>
    public bool BalanceClasses { get; init; } = true;

    /// <summary>Score at or above which a document counts as good in the metrics. Default 0.5.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        if (Bits is < 10 or > 24)
        {
            throw new ArgumentException($"bits must be between 10 and 24 (got {Bits}).");
        }
        if (MaxChars < 1 || Epochs < 1)
        {
            throw new ArgumentException($"maxChars and epochs must be at least 1 (got {MaxChars}, {Epochs}).");
        }
        if (Holdout is < 0 or >= 1)
        {
            throw new ArgumentException($"holdout must be at least 0 and below 1 (got {Holdout}).");
        }
        if (LearningRate <= 0 || L2 < 0 || Threshold is < 0 or > 1)
        {
            throw new ArgumentException("learningRate must be positive, l2 at least 0, threshold between 0 and 1.");
        }
    }
}
