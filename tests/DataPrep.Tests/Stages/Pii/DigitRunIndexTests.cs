using DataPrep.Stages.Pii;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Pii;

/// <summary>The number detectors walk the scan's shared digit-run index; alone they search the text themselves. Both
/// ways must find exactly the same values, on real text and on the digit shapes where the two could part.</summary>
public class DigitRunIndexTests
{
    private static readonly IPiiDetector[] NumberDetectors = PiiScanner.DefaultDetectors().Where(d => d.Triggers == PiiTrigger.Digit).ToArray();

    public static TheoryData<string> Texts()
    {
        var data = new TheoryData<string>
        {
            "010-1234-5678로 연락 주세요. 주민번호 900101-1234567, 사업자 123-45-67890.",
            "０１０－１２３４－５６７８ 전각 숫자와 4111 1111 1111 1111 카드",
            "12345678901234567890 긴 숫자, 끝에 숫자 7",
            "9",
            "no digits at all",
            "+82 10 1234 5678 (02) 123-4567 1588-1234 1999년 3개",
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void NumberDetectorsFindTheSameValuesThroughTheIndexAsAlone(string text) => AssertSameBothWays(text);

    [SharedDataFact]
    public void NumberDetectorsFindTheSameValuesThroughTheIndexOnRealCorpusText()
    {
        var documents = CorpusReader.Read("ko-petitions.jsonl.gz").Concat(CorpusReader.Read("en-wiki.jsonl.gz", limit: 40));
        var found = 0;
        foreach (var document in documents)
        {
            found += AssertSameBothWays(document.Text);
        }
        Assert.True(found > 0, "the corpus sample holds numbers the detectors report");
    }

    [Fact]
    public void TheIndexServesOnlyTheTextItWasBuiltFor()
    {
        var text = "전화 010-1234-5678";
        var index = DigitRunIndex.Begin(text);
        try
        {
            Assert.Same(index, DigitRunIndex.For(text));
            Assert.Null(DigitRunIndex.For(text.AsSpan(1)));
            Assert.Equal([3, 7, 12], index.Starts.ToArray());
        }
        finally
        {
            index.End();
        }
        Assert.Null(DigitRunIndex.For(text));
    }

    private static int AssertSameBothWays(string text)
    {
        var found = 0;
        foreach (var detector in NumberDetectors)
        {
            var alone = new List<PiiMatch>();
            detector.Detect(text, alone);
            var indexed = new List<PiiMatch>();
            var index = DigitRunIndex.Begin(text);
            try
            {
                detector.Detect(text, indexed);
            }
            finally
            {
                index.End();
            }
            Assert.Equal(alone, indexed);
            found += alone.Count;
        }
        return found;
    }
}
