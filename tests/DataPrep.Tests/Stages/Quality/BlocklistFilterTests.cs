using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Stages.Quality;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Quality;

public class BlocklistFilterTests
{
    private static readonly BlocklistFilter Filter = new(new BlocklistOptions());

    [Fact]
    public void CleanEnglishKoreanAndMixedProsePass() =>
        Assert.Empty(StageHarness.Run(Filter, Some.Document(QualityTexts.English), Some.Document(QualityTexts.Korean), Some.Document(QualityTexts.Mixed)).Rejections);

    [Fact]
    public void EnglishBlockedWordIsRejectedAsWordCount() =>
        Assert.Equal("quality.blocklist.word_count", StageHarness.Run(Filter, Some.Document("Watch free PORN videos here.")).SingleCode);

    [Fact]
    public void EnglishWordsMatchWholeWordsOnly() =>
        Assert.Empty(StageHarness.Run(Filter, Some.Document("The shitake mushroom grows on scunthorpe logs.")).Rejections);

    [Fact]
    public void KoreanEntryMatchesWithAParticleAttached() =>
        Assert.Equal("quality.blocklist.word_count", StageHarness.Run(Filter, Some.Document("오늘 토토사이트를 추천합니다")).SingleCode);

    [Fact]
    public void KoreanOrdinaryWordsContainingBlockedSyllablesPass() =>
        Assert.Empty(StageHarness.Run(Filter, Some.Document("그는 영화를 보지 않았고 자위대는 훈련을 마쳤다. 1896년은 병신년이다.")).Rejections);

    [Fact]
    public void PhraseEntriesMatchWordSequences()
    {
        var filter = new BlocklistFilter(new() { UseDefaultLists = false, Words = ["click here now"] });
        Assert.Equal("quality.blocklist.word_count", StageHarness.Run(filter, Some.Document("Please, click here now!")).SingleCode);
        Assert.Empty(StageHarness.Run(filter, Some.Document("Click here to read more, now.")).Rejections);
    }

    [Fact]
    public void DenseMatchesAreRejectedAsWordRatioWhenTheCountRuleIsOff()
    {
        var filter = new BlocklistFilter(new() { MinMatches = 0, MaxMatchRatio = 0.045 });
        Assert.Equal("quality.blocklist.word_ratio", StageHarness.Run(filter, Some.Document("free spins and online casino bonus tonight")).SingleCode);
        Assert.Empty(StageHarness.Run(filter, Some.Document(QualityTexts.English + " One porn mention.")).Rejections);
    }

    [Fact]
    public void UrlInABlockedDomainOrSubdomainIsRejected()
    {
        var folder = TestPaths.NewTempDirectory();
        File.WriteAllLines(Path.Combine(folder, "domains.txt"), ["# adult", "bad.example"]);
        var filter = new BlocklistFilter(new() { DomainFiles = ["domains.txt"] }, StageBuildContext.Default with { BaseDirectory = folder });
        var blocked = Some.Document(QualityTexts.English);
        blocked.Metadata[MetadataKeys.Url] = "https://www.bad.example/page?id=1";
        var fine = Some.Document(QualityTexts.English);
        fine.Metadata[MetadataKeys.Url] = "https://notbad.example/";
        var result = StageHarness.Run(filter, blocked, fine);
        Assert.Equal("quality.blocklist.url", result.SingleCode);
        Assert.Equal([fine.Id], result.KeptIds);
    }
}
