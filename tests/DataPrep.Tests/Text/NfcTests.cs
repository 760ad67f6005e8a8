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

    [Fact]
    public void NoBmpCharacterPassesTheFastTestsUnlessTheTextReallyIsNfcWhateverFollowsIt()
    {
        // Marks that compose with, reorder around or attach to what precedes them.
        string[] followers = ["", "\u0301", "\u0308", "\u0338", "\u0345", "\u05B0", "\u3099", "\u302A", "\u1161", "\u11A8"];
        var accepted = 0;
        for (var c = 1; c <= 0xFFFF; c++)
        {
            if (char.IsSurrogate((char)c))
            {
                continue;
            }
            // Over 64 UTF-8 bytes, so the 64-byte block test runs, with the character at every offset modulo its length,
            // and the follower inside a block, not in the few bytes after the last block that are checked one by one.
            var run = new string((char)c, 70);
            foreach (var follower in followers)
            {
                var text = "ab" + run + follower + new string('가', 40);
                var utf8 = Encoding.UTF8.GetBytes(text);
                var fastUtf8 = Nfc.IsTriviallyNormalized(utf8);
                var fastUtf16 = Nfc.IsTriviallyNormalized(text);
                if ((fastUtf8 || fastUtf16) && !text.IsNormalized(NormalizationForm.FormC))
                {
                    Assert.Fail($"U+{c:X4} followed by {string.Concat(follower.Select(f => $"U+{(int)f:X4}"))}: fast test says NFC, it is not");
                }
                accepted += fastUtf8 ? 1 : 0;
            }
        }
        // The fast path must still do its job: Hangul, CJK, kana, punctuation and the rest of its ranges pass it.
        Assert.True(accepted > 25_000, $"only {accepted} strings passed the fast test");
    }

    [Fact]
    public void KoreanTextWithHanjaQuotesAndFullWidthFormsPassesTheFastTest()
    {
        var text = string.Concat(Enumerable.Repeat("대한민국(大韓民國)은 “민주공화국”이다… 「헌법」 ＡＢＣ ㎡ ㅋㅋ カタカナ ひらがな ", 4));
        Assert.True(Nfc.IsTriviallyNormalized(Encoding.UTF8.GetBytes(text)));
        Assert.True(Nfc.IsTriviallyNormalized(text));
        Assert.False(Nfc.IsTriviallyNormalized(Encoding.UTF8.GetBytes(text + "か\u3099")));
    }
}
