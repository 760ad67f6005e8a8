using DataPrep.Stages.Quality;

namespace DataPrep.Tests.Stages.Quality;

/// <summary>
/// The blocklist's word prefilter may only rule out words that equal no key ignoring case: every key in any case, at
/// any place in a text (also the last chars, where fewer than four chars are readable), must pass it.
/// </summary>
public class BlocklistWordPrefilterTests
{
    private static readonly string[] Keys = ["fuck", "motherfucker", "porn", "a", "ab", "abc", "x1-y", "$ex", "online", "cialis"];

    [Fact]
    public void EveryKeyInAnyCaseAndPlacePasses()
    {
        var filter = new BlocklistWordPrefilter(Keys);
        var random = new Random(7);
        foreach (var key in Keys)
        {
            for (var variant = 0; variant < 20; variant++)
            {
                var word = string.Concat(key.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : c));
                foreach (var text in new[] { word, $"see {word} here", $"end {word}", $"{word}." })
                {
                    var start = text.IndexOf(word, StringComparison.Ordinal);
                    Assert.True(filter.MayBeKey(text, start, word.Length), $"{word} in \"{text}\"");
                }
            }
        }
    }

    [Theory]
    [InlineData("some")]
    [InlineData("city")]
    [InlineData("called")]
    [InlineData("fork")]
    [InlineData("mothers")]
    [InlineData("b")]
    [InlineData("fuc")]
    [InlineData("fucks")]
    public void WordsThatShareOnlyAFirstLetterOrLengthAreRuledOut(string word)
    {
        var filter = new BlocklistWordPrefilter(Keys);
        Assert.False(filter.MayBeKey($"{word} and more", 0, word.Length));
        Assert.False(filter.MayBeKey($"x {word}", 2, word.Length));
    }

    [Fact]
    public void NonAsciiCharsGoOnToTheDictionary()
    {
        // 'ı' upper-cases to 'I' ignoring case: only the dictionary can say whether "cıalis" is "cialis".
        var filter = new BlocklistWordPrefilter(Keys);
        Assert.True(filter.MayBeKey("cıalis", 0, 6));
        Assert.True(filter.MayBeKey("abé", 0, 3));
        var withNonAsciiKey = new BlocklistWordPrefilter(["café"]);
        Assert.True(withNonAsciiKey.MayBeKey("some", 0, 4));
    }
}
