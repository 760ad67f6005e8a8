namespace DataPrep.Stages.Quality;

/// <summary>One threshold of a rule's sweep: how many documents of the language it would drop.</summary>
/// <param name="Threshold">The threshold value.</param>
/// <param name="Dropped">Documents of the language this rule alone would drop at this threshold.</param>
/// <param name="Share">Dropped over the documents of the language.</param>
/// <param name="SampleIds">Ids of the first few dropped documents (never their text).</param>
internal sealed record QualityWhatIfPoint(double Threshold, long Dropped, double Share, IReadOnlyList<string> SampleIds);
