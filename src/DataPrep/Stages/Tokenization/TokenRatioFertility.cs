namespace DataPrep.Stages.Tokenization;

/// <summary>Tokens against the size of the text they came from, for one language (or one side of parallel text).</summary>
/// <param name="Documents">Documents (or parallel pairs) counted.</param>
/// <param name="Tokens">Tokens of those documents.</param>
/// <param name="Characters">Unicode characters (code points), spaces included, as given (or after NFC when asked).</param>
/// <param name="Words">Whitespace-separated words; for Korean these are eojeols.</param>
/// <param name="Bytes">UTF-8 bytes.</param>
internal sealed record TokenRatioFertility(long Documents, long Tokens, long Characters, long Words, long Bytes)
{
    /// <summary>Tokens per character (0 when there is no text).</summary>
    public double TokensPerCharacter => Characters == 0 ? 0 : (double)Tokens / Characters;

    /// <summary>Tokens per whitespace word / eojeol.</summary>
    public double TokensPerWord => Words == 0 ? 0 : (double)Tokens / Words;

    /// <summary>Tokens per UTF-8 byte.</summary>
    public double TokensPerByte => Bytes == 0 ? 0 : (double)Tokens / Bytes;
}
