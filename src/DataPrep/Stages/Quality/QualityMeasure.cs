namespace DataPrep.Stages.Quality;

/// <summary>Computes the value a quality rule compares with its threshold; <c>null</c> when the rule does not
/// apply to the document (it then passes, and the what-if report does not count it as measured).</summary>
internal delegate double? QualityMeasure(in QualityInput input);
