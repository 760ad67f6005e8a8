namespace DataPrep.Tokenizers;

/// <summary>Type of a SentencePiece vocabulary piece, with the numbers of <c>sentencepiece_model.proto</c>.</summary>
internal enum SentencePiecePieceType : byte
{
    /// <summary>An ordinary piece that BPE may produce by merging.</summary>
    Normal = 1,

    /// <summary>The unknown piece (<c>&lt;unk&gt;</c>).</summary>
    Unknown = 2,

    /// <summary>A control symbol (<c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>); never produced from text.</summary>
    Control = 3,

    /// <summary>A user-defined symbol, always cut out of the text as a whole.</summary>
    UserDefined = 4,

    /// <summary>A piece kept in the vocabulary but not used: split back into the pieces it was merged from.</summary>
    Unused = 5,

    /// <summary>A byte-fallback piece <c>&lt;0xHH&gt;</c>.</summary>
    Byte = 6,
}
