using DataPrep.Documents;
using DataPrep.Stages.Quality;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Quality;

public class ScriptQualityFilterTests
{
    private static readonly ScriptQualityFilter Filter = new(new ScriptQualityOptions());

    private static string Reject(string text) => StageHarness.Run(Filter, Some.Document(text)).SingleCode;

    /// <summary>UTF-8 bytes of <paramref name="text"/> decoded as Latin-1: the commonest mojibake.</summary>
    private static string Misdecoded(string text) => System.Text.Encoding.Latin1.GetString(System.Text.Encoding.UTF8.GetBytes(text));

    [Fact]
    public void CleanEnglishKoreanMixedAndAccentedProsePass()
    {
        var accented = "A exposição de arte moderna atraiu muitos visitantes, e a organização ficou satisfeita com a reação do público.";
        var result = StageHarness.Run(Filter, Some.Document(QualityTexts.English), Some.Document(QualityTexts.Korean),
            Some.Document(QualityTexts.Mixed), Some.Document(accented), Some.Document("오늘 영화 정말 재미있었어요 ㅋㅋ 다음에도 친구들이랑 같이 보러 가고 싶어요"));
        Assert.Empty(result.Rejections);
    }

    [Fact]
    public void KoreanDecodedAsLatin1IsRejectedAsMojibake() =>
        Assert.Equal("quality.script.mojibake", Reject(Misdecoded(QualityTexts.Korean)));

    [Fact]
    public void ReplacementCharactersAreRejectedAsMojibake() =>
        Assert.Equal("quality.script.mojibake", Reject("The \uFFFD\uFFFD\uFFFD file \uFFFD\uFFFD could not \uFFFD\uFFFD be read."));

    [Fact]
    public void LaughterFloodIsRejectedAsJamoSpam() =>
        Assert.Equal("quality.script.jamo_spam", Reject("ㅋㅋㅋㅋㅋㅋㅋㅋ 진짜 웃기다 ㅎㅎㅎㅎ ㅠㅠㅠ"));

    [Fact]
    public void KoreanDocumentOfNumbersIsRejectedAsLowHangulRatio()
    {
        var document = Some.Document("2019년 3,415,220 4,118,903 5,009,114 6,771,280 합계 19,314,517");
        document.Metadata[MetadataKeys.Language] = "ko";
        Assert.Equal("quality.script.low_hangul_ratio", StageHarness.Run(Filter, document).SingleCode);
    }
}
