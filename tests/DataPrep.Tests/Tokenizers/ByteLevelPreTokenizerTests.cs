using System.Text.RegularExpressions;
using DataPrep.Tokenizers;

namespace DataPrep.Tests.Tokenizers;

/// <summary>
/// The hand-written pre-tokenisers against the original regexes run by .NET's backtracking engine. In UTF-16 mode
/// they must give exactly the regex's pieces on any text; in code-point mode, on any text without characters outside
/// the BMP (beyond it, Rust engines see one character where .NET sees two; that side is checked against the Rust library
/// itself in <see cref="ByteLevelBpeTokenizerTests"/>).
/// </summary>
public sealed class ByteLevelPreTokenizerTests
{
    public static TheoryData<string> Patterns() => ["gpt2", "cl100k", "qwen", "o200k"];

    private static (ByteLevelPreTokenizer Utf16, ByteLevelPreTokenizer CodePoints, Regex Regex) Resolve(string name) => name switch
    {
        "gpt2" => Make(ByteLevelPattern.Gpt2, 0, ByteLevelBpeTokenizer.Gpt2Regex),
        "cl100k" => Make(ByteLevelPattern.Cl100k, 3, ByteLevelBpeTokenizer.Cl100kRegex),
        "qwen" => Make(ByteLevelPattern.Cl100k, 1, ByteLevelBpeTokenizer.QwenRegex),
        _ => Make(ByteLevelPattern.O200k, 3, ByteLevelBpeTokenizer.O200kRegex),
    };

    private static (ByteLevelPreTokenizer, ByteLevelPreTokenizer, Regex) Make(ByteLevelPattern pattern, int digits, string regex) =>
        (new(pattern, digits, codePoints: false), new(pattern, digits, codePoints: true), new Regex(regex, RegexOptions.CultureInvariant));

    private static List<(int, int)> Pieces(ByteLevelPreTokenizer scanner, string text)
    {
        var pieces = new List<(int, int)>();
        for (var i = 0; i < text.Length;)
        {
            var end = scanner.NextEnd(text, i);
            Assert.True(end > i, "a piece must not be empty");
            pieces.Add((i, end - i));
            i = end;
        }
        return pieces;
    }

    private static List<(int, int)> RegexPieces(Regex regex, string text)
    {
        var pieces = new List<(int, int)>();
        foreach (var match in regex.EnumerateMatches(text))
        {
            pieces.Add((match.Index, match.Length));
        }
        return pieces;
    }

    [SharedDataTheory]
    [MemberData(nameof(Patterns))]
    public void PiecesEqualTheRegexOnCorporaAndAdversarialText(string pattern)
    {
        var (utf16, codePoints, regex) = Resolve(pattern);
        var texts = AdversarialText.Strings(random: 4000, loneSurrogates: true).Concat(AdversarialText.CorpusSamples(perCorpus: 100));
        var compared = 0;
        foreach (var text in texts)
        {
            var expected = RegexPieces(regex, text);
            Assert.Equal(expected, Pieces(utf16, text));
            if (!text.Any(char.IsSurrogate))
            {
                Assert.Equal(expected, Pieces(codePoints, text));
            }
            compared++;
        }
        Assert.True(compared > 4600);
    }

    [Fact]
    public void CharacterClassesEqualTheRegexClassesForEveryBmpCharacter()
    {
        var all = new string(Enumerable.Range(0, 65536).Select(c => (char)c).ToArray());
        (string Class, int Bit)[] classes =
        [
            (@"\p{L}", 1), (@"\p{N}", 2), (@"\s", 4), (@"[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]", 8), (@"[\p{Ll}\p{Lm}\p{Lo}\p{M}]", 16),
        ];
        foreach (var (pattern, bit) in classes)
        {
            var expected = new bool[65536];
            foreach (var match in new Regex(pattern).EnumerateMatches(all))
            {
                expected[match.Index] = true;
            }
            for (var c = 0; c < 65536; c++)
            {
                Assert.True(expected[c] == ((ByteLevelPreTokenizer.FlagsOf((char)c) & bit) != 0), $"U+{c:X4} in {pattern}");
            }
        }
    }

    [Theory]
    [InlineData("cl100k", "😀abc", new[] { "😀abc" }, new[] { "😀", "abc" })]
    [InlineData("o200k", "😀Abc", new[] { "😀Abc" }, new[] { "😀", "Abc" })]
    [InlineData("qwen", "x𝟏𝟐", new[] { "x", "𝟏", "𝟐" }, new[] { "x", "𝟏𝟐" })]
    [InlineData("gpt2", " 𝐀bc", new[] { " 𝐀bc" }, new[] { " 𝐀", "bc" })]
    public void CharactersBeyondTheBmpAreOneCharacterOnlyInCodePointMode(string pattern, string text, string[] codePoints, string[] utf16)
    {
        var (utf16Scanner, codePointScanner, _) = Resolve(pattern);

        Assert.Equal(codePoints, Pieces(codePointScanner, text).Select(p => text.Substring(p.Item1, p.Item2)));
        Assert.Equal(utf16, Pieces(utf16Scanner, text).Select(p => text.Substring(p.Item1, p.Item2)));
    }

    [Theory]
    [InlineData("cl100k", "I'm 12345 HELLO\r\n\n  world", new[] { "I", "'m", " ", "123", "45", " HELLO", "\r\n\n", " ", " world" })]
    [InlineData("o200k", "HELLOworld's 가나\u0301 x//\n/", new[] { "HELLOworld's", " 가나\u0301", " x", "//\n/" })]
    [InlineData("gpt2", "it's  a 42!!", new[] { "it", "'s", " ", " a", " 42", "!!" })]
    public void KnownTextsSplitAsTheRegexDoes(string pattern, string text, string[] expected)
    {
        var (scanner, _, _) = Resolve(pattern);

        Assert.Equal(expected, Pieces(scanner, text).Select(p => text.Substring(p.Item1, p.Item2)));
    }
}
