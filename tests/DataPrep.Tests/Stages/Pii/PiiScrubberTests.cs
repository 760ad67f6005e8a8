using System.Text.Json.Nodes;
using DataPrep.Configuration;
using DataPrep.Pipeline;
using DataPrep.Stages.Pii;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Pii;

public sealed class PiiScrubberTests
{
    private const string Text = "문의: hong.gildong@example.com 또는 010-1234-5678로 연락 주세요. 주민번호850315-1234566.";

    [Fact]
    public void EmailAddressIsReplacedAndCounted()
    {
        var result = StageHarness.Run(new PiiScrubber(), Some.Document("메일 abc@naver.com 으로"));
        Assert.Equal("메일 <EMAIL> 으로", Assert.Single(result.Kept).Text);
        Assert.Equal(1, result.Stats.Get("email.found"));
        Assert.Equal(1, result.Stats.Get("email.replaced"));
        Assert.Equal(1, result.Stats.Get(PiiScrubber.DocsWithPii));
    }

    [Fact]
    public void EveryTypeInOneDocumentGetsItsOwnTag()
    {
        var result = StageHarness.Run(new PiiScrubber(), Some.Document(Text));
        Assert.Equal("문의: <EMAIL> 또는 <PHONE>로 연락 주세요. 주민번호<RRN>.", Assert.Single(result.Kept).Text);
        Assert.Equal(1, result.Stats.Get("phone.replaced"));
        Assert.Equal(1, result.Stats.Get("rrn.replaced"));
    }

    [Fact]
    public void CleanDocumentPassesUnchangedAndUncounted()
    {
        var document = Some.Document("2024년 1월 15일 오후 3시, 가격은 15,000원입니다. 버전 1.2.3.");
        var before = document.Text;
        var result = StageHarness.Run(new PiiScrubber(), document);
        Assert.Same(before, Assert.Single(result.Kept).Text);
        Assert.Equal(0, result.Stats.Get(PiiScrubber.DocsWithPii));
    }

    [Fact]
    public void PolyglotPresetWritesItsVocabularyTokens()
    {
        var stage = new PiiScrubber(new PiiScrubOptions { Preset = PiiTagPreset.PolyglotKo });
        var text = stage.Scrub("전화 010-1234-5678, 주민번호 850315-1234566, 입금 계좌 국민 123456-01-234567");
        Assert.Equal("전화 <|tel|>, 주민번호 <|rrn|>, 입금 계좌 국민 <|acc|>", text);
    }

    [Fact]
    public void MaskKeepsLengthAndSeparators()
    {
        var stage = new PiiScrubber(new PiiScrubOptions { Action = PiiAction.Mask });
        Assert.Equal("연락처 ***-****-****로, ***@*****.***", stage.Scrub("연락처 010-1234-5678로, abc@naver.com"));
    }

    [Fact]
    public void HashGivesOnePseudonymPerValueAndSaltAndIgnoresSeparators()
    {
        var a = new PiiScrubber(new PiiScrubOptions { Action = PiiAction.Hash, HashSalt = "run-1" });
        var b = new PiiScrubber(new PiiScrubOptions { Action = PiiAction.Hash, HashSalt = "run-2" });
        var first = a.Scrub("010-1234-5678");
        Assert.Matches("^<PHONE:[0-9a-f]{10}>$", first);
        Assert.Equal(first, a.Scrub("01012345678"));
        Assert.NotEqual(first, a.Scrub("010-1234-5679"));
        Assert.NotEqual(first, b.Scrub("010-1234-5678"));
        Assert.Matches("^<\\|tel:[0-9a-f]{10}\\|>$",
            new PiiScrubber(new PiiScrubOptions { Action = PiiAction.Hash, HashSalt = "s", Preset = PiiTagPreset.PolyglotKo }).Scrub("010-1234-5678"));
    }

    [Fact]
    public void PerTypeSettingsOverrideTheStageWideOnes()
    {
        var stage = new PiiScrubber(new PiiScrubOptions
        {
            Email = new PiiTypeOptions { Enabled = false },
            Phone = new PiiTypeOptions { Tag = "[전화]" },
            Rrn = new PiiTypeOptions { Action = PiiAction.Mask },
        });
        Assert.Equal("문의: hong.gildong@example.com 또는 [전화]로 연락 주세요. 주민번호******-*******.", stage.Scrub(Text));
    }

