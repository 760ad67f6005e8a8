using DataPrep.Stages.Mixing;

namespace DataPrep.Tests.Stages.Mixing;

public sealed class MixSolverTests
{
    private static MixSourceOptions Source(string name, double? maxEpochs = null) => new() { Name = name, Path = ["unused"], MaxEpochs = maxEpochs };

    // A source of `documents` documents of `tokens` tokens each in `language`, with the coins real ids would get.
    private static MixSourceMeasurement Measured(string name, string language, int documents, int tokens, long seed = 1)
    {
        var hash = new MixHash(seed, name);
        var measurement = new MixSourceMeasurement(name) { Files = 1 };
        for (var i = 0; i < documents; i++)
        {
            measurement.Cell(language).Add(hash.Of($"{name}-{i}"), tokens + (i % 7), 3 * tokens);
        }
        return measurement;
    }

    private static MixOptions Options(long budget, Dictionary<string, double> targets, params MixSourceOptions[] sources) =>
        new() { TokenBudget = budget, Targets = targets, Sources = sources, Seed = 1 };

    [Fact]
    public void EachLanguageIsPlannedAtItsShareOfTheBudget()
    {
        var options = Options(10_000, new() { ["ko"] = 0.3, ["en"] = 0.7 }, Source("ko-a"), Source("en-a"));
        var plan = MixSolver.Solve(options, "test", [Measured("ko-a", "ko", 2_000, 20), Measured("en-a", "en", 500, 10)]);

        var ko = plan.Targets.Single(t => t.Key == "ko");
        Assert.Equal(3_000, ko.WantedTokens, 6);
        // Within half a histogram bucket (a document or two here).
        Assert.InRange(plan.Cells.Single(c => c.Language == "ko").ExpectedTokens, 2_970, 3_030);
        Assert.InRange(plan.Cells.Single(c => c.Language == "en").ExpectedTokens, 6_970, 7_030);
        Assert.False(plan.HasShortfall);
    }

    [Fact]
    public void UpsamplingTakesWholePassesAndAHashDecidedFraction()
    {
        var en = Measured("en-a", "en", 1_000, 10);
        var options = Options((long)Math.Round(en.Tokens * 2.5), new() { ["en"] = 1.0 }, Source("en-a"));

        var cell = MixSolver.Solve(options, "test", [en]).Cells.Single();

        Assert.Equal(2, cell.FullPasses);
        Assert.Equal(2.5, cell.Rate, 2);
        // The fractional pass is read off the token histogram: replaying the coins gives the wanted tokens closely.
        var hash = new MixHash(1, "en-a");
        long written = 0;
        for (var i = 0; i < 1_000; i++)
        {
            written += cell.CopiesOf(hash.Of($"en-a-{i}")) * (10 + (i % 7));
        }
        Assert.Equal(cell.ExpectedTokens, written);
        Assert.InRange(written, options.TokenBudget - 30, options.TokenBudget + 30);
    }

    [Fact]
    public void ACappedSourceStaysAtItsCapAndTheOthersOfItsTargetMakeUpTheTokens()
    {
        var small = Measured("en-small", "en", 100, 10);
        var large = Measured("en-large", "en", 1_000, 10);
        var budget = 3 * (small.Tokens + large.Tokens);
        var options = Options(budget, new() { ["en"] = 1.0 }, Source("en-small", maxEpochs: 1), Source("en-large", maxEpochs: 4));

        var plan = MixSolver.Solve(options, "test", [small, large]);

        Assert.Equal(1.0, plan.Cells.Single(c => c.Source == "en-small").Rate, 9);
        var largeRate = plan.Cells.Single(c => c.Source == "en-large").Rate;
        Assert.Equal((budget - small.Tokens) / (double)large.Tokens, largeRate, 2);
        Assert.False(plan.HasShortfall);
    }

    [Fact]
    public void ATargetTheEpochCapsCannotMeetIsReportedAsShortWithTheMostTheCapsAllow()
    {
        var ko = Measured("ko-a", "ko", 100, 10);
        var en = Measured("en-a", "en", 10_000, 10);
        var options = Options(100_000, new() { ["ko"] = 0.3, ["en"] = 0.7 }, Source("ko-a", maxEpochs: 2), Source("en-a"));

        var plan = MixSolver.Solve(options, "test", [ko, en]);

        var target = plan.Targets.Single(t => t.Key == "ko");
        Assert.True(target.IsShort);
        Assert.Equal(2.0 * ko.Tokens, target.MaxTokens, 6);
        Assert.Equal(2.0, plan.Cells.Single(c => c.Source == "ko-a").Rate, 9);
        var message = Assert.Single(plan.Shortfalls);
        Assert.Contains("target 'ko' wants 30,000 tokens", message, StringComparison.Ordinal);
        Assert.Contains("allowShortfall", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentsOfALanguageWithoutTargetAreLeftOut()
    {
        var mixed = Measured("web", "en", 500, 10);
        mixed.Add(Measured("web", "other", 50, 10));
        var options = Options(1_000, new() { ["en"] = 1.0 }, Source("web"));

        var plan = MixSolver.Solve(options, "test", [mixed]);

        var other = plan.Cells.Single(c => c.Language == "other");
        Assert.Null(other.Target);
        Assert.Equal(0, other.CopiesOf(0));
        Assert.Equal(0, other.ExpectedTokens);
    }

    [Fact]
    public void TargetsBySourceGiveEachSourceItsShareWhateverTheLanguageOfItsDocuments()
    {
        var news = Measured("news", "ko", 1_000, 10);
        news.Add(Measured("news", "en", 1_000, 10));
        var wiki = Measured("wiki", "en", 5_000, 10);
        var options = Options(20_000, new() { ["news"] = 0.5, ["wiki"] = 0.5 }, Source("news"), Source("wiki")) with { TargetsBy = MixTargetKind.Source };

        var plan = MixSolver.Solve(options, "test", [news, wiki]);

        Assert.InRange(plan.Cells.Where(c => c.Source == "news").Sum(c => c.ExpectedTokens), 9_970, 10_030);
        Assert.InRange(plan.Cells.Where(c => c.Source == "wiki").Sum(c => c.ExpectedTokens), 9_970, 10_030);
        // One rate for both languages of the source, up to the bucket rounding carried between its cells.
        Assert.InRange(Math.Abs(plan.Cells.Single(c => c.Source == "news" && c.Language == "ko").Rate - plan.Cells.Single(c => c.Source == "news" && c.Language == "en").Rate), 0, 0.02);
    }
}
