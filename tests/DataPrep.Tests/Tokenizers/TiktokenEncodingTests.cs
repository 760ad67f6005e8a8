using DataPrep.Tokenizers;
using Microsoft.ML.Tokenizers;

namespace DataPrep.Tests.Tokenizers;

public sealed class TiktokenEncodingTests
{
    [Theory]
    [InlineData("r50k_base")]
    [InlineData("gpt2")]
    [InlineData("cl100k_base")]
    [InlineData("o200k_base")]
    public void SpecialTokensAreThoseOfMicrosoftMLTokenizers(string name)
    {
        var library = name == "gpt2" ? TiktokenTokenizer.CreateForModel("gpt2") : TiktokenTokenizer.CreateForEncoding(name);

        var encoding = TiktokenEncoding.Load(name);

        Assert.Equal(library.SpecialTokens!.OrderBy(p => p.Value), encoding.SpecialTokens.OrderBy(p => p.Value));
        Assert.Equal(library.SpecialTokens!["<|endoftext|>"], encoding.EndOfDocumentId);
        Assert.All(encoding.SpecialTokens.Values, id => Assert.Equal(TokenKind.Special, encoding.Kinds[id]));
    }

    [Fact]
    public void EveryOrdinaryIdHasTheBytesTheLibraryDecodesItTo()
    {
        var library = TiktokenTokenizer.CreateForEncoding("cl100k_base");
        var encoding = TiktokenEncoding.Load("cl100k_base");

        Assert.Equal(100277, encoding.Bytes.Length);
        foreach (var id in new[] { 0, 15339, 1917, 100255 })
        {
            Assert.Equal(TokenKind.Normal, encoding.Kinds[id]);
            Assert.Equal(library.Decode([id]), System.Text.Encoding.UTF8.GetString(encoding.Bytes[id]));
        }
    }

    [Fact]
    public void UnknownNameListsTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => TiktokenEncoding.Load("p50k_base"));

        Assert.Contains("p50k_base", error.Message);
        Assert.Contains("o200k_base", error.Message);
    }
}
