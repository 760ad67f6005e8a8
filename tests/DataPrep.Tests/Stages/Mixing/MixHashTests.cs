using DataPrep.Stages.Mixing;

namespace DataPrep.Tests.Stages.Mixing;

public sealed class MixHashTests
{
    [Fact]
    public void TheCoinDependsOnlyOnSeedSourceAndId()
    {
        Assert.Equal(new MixHash(7, "ko-wiki").Of("kowiki-5"), new MixHash(7, "ko-wiki").Of("kowiki-5"));
        Assert.NotEqual(new MixHash(7, "ko-wiki").Of("kowiki-5"), new MixHash(8, "ko-wiki").Of("kowiki-5"));
        Assert.NotEqual(new MixHash(7, "ko-wiki").Of("kowiki-5"), new MixHash(7, "en-wiki").Of("kowiki-5"));
        Assert.NotEqual(new MixHash(7, "ko-wiki").Of("kowiki-5"), new MixHash(7, "ko-wiki").Of("kowiki-6"));
        // Long ids take the pooled path and hash the same bytes.
        var longId = new string('가', 400);
        Assert.Equal(new MixHash(7, "s").Of(longId), new MixHash(7, "s").Of(longId));
    }

    [Fact]
    public void CoinsOfSequentialIdsAreUniform()
    {
        var hash = new MixHash(1, "reviews");
        var buckets = new int[10];
        for (var i = 0; i < 100_000; i++)
        {
            buckets[(int)(hash.Of($"nsmc-{i}") / (ulong.MaxValue / 10 + 1))]++;
        }
        Assert.All(buckets, b => Assert.InRange(b, 9_500, 10_500));
    }
}
