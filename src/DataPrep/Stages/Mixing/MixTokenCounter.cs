using DataPrep.Documents;
using DataPrep.Tokenizers;

namespace DataPrep.Stages.Mixing;

/// <summary>Counts a document's tokens for the mix: the source's <see cref="MixSourceOptions.TokenCountField"/> when
/// the document carries it (already tokenized by <c>Tokenize</c>), otherwise the exact encoder's count.</summary>
internal static class MixTokenCounter
{
    public static long Count(Document document, ITextTokenizer tokenizer, string? tokenCountField)
    {
        if (tokenCountField is not null && document.Metadata.GetNumber(tokenCountField) is { } stored && stored >= 0)
        {
            return (long)stored;
        }
        return tokenizer.CountTokens(document.Text);
    }
}
