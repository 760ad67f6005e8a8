namespace DataPrep.Stages.Tokenization;

/// <summary>The token-ratio figures of one tokenizer over the corpus.</summary>
internal sealed record TokenRatioEntry
{
    /// <summary>Tokenizer name (encoding name or model folder).</summary>
    public required string Name { get; init; }

    /// <summary>Largest id plus one.</summary>
    public required int VocabularySize { get; init; }

    /// <summary>Tokens of all documents (parallel English sides not included).</summary>
    public required long TotalTokens { get; init; }

    /// <summary>Tokens by the script of the characters they cover: <c>hangul</c>, <c>han</c>, <c>kana</c>, <c>latin</c>,
    /// <c>cyrillic</c>, <c>other</c> (other letters), <c>common</c> (spaces, digits, punctuation, emoji), <c>none</c>
    /// (special/unknown tokens that cover no known bytes). A token covering any Hangul byte counts as Hangul; byte-fallback
    /// pieces of one character follow that character.</summary>
    public required IReadOnlyDictionary<string, long> TokensByScript { get; init; }

    /// <summary>Tokens by document language (<c>ko</c>, <c>en</c>, <c>other</c>).</summary>
    public required IReadOnlyDictionary<string, long> TokensByLanguage { get; init; }

    /// <summary>Fertility over Korean documents.</summary>
    public required TokenRatioFertility Korean { get; init; }

    /// <summary>Fertility over English documents.</summary>
    public required TokenRatioFertility English { get; init; }

    /// <summary>Korean side of parallel pairs.</summary>
    public required TokenRatioFertility ParallelKorean { get; init; }

    /// <summary>English side of parallel pairs.</summary>
    public required TokenRatioFertility ParallelEnglish { get; init; }

    /// <summary>Byte-fallback tokens (<c>&lt;0xEA&gt;</c> pieces).</summary>
    public required long ByteFallbackTokens { get; init; }

    /// <summary>Unknown tokens.</summary>
    public required long UnknownTokens { get; init; }

    /// <summary>Share of tokens covering Hangul.</summary>
    public double KoreanShareByScript => Share(TokensByScript.GetValueOrDefault("hangul"));

    /// <summary>Share of tokens in Korean documents.</summary>
    public double KoreanShareByLanguage => Share(TokensByLanguage.GetValueOrDefault("ko"));

    /// <summary>Korean tokens ÷ English tokens on the same content (parallel pairs); 0 without pairs.</summary>
    public double ParallelKoreanToEnglish => ParallelEnglish.Tokens == 0 ? 0 : (double)ParallelKorean.Tokens / ParallelEnglish.Tokens;

    /// <summary>Byte-fallback tokens ÷ all tokens.</summary>
    public double ByteFallbackRate => Share(ByteFallbackTokens);

    /// <summary>Unknown tokens ÷ all tokens.</summary>
    public double UnknownRate => Share(UnknownTokens);

    private double Share(long part) => TotalTokens == 0 ? 0 : (double)part / TotalTokens;
}
