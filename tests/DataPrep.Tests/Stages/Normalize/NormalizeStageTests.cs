using System.Text;
using DataPrep.Stages.Normalize;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Normalize;

public class NormalizeStageTests
{
    private static readonly NormalizeStage Stage = new(new NormalizeOptions());

    private static string Normalize(string text) => Assert.Single(StageHarness.Run(Stage, Some.Document(text)).Kept).Text;

    [Fact]
    public void DecomposedHangulBecomesComposed()
    {
        var nfd = "한국어 문장".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("한국어 문장", nfd);
        Assert.Equal("한국어 문장", Normalize(nfd));
    }

    [Fact]
    public void CompatibilityJamoAreNotFoldedAsNfkcWould()
    {
        Assert.Equal("ㅋㅋㅋ ㅎㅏ", Normalize("ㅋㅋㅋ ㅎㅏ"));
        Assert.Equal("ＡＢＣ", Normalize("ＡＢＣ"));
    }

    [Fact]
    public void ControlAndZeroWidthCharactersAreRemoved() =>
        Assert.Equal("벨소리와 보이지 않는 공백", Normalize("벨\u0007소리와\u200B 보이지\uFEFF 않는\u007F 공백"));

    [Fact]
    public void SpacesCollapseButLineAndParagraphBreaksStay() =>
        Assert.Equal("첫 줄\n둘째 줄\n\n새 문단", Normalize("  첫\t\u00A0 줄  \r\n둘째 줄   \r\n\r\n\r\n\r\n  새 문단  \n"));

    [Fact]
    public void CleanTextIsReturnedUnchangedWithoutCopying()
    {
        var text = "이미 깨끗한 문장입니다.\n\n둘째 문단.";
        var result = StageHarness.Run(Stage, Some.Document(text));
        Assert.Same(text, Assert.Single(result.Kept).Text);
        Assert.Equal(0, result.Stats.Get("changed"));
    }

    [Fact]
    public void WhitespaceOnlyDocumentIsRejectedAsEmpty()
    {
        var result = StageHarness.Run(Stage, Some.Document(" \u200B\r\n\t "));
        Assert.Equal("normalize.empty", result.SingleCode);
    }

    [Fact]
    public void NewlineLimitZeroKeepsEveryBlankLine() =>
        Assert.Equal("a\n\n\n\nb", Assert.Single(StageHarness.Run(new NormalizeStage(new NormalizeOptions { MaxConsecutiveNewlines = 0 }), Some.Document("a\n\n\n\nb")).Kept).Text);

    [Fact]
    public void WithoutCollapsingSpacesAControlIsStillRemovedFromTextThatStartsWithASpace()
    {
        var stage = new NormalizeStage(new NormalizeOptions { CollapseSpaces = false });
        Assert.Equal(" 벨소리 ", Assert.Single(StageHarness.Run(stage, Some.Document(" 벨\u0007소리 ")).Kept).Text);
    }
}
