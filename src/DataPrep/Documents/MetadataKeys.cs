namespace DataPrep.Documents;

/// <summary>Names of metadata fields that DataPrep's own stages read or write.</summary>
public static class MetadataKeys
{
    /// <summary>Detected language (ISO 639-1, e.g. <c>ko</c>, <c>en</c>), written by language identification.</summary>
    public const string Language = "language";

    /// <summary>Confidence of <see cref="Language"/>, 0–1.</summary>
    public const string LanguageScore = "language_score";

    /// <summary>Source URL of a web document, read by URL blocklists.</summary>
    public const string Url = "url";

    /// <summary>Score of the trainable quality classifier, 0–1.</summary>
    public const string QualityScore = "quality_score";

    /// <summary>Token count written by the tokenization stage.</summary>
    public const string Tokens = "tokens";
}