    [Fact]
    public void DocumentWithARejectedTypeIsRejectedAsForbiddenTypeWithoutTheValue()
    {
        var stage = new PiiScrubber(new PiiScrubOptions { Key = new PiiTypeOptions { Action = PiiAction.Reject } });
        var result = StageHarness.Run(stage, Some.Document("token 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"), Some.Document("안녕하세요"));
        Assert.Equal(PiiScrubber.ForbiddenType.Code, result.SingleCode);
        var rejection = Assert.Single(result.Rejections);
        Assert.True(rejection.Reason.Sensitive);
        Assert.Equal("type=key count=1", rejection.Detail);
        Assert.Single(result.Kept);
    }

    [Fact]
    public void DocumentAboveTheCountLimitIsRejectedAsTooMany()
    {
        var stage = new PiiScrubber(new PiiScrubOptions { MaxPiiCount = 2 });
        var result = StageHarness.Run(stage, Some.Document("a@b.com c@d.com e@f.com"));
        Assert.Equal(PiiScrubber.TooMany.Code, result.SingleCode);
        Assert.Equal("pii=3>2", result.Rejections[0].Detail);
        Assert.DoesNotContain("@", result.Rejections[0].Detail);
    }

    [Fact]
    public void DocumentAboveTheDensityLimitIsRejectedAsTooDense()
    {
        var stage = new PiiScrubber(new PiiScrubOptions { MaxPiiPer1000Chars = 10 });
        var result = StageHarness.Run(stage, Some.Document("전화 010-1234-5678 " + Some.Words(5)));
        Assert.Equal(PiiScrubber.TooDense.Code, result.SingleCode);
        Assert.StartsWith("pii_per_1000_chars=", result.Rejections[0].Detail);
        Assert.DoesNotContain("5678", result.Rejections[0].Detail);
    }

    [Fact]
    public void HashWithoutSaltIsAnOptionsProblem()
    {
        var problems = new PiiScrubOptions { Phone = new PiiTypeOptions { Action = PiiAction.Hash } }.Validate().ToList();
        var problem = Assert.Single(problems);
        Assert.Equal("hashSalt", problem.Property);
        Assert.Contains("phone", problem.Message);
    }

    [Fact]
    public void StageIsRegisteredWithItsReasonsAndBindsFromConfig()
    {
        var registry = StageRegistry.CreateDefault();
        Assert.True(registry.TryGet("PiiScrub", out var descriptor));
        Assert.Equal(3, descriptor.Family);
        var node = JsonNode.Parse("""{ "preset": "polyglotKo", "phone": { "action": "mask" }, "maxPiiCount": 5 }""");
        var problems = new List<ConfigProblem>();
        var options = (PiiScrubOptions?)OptionsBinder.Bind(typeof(PiiScrubOptions), node, "stages[1].PiiScrub", problems);
        Assert.Empty(problems);
        Assert.Equal(PiiTagPreset.PolyglotKo, options!.Preset);
        Assert.Equal(PiiAction.Mask, options.ActionFor(PiiType.Phone));
        Assert.Equal(5, options.MaxPiiCount);
    }

    [Fact]
    public void ConfigRecipeBindsToValidOptions()
    {
        var tree = ConfigTree.Parse(File.ReadAllText(Path.Combine(TestPaths.Configs, "pii.yaml")), "pii.yaml")!;
        var stages = tree["stages"]!.AsArray();
        Assert.Equal("Normalize", stages[0]!.GetValue<string>());
        var problems = new List<ConfigProblem>();
        var options = (PiiScrubOptions?)OptionsBinder.Bind(typeof(PiiScrubOptions), stages[1]!["PiiScrub"], "stages[1].PiiScrub", problems);
        Assert.Empty(problems);
        Assert.All(PiiTypes.All, t => Assert.True(options!.IsEnabled(t)));
        Assert.All(PiiTypes.All, t => Assert.Equal(PiiAction.Tag, options!.ActionFor(t)));
    }
}
