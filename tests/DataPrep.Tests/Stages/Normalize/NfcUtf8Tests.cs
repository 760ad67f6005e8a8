using System.Text;
using DataPrep.Text;

namespace DataPrep.Tests.Stages.Normalize;

public class NfcUtf8Tests
{
    [Fact]
    public void EveryCharacterTheFastTestPassesIsNfcInAnyNeighbourhoodAndBothEncodingsAgree()
    {
        for (var c = 1; c <= 0xFFFF; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }
            var ch = ((char)c).ToString();
            var utf16 = Nfc.IsTriviallyNormalized(ch.AsSpan());
            Assert.Equal(utf16, Nfc.IsTriviallyNormalized(Encoding.UTF8.GetBytes(ch)));
            if (!utf16)
            {
                continue;
            }
            foreach (var text in new[] { ch, "a" + ch, "가" + ch, "=" + ch, "e" + ch, ch + "a", ch + ch, "\u1100" + ch })
            {
                Assert.True(text.IsNormalized(NormalizationForm.FormC), $"U+{c:X4} in a neighbourhood is not NFC");
            }
        }
    }

    [Fact]
    public void LongMixedUtf8IsCheckedAcrossBlockBoundaries()
    {
        var clean = string.Concat(Enumerable.Repeat("대한민국 헌법 “제1조” ㎡ ★ ㅋㅋ abc 가나다라마바사 ", 40));
        Assert.True(Nfc.IsTriviallyNormalized(Encoding.UTF8.GetBytes(clean)));
        for (var at = 0; at < 200; at += 7)
        {
            var broken = clean.Insert(at, "\u0301");
            Assert.False(Nfc.IsTriviallyNormalized(Encoding.UTF8.GetBytes(broken)));
            Assert.False(Nfc.IsTriviallyNormalized(Encoding.UTF8.GetBytes(clean.Insert(at, "\u11A8"))));
        }
    }
}
