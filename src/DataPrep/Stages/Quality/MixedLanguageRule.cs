namespace DataPrep.Stages.Quality;

/// <summary>How a quality rule treats a document that mixes Korean and English (<see cref="QualityProfile.Mixed"/>).</summary>
internal enum MixedLanguageRule
{
    /// <summary>Only the threshold set of the document's language applies.</summary>
    OwnSet,

    /// <summary>The looser of the two languages' thresholds applies (word counts and lengths differ by script).</summary>
    LooserThreshold,

    /// <summary>The document passes on the evidence of either language, each measured its own way and against its
    /// own threshold (English stop words or Korean case particles).</summary>
    EitherLanguage,
}
