using DataPrep.Configuration;
using DataPrep.Stages.Mixing;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Mixing;

public sealed class MixConfigTests
{
    private static readonly string Folder = CreateFolder();

    private static string CreateFolder()
    {
        var folder = TestPaths.NewTempDirectory();
        TestFiles.WriteJsonl(folder, "ko.jsonl", [new { id = "k1", text = "안녕하세요" }]);
        TestFiles.WriteJsonl(folder, "en.jsonl", [new { id = "e1", text = "Hello there" }]);
        return folder;
    }

    private static PipelineConfigException Invalid(string yaml) =>
        Assert.Throws<PipelineConfigException>(() => MixConfig.Parse(yaml, "mix.yaml", Folder));

    [Fact]
    public void AValidConfigBindsSourcesTargetsAndDefaults()
    {
        var config = MixConfig.Parse("""
            mix:
              tokenBudget: 1000
              targets: { ko: 0.3, en: 0.7 }
              sources:
                - { name: ko, path: ko.jsonl, maxEpochs: 2 }
                - { name: en, path: "*.jsonl", language: en }
            output: { path: out }
            """, "mix.yaml", Folder);

        Assert.Equal(2, config.Mix.Sources.Count);
        Assert.Equal(0.3, config.Mix.Targets["ko"]);
        Assert.Equal(2, config.Mix.EpochCapOf(config.Mix.Sources[0]));
        Assert.Equal(4, config.Mix.EpochCapOf(config.Mix.Sources[1]));
        Assert.Equal(2, config.SourceFiles[1].Count);
        Assert.Equal("o200k_base", config.TokenizerSpec);
    }

    [Fact]
    public void ASourcePathThatMatchesNothingIsNamedByItsConfigPath()
    {
        var e = Invalid("""
            mix:
              tokenBudget: 1000
              targets: { ko: 1 }
              sources: [ { name: ko, path: "missing/*.jsonl.gz" } ]
            """);
        var problem = Assert.Single(e.Problems);
        Assert.Equal("mix.sources[0].path", problem.Path);
        Assert.Contains("matches no file", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SharesThatDoNotSumToOneAreAnError()
    {
        var e = Invalid("""
            mix:
              tokenBudget: 1000
              targets: { ko: 0.3, en: 0.6 }
              sources: [ { name: all, path: ko.jsonl } ]
            """);
        var problem = Assert.Single(e.Problems);
        Assert.Equal("mix.targets", problem.Path);
        Assert.Contains("sum to 0.9", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownLanguageListsTheNearestValidOnes()
    {
        var e = Invalid("""
            mix:
              tokenBudget: 1000
              targets: { kr: 0.3, en: 0.7 }
              sources: [ { name: all, path: ko.jsonl, language: korean } ]
            """);
        Assert.Contains(e.Problems, p => p.Path == "mix.targets.kr" && p.Message.Contains("Did you mean 'ko'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Path == "mix.sources[0].language" && p.Message.Contains("unknown language 'korean'", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownSourceOptionOrTargetSourceIsNamedWithTheNearestNames()
    {
        var e = Invalid("""
            mix:
              tokenBudget: 0
              targetsBy: source
              targets: { kowiki: 0.5, en: 0.5 }
              sources:
                - { name: ko-wiki, path: ko.jsonl, maxEpoch: 2 }
                - { name: en, path: en.jsonl }
            """);
        Assert.Contains(e.Problems, p => p.Path == "mix.sources[0].maxEpoch" && p.Message.Contains("'maxEpochs'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Path == "mix.targets.kowiki" && p.Message.Contains("Did you mean 'ko-wiki'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Path == "mix.tokenBudget");
    }

    [Fact]
    public void TargetsByBindsAsACamelCaseNameThroughMixingsOwnContextAndRefusesANumber()
    {
        var config = MixConfig.Parse("""
            mix:
              tokenBudget: 1000
              targetsBy: Source
              targets: { ko: 0.5, en: 0.5 }
              sources: [ { name: ko, path: ko.jsonl }, { name: en, path: en.jsonl } ]
            """, "mix.yaml", Folder);
        Assert.Equal(MixTargetKind.Source, config.Mix.TargetsBy);

        var e = Invalid("""
            mix:
              tokenBudget: 1000
              targetsBy: 1
              targets: { ko: 1 }
              sources: [ { name: ko, path: ko.jsonl } ]
            """);
        var problem = Assert.Single(e.Problems, p => p.Path == "mix.targetsBy");
        Assert.Contains("one of 'language', 'source'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingMixBlockAndAnUnknownTopLevelKeyAreBothReported()
    {
        var e = Invalid("""
            mixture: { tokenBudget: 10 }
            """);
        Assert.Contains(e.Problems, p => p.Path == "mixture" && p.Message.Contains("'mix'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Path == "mix");
    }

    [SharedDataFact]
    public void TheRecipeBindsAndFindsEveryCorpus()
    {
        var config = MixConfig.Load(Path.Combine(TestPaths.Configs, "mix.yaml"), TestPaths.RepositoryRoot);

        Assert.Equal(0.30, config.Mix.Targets["ko"]);
        Assert.Equal(20_000_000, config.Mix.TokenBudget);
        Assert.All(config.SourceFiles, files => Assert.Single(files));
    }
}
