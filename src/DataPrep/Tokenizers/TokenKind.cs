namespace DataPrep.Tokenizers;

/// <summary>What a token id stands for, as far as DataPrep's statistics need it.</summary>
public enum TokenKind : byte
{
    /// <summary>An ordinary vocabulary piece covering one or more characters (or bytes, for byte-level BPE).</summary>
    Normal = 0,

    /// <summary>A byte-fallback piece (<c>&lt;0xEA&gt;</c>): one UTF-8 byte of a character the vocabulary lacks.</summary>
    ByteFallback,

    /// <summary>The unknown token: text the tokenizer could not represent.</summary>
    Unknown,

    /// <summary>A control or special token (<c>&lt;s&gt;</c>, <c>&lt;|endoftext|&gt;</c>).</summary>
    Special,
}
