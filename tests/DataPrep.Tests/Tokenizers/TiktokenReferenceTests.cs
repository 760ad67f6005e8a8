using System.Text.Json.Nodes;
using DataPrep.Tokenizers;

namespace DataPrep.Tests.Tokenizers;

/// <summary>
/// The tiktoken encodings against the independent tiktoken reference (<c>Golden/tiktoken_reference.py</c>: tiktoken's
/// regexes run over code points by Python's <c>regex</c> module, lowest-rank byte-pair merge), where Microsoft.ML.Tokenizers
/// is known to differ from tiktoken: characters outside the BMP, <c>'ſ</c>, lone surrogates (see
/// <see cref="ByteLevelBpeTokenizerTests.DiffersFromTiktoken"/>); and the pieces of tiktoken's current patterns.
/// </summary>
public sealed class TiktokenReferenceTests
{
    public static TheoryData<string> Encodings() => ["r50k_base", "cl100k_base", "o200k_base"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void IdsEqualTheReferenceOnRandomStringsWithCharactersBeyondTheBmp(string encoding)
    {
        var tokenizer = TokenizerFactory.GetShared(encoding);
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(GoldenFiles.Folder, "tiktoken-adversarial.json")))!;
        var compared = 0;
        var beyondBmp = 0;
        foreach (var item in root["cases"]!.AsArray())
        {
            var text = item!["text"]!.GetValue<string>();
            var expected = item["ids"]![encoding]!.AsArray().Select(i => i!.GetValue<int>()).ToArray();
            var actual = new List<int>();

            tokenizer.Encode(text, actual);

            Assert.Equal(expected, actual);
            Assert.Equal(expected.Length, tokenizer.CountTokens(text));
            compared++;
            beyondBmp += text.Any(char.IsSurrogate) ? 1 : 0;
        }
        Assert.Equal(600, compared);
        Assert.True(beyondBmp > 400);
    }

    [Theory]
    // r50k: 𝐚 is a letter, so 't is a contraction (.NET: 𝐚' is one run of "other" characters, then t).
    [InlineData("r50k_base", "𝐚't", new[] { 47728, 238, 248, 470 }, new[] { 47728, 238, 248, 6, 83 })]
    [InlineData("cl100k_base", "𝐚't", new[] { 57352, 238, 248, 956 }, new[] { 57352, 238, 248, 6, 83 })]
    // o200k: 𝐚't is one piece (a lower-case letter with its contraction).
    [InlineData("o200k_base", "𝐚't", new[] { 91362, 248, 1507 }, new[] { 91362, 248, 6, 83 })]
    // cl100k: 𝟏 is a digit, so the space before it is its own piece (.NET: " 𝟏" is one run of "other" characters).
    [InlineData("cl100k_base", "a 𝟏", new[] { 64, 220, 57352, 253, 237 }, new[] { 64, 82350, 253, 237 })]
    [InlineData("cl100k_base", " 𝟏𝟐𝟑", new[] { 220, 57352, 253, 237, 57352, 253, 238, 57352, 253, 239 }, new[] { 82350, 253, 237, 57352, 253, 238, 57352, 253, 239 })]
    public void CharactersBeyondTheBmpAreSplitAsTiktokenSplitsThem(string encoding, string text, int[] tiktoken, int[] library)
    {
        var ids = new List<int>();
        var libraryIds = new List<int>();

        TokenizerFactory.GetShared(encoding).Encode(text, ids);
        TiktokenTextTokenizer.Create(encoding).Encode(text, libraryIds);

        Assert.Equal(tiktoken, ids);
        // The known divergence this pins: if the library ever agrees, the test skip in ByteLevelBpeTokenizerTests can go.
        Assert.Equal(library, libraryIds);
    }

    [Theory]
    [InlineData("cl100k_base", "😀abc", new[] { "😀abc" })]
    [InlineData("cl100k_base", "ㅋㅋ😂😂", new[] { "ㅋㅋ", "😂😂" })]
    [InlineData("cl100k_base", "𝐀bc 𝟏𝟐𝟑", new[] { "𝐀bc", " ", "𝟏𝟐𝟑" })]
    [InlineData("cl100k_base", "it'ſ", new[] { "it", "'ſ" })]
    [InlineData("cl100k_base", "a\n \n  ", new[] { "a", "\n \n  " })]
    [InlineData("cl100k_base", "x\n y", new[] { "x", "\n", " y" })]
    [InlineData("o200k_base", "HELLO'ſ 𝐀𝐁𝐜d", new[] { "HELLO'ſ", " 𝐀𝐁𝐜d" })]
    [InlineData("o200k_base", "👍🏻좋아요", new[] { "👍🏻", "좋아요" })]
    [InlineData("o200k_base", "end\n  ", new[] { "end", "\n", "  " })]
    [InlineData("r50k_base", "𝐚's 𝟏𝟐", new[] { "𝐚", "'s", " 𝟏𝟐" })]
    public void PiecesAreThoseOfTheReference(string encoding, string text, string[] pieces)
    {
        var scanner = Assert.IsType<ByteLevelBpeTokenizer>(TokenizerFactory.GetShared(encoding)).PreTokenizer;
        var actual = new List<string>();

        for (var i = 0; i < text.Length;)
        {
            var end = scanner.NextEnd(text, i);
            actual.Add(text[i..end]);
            i = end;
        }

        Assert.Equal(pieces, actual);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void ALoneSurrogateIsEncodedAsTheReplacementCharacter(string encoding)
    {
        var tokenizer = TokenizerFactory.GetShared(encoding);
        var lone = new List<int>();
        var replaced = new List<int>();

        tokenizer.Encode("a\ud800b \udfff1", lone);
        tokenizer.Encode("a\ufffdb \ufffd1", replaced);

        Assert.Equal(replaced, lone);
    }
}
