using System.Text;
using DataPrep.Text;

namespace DataPrep.Tests.Text;

public class NfcTests
{
    [Fact]
    public void TheFastPathAgreesWithThePlatformOnEveryKindOfText()
    {
        var random = new Random(11);
        var pieces = new[] { "한국어 문장입니다. ", "English words, ", "ㅋㅋㅋ ", "漢字 ", "카ㅌ", "e\u0301", "\u1112\u1161\u11AB", "한\u11A8", "Ω\u2126", "①", "ｶﾞ", "😀", "\uFB01" };
        for (var n = 0; n < 2000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => pieces[random.Next(pieces.Length)]));
            Assert.Equal(text.IsNormalized(NormalizationForm.FormC), Nfc.IsNormalized(text));
            Assert.Equal(text.Normalize(NormalizationForm.FormC), Nfc.Normalize(text));
        }
    }

    [Fact]
    public void LongHangulRunsAreTriviallyNormalizedAndATrailingJamoIsNot()
    {
        var text = string.Concat(Enumerable.Repeat("대한민국 헌법은 1948년에 제정되었다. ", 50));
        Assert.True(Nfc.IsTriviallyNormalized(text));
        Assert.False(Nfc.IsTriviallyNormalized(text + "하\u11A8"));
        Assert.False(Nfc.IsNormalized(text + "하\u11A8")); // 하 + ᆨ composes to 학
    }
}
