namespace DataPrep.Tokenizers;

/// <summary>
/// A tokenizer as DataPrep uses it: text in, token ids out, with enough knowledge of the vocabulary to
/// attribute every token to the characters it covers. Implementations are created once (see
/// <see cref="TokenizerFactory"/>) and are safe to call from many threads at once.
/// Encoding never adds BOS/EOS or other template tokens: the ids are those of the text alone.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>Name used in reports: the encoding name (<c>o200k_base</c>) or the model folder/file name.</summary>
    string Name { get; }

    /// <summary>Largest token id plus one (vocabulary plus added/special tokens); decides the id width of token shards.</summary>
    int VocabularySize { get; }

    /// <summary>The id a training framework expects between documents (<c>&lt;|endoftext|&gt;</c>, <c>&lt;/s&gt;</c>), or <c>null</c> when the tokenizer has none.</summary>
    int? EndOfDocumentId { get; }

    /// <summary>Appends the ids of <paramref name="text"/> to <paramref name="ids"/>; returns how many were appended.</summary>
    int Encode(string text, List<int> ids);

    /// <summary>Number of tokens of <paramref name="text"/> (same as <see cref="Encode"/> would append), without keeping ids.</summary>
    int CountTokens(string text);

    /// <summary>The UTF-8 bytes of the (normalised) text a token stands for: a byte-fallback piece is its one byte,
    /// a SentencePiece <c>▁</c> is a space, special and unknown tokens are empty.</summary>
    ReadOnlySpan<byte> GetTokenBytes(int id);

    /// <summary>What kind of token <paramref name="id"/> is.</summary>
    TokenKind GetTokenKind(int id);
}
