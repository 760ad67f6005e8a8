using System.Globalization;

namespace DataPrep.Stages.Quality;

/// <summary>
/// Confusion counts of a quality classifier on held-out documents, with "good" as the positive class,
/// and the derived precision, recall, F1 and accuracy (for both classes).
/// </summary>
/// <param name="TruePositives">Good documents scored good.</param>
/// <param name="FalsePositives">Bad documents scored good.</param>
/// <param name="TrueNegatives">Bad documents scored bad.</param>
/// <param name="FalseNegatives">Good documents scored bad.</param>
/// <param name="TrainGood">Good documents trained on.</param>
/// <param name="TrainBad">Bad documents trained on.</param>
/// <param name="Heldout">True when the counts are on held-out documents; false when on the training documents (holdout 0).</param>
internal sealed record QualityClassifierMetrics(
    int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives, int TrainGood, int TrainBad, bool Heldout)
{
    /// <summary>Share of documents scored good that are good.</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>Share of good documents scored good.</summary>
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Share of documents scored right.</summary>
    public double Accuracy => Ratio(TruePositives + TrueNegatives, TruePositives + FalsePositives + TrueNegatives + FalseNegatives);

    /// <summary>Share of documents scored bad that are bad.</summary>
    public double BadPrecision => Ratio(TrueNegatives, TrueNegatives + FalseNegatives);

    /// <summary>Share of bad documents scored bad.</summary>
    public double BadRecall => Ratio(TrueNegatives, TrueNegatives + FalsePositives);

    /// <summary>Documents evaluated.</summary>
    public int Evaluated => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>A one-paragraph summary for the console.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"""
        trained on {TrainGood} good + {TrainBad} bad documents; {(Heldout ? "held-out" : "training-set")} evaluation on {Evaluated} documents
          good: precision {Precision:0.0000}  recall {Recall:0.0000}  F1 {F1:0.0000}
          bad:  precision {BadPrecision:0.0000}  recall {BadRecall:0.0000}
          accuracy {Accuracy:0.0000}  (TP {TruePositives}, FP {FalsePositives}, TN {TrueNegatives}, FN {FalseNegatives})
        """);

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
