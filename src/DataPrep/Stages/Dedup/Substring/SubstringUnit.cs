namespace DataPrep.Stages.Dedup.Substring;

/// <summary>What <see cref="SubstringDedupStage"/> counts a repeat in (<see cref="SubstringDedupOptions.Unit"/>).</summary>
public enum SubstringUnit
{
    /// <summary>UTF-8 bytes: a repeat is <see cref="SubstringDedupOptions.MinSpanBytes"/> equal bytes (the default).</summary>
    Bytes,

    /// <summary>Token ids of <see cref="SubstringDedupOptions.Tokenizer"/>: a repeat is <see cref="SubstringDedupOptions.MinTokens"/>
    /// equal tokens, as in Lee et al. (2022).</summary>
    Tokens,
}
