using System.Text;
using DataPrep.Tests.Support;
using DataPrep.Text;

namespace DataPrep.Tests.Text;

/// <summary>
/// <see cref="Nfc.IsTriviallyNormalized(ReadOnlySpan{byte}, VectorWidth)"/> and its UTF-16 twin with 256-bit vectors (AVX2,
/// the default native binary) and 512-bit ones against the character-by-character answer, each width this machine
/// accelerates run directly.
/// </summary>
public class NfcWidthTests
{
    [SharedDataFact]
    public void CorpusTextsGiveTheScalarAnswerAtEveryWidth()
    {
        var texts = new[] { "ko-wiki.jsonl.gz", "ko-petitions.jsonl.gz", "en-wiki.jsonl.gz", "en-web-cc.jsonl.gz", "ko-en-parallel-news.jsonl.gz" }
            .SelectMany(f => CorpusReader.Read(f, limit: 300)).Select(d => d.Text).ToList();
        var trivial = 0;
        foreach (var text in texts)
        {
            trivial += AssertSameAnswer(text) ? 1 : 0;
            // Cut at an odd place too, so that the vector blocks fall elsewhere in the text.
            AssertSameAnswer(text[(text.Length / 3)..]);
        }
        Assert.InRange(trivial, 1, texts.Count - 1);
    }

    [Fact]
    public void ACharacterOutsideTheFastRangesIsFoundAtEveryOffset()
    {
        // Hangul and ASCII only (the UTF-16 vector test's two ranges), and with the other ranges the UTF-8 test accepts.
        var hangul = string.Concat(Enumerable.Repeat("대한민국 헌법 제1조 abc 가나다라마바사 힣 ", 12));
        var mixed = string.Concat(Enumerable.Repeat("대한민국 헌법 “제1조” ㎡ ★ ㅋㅋ abc 가나다라마바사 ", 12));
        var planted = new[] { "\u0301", "\u11A8", "\u3099", "\u302A", "\u2126", "\uFB01", "\uF900", "😀", "\u0300", "\uFF5F", "\uD7A4", "\uABFF", "\u2029" };
        foreach (var clean in new[] { hangul, mixed })
        {
            Assert.True(AssertSameAnswer(clean));
            for (var at = 0; at < 220; at++)
            {
                foreach (var piece in planted)
                {
                    Assert.False(AssertSameAnswer(clean.Insert(at, piece)));
                    Assert.False(AssertSameAnswer(new string('a', at) + piece + clean));
                }
                AssertSameAnswer(clean[..at]);
            }
        }
    }

    private static bool AssertSameAnswer(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var expected = Nfc.IsTriviallyNormalized(text.AsSpan(), VectorWidth.None);
        Assert.Equal(expected, Nfc.IsTriviallyNormalized(utf8, VectorWidth.None));
        foreach (var width in VectorWidths.Accelerated)
        {
            Assert.True(expected == Nfc.IsTriviallyNormalized(text.AsSpan(), width), $"UTF-16 {width} differs ({text.Length} chars)");
            Assert.True(expected == Nfc.IsTriviallyNormalized(utf8, width), $"UTF-8 {width} differs ({utf8.Length} bytes)");
        }
        return expected;
    }
}
