using DataPrep.Stages.Mixing;

namespace DataPrep.Tests.Stages.Mixing;

public sealed class TokenHistogramTests
{
    [Fact]
    public void TheThresholdSelectsDocumentsHoldingTheWantedTokens()
    {
        var hash = new MixHash(3, "petitions");
        var histogram = new TokenHistogram();
        var documents = Enumerable.Range(0, 20_000).Select(i => (Coin: hash.Of($"petition-{i}"), Tokens: 50 + (i * 37 % 900))).ToList();
        foreach (var (coin, tokens) in documents)
        {
            histogram.Add(coin, tokens);
        }
        var total = documents.Sum(d => (long)d.Tokens);

        foreach (var share in new[] { 0.01, 0.3, 0.77, 0.999 })
        {
            var (threshold, expected, count) = histogram.ThresholdFor(share * total);
            var below = documents.Where(d => d.Coin < threshold).ToList();
            // A threshold on a bucket boundary selects exactly what the histogram counted ...
            Assert.Equal(expected, below.Sum(d => (long)d.Tokens));
            Assert.Equal(count, below.Count);
            // ... and lands within half a bucket (about 5 documents of at most ~950 tokens) of the wanted tokens.
            Assert.InRange(expected, share * total - 2_500, share * total + 2_500);
        }
    }

    [Fact]
    public void NothingWantedMeansNothingBelowAndMoreThanEverythingMeansEverything()
    {
        var histogram = new TokenHistogram();
        histogram.Add(12345, 10);
        Assert.Equal(0UL, histogram.ThresholdFor(0).Threshold);
        Assert.Equal(ulong.MaxValue, histogram.ThresholdFor(11).Threshold);
        Assert.Equal(10, histogram.ThresholdFor(11).Tokens);
    }
}
