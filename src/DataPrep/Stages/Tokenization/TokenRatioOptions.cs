namespace DataPrep.Stages.Tokenization;

/// <summary>Options of <see cref="TokenRatioReport"/>.</summary>
internal sealed record TokenRatioOptions
{
    /// <summary>Normalise text to NFC before counting (default false: text is counted as given, and the report warns
    /// when it contains decomposed Hangul, which costs 2.5–9× more tokens on most tokenizers).</summary>
    public bool NormalizeNfc { get; init; }

    /// <summary>Metadata field holding an English translation of the document's (Korean) text; when present the pair
    /// feeds the Korean/English ratio on parallel text. Default <c>text_en</c> (ko-en-parallel-news).</summary>
    public string ParallelField { get; init; } = "text_en";

    /// <summary>Metadata field with the document language (<c>ko</c>, <c>en</c>); when absent the language is taken
    /// from the script of the letters (Hangul ≥ 50% → ko, Latin ≥ 50% → en, else other). Default <c>language</c>.</summary>
    public string LanguageField { get; init; } = Documents.MetadataKeys.Language;

    /// <summary>Threads used (default: all cores).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
