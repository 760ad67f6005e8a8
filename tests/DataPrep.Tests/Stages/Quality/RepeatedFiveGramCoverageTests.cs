using System.Text;
using DataPrep.Stages.Quality;
using DataPrep.Tests.Shared;
using DataPrep.Tests.Support;
using Xunit;

namespace DataPrep.Tests.Stages.Quality;

/// <summary>
/// After the top-bigram pass the repeated 5-gram coverage looks only at 5-grams over four repeated bigrams; without it,
/// at every 5-gram. Both must give the same coverage.
/// </summary>
public sealed class RepeatedFiveGramCoverageTests
{
    [Theory]
    [InlineData(1, 6)]
    [InlineData(2, 12)]
    [InlineData(3, 40)]
    [InlineData(4, 400)]
    public void CoverageAfterTheTopBigramPassEqualsTheFullPass(int seed, int vocabulary)
    {
        var random = new Random(seed);
        var words = Enumerable.Range(0, vocabulary).Select(i => $"w{i}" + (i % 3 == 0 ? "." : "")).ToArray();
        for (var document = 0; document < 300; document++)
        {
            var text = new StringBuilder();
            var count = random.Next(0, 300);
            for (var w = 0; w < count; w++)
            {
                // Copies of earlier stretches make repeated 5-grams, overlapping ones and ones cut short.
                if (w > 20 && random.Next(10) == 0)
                {
                    var from = random.Next(text.Length / 2);
                    text.Append(text.ToString(from, Math.Min(random.Next(5, 60), text.Length - from)));
                }
                text.Append(words[random.Next(words.Length)]).Append(random.Next(12) == 0 ? '\n' : ' ');
            }
            AssertSameCoverage(text.ToString());
        }
    }

    [Fact]
    public void ARepeatedFiveGramIsCoveredBothWays()
    {
        var text = "one two three four five six and then one two three four five again";

        var full = DocumentAnalysis.AnalyzeUncached(text, asciiBlocks: true).RepeatedFiveGramCoverage();

        Assert.Equal("onetwothreefourfive".Length, full);
        AssertSameCoverage(text);
    }

    [SharedDataTheory]
    [InlineData("en-wiki.jsonl.gz")]
    [InlineData("ko-wiki.jsonl.gz")]
    [InlineData("ko-nsmc-reviews.jsonl.gz")]
    public void CoverageAfterTheTopBigramPassEqualsTheFullPassOnRealText(string corpus)
    {
        foreach (var document in CorpusReader.Read(corpus, limit: 500))
        {
            AssertSameCoverage(document.Text);
        }
    }

    private static void AssertSameCoverage(string text)
    {
        var full = DocumentAnalysis.AnalyzeUncached(text, asciiBlocks: true).RepeatedFiveGramCoverage();
        var afterBigrams = DocumentAnalysis.AnalyzeUncached(text, asciiBlocks: true);
        afterBigrams.TopNGramChars(2);
        Assert.Equal(full, afterBigrams.RepeatedFiveGramCoverage());
    }
}
