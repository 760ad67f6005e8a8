using DataPrep.Stages.Quality;
using Xunit;

namespace DataPrep.Tests.Stages.Quality;

public sealed class GopherStopWordsTests
{
    [Theory]
    [InlineData("the", true)]
    [InlineData("THE", true)]
    [InlineData("With", true)]
    [InlineData("be", true)]
    [InlineData("oF", true)]
    [InlineData("and", true)]
    [InlineData("that", true)]
    [InlineData("have", true)]
    [InlineData("to", true)]
    [InlineData("", false)]
    [InlineData("t", false)]
    [InlineData("th", false)]
    [InlineData("them", false)]
    [InlineData("thee", false)]
    [InlineData("bee", false)]
    [InlineData("an", false)]
    [InlineData("withs", false)]
    [InlineData("haves", false)]
    [InlineData("the1", false)]
    [InlineData("t\u0000he", false)]
    [InlineData("\u0074\u0168e", false)]
    [InlineData("했다", false)]
    public void TheBranchFreeTestAgreesWithTheOneByLength(string word, bool expected)
    {
        // Whatever follows the word in the text must not change the answer.
        foreach (var after in new[] { "    ", "xyzw", "e an", "\u0000\u0000\u0000\u0000" })
        {
            var text = word + after;
            Assert.Equal(expected, GopherStopWords.Contains(word));
            Assert.Equal(expected, GopherStopWords.ContainsAt(text, 0, word.Length));
            Assert.Equal(expected, GopherStopWords.ContainsAt("(" + text, 1, word.Length));
        }
    }
}
