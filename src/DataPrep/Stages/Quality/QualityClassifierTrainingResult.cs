namespace DataPrep.Stages.Quality;

/// <summary>What <see cref="QualityClassifierTrainer"/> returns.</summary>
/// <param name="Model">The trained model (trained on the documents not held out).</param>
/// <param name="Metrics">Precision, recall, F1 and accuracy on the held-out documents.</param>
internal sealed record QualityClassifierTrainingResult(QualityClassifierModel Model, QualityClassifierMetrics Metrics);
