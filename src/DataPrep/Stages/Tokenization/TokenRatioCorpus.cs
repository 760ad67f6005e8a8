namespace DataPrep.Stages.Tokenization;

/// <summary>What the report counted, independent of any tokenizer: documents, characters and whitespace words by
/// language, so shares by words (the measure of GPT-3's published language table) can be set beside shares by tokens.</summary>
/// <param name="Documents">All documents.</param>
/// <param name="DocumentsByLanguage">Documents per language (<c>ko</c>, <c>en</c>, <c>other</c>).</param>
/// <param name="WordsByLanguage">Whitespace words per document language.</param>
/// <param name="CharactersByLanguage">Characters per document language.</param>
/// <param name="Words">All whitespace words.</param>
/// <param name="HangulWords">Whitespace words containing at least one Hangul character.</param>
/// <param name="Letters">All letters.</param>
/// <param name="HangulLetters">Hangul letters.</param>
/// <param name="ParallelPairs">Documents that carried a parallel English text.</param>
/// <param name="DecomposedHangulDocuments">Documents containing conjoining jamo (decomposed, NFD Hangul) as given.</param>
internal sealed record TokenRatioCorpus(
    long Documents,
    IReadOnlyDictionary<string, long> DocumentsByLanguage,
    IReadOnlyDictionary<string, long> WordsByLanguage,
    IReadOnlyDictionary<string, long> CharactersByLanguage,
    long Words,
    long HangulWords,
    long Letters,
    long HangulLetters,
    long ParallelPairs,
    long DecomposedHangulDocuments)
{
    /// <summary>Share of whitespace words that are in Korean documents (the measure behind "0.01697% of GPT-3").</summary>
    public double KoreanWordShareByLanguage => Words == 0 ? 0 : (double)WordsByLanguage.GetValueOrDefault("ko") / Words;

    /// <summary>Share of whitespace words that contain Hangul.</summary>
    public double KoreanWordShareByScript => Words == 0 ? 0 : (double)HangulWords / Words;

    /// <summary>Share of letters that are Hangul.</summary>
    public double HangulLetterShare => Letters == 0 ? 0 : (double)HangulLetters / Letters;
}
