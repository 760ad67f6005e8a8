using System.Text;
using DataPrep.Stages.Dedup.Substring;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Dedup.Substring;

public sealed class SuffixArrayTests
{
    /// <summary>The definition: positions ordered by their suffixes, compared byte by byte (a prefix sorts first).</summary>
    private static int[] NaiveSuffixArray(byte[] text)
    {
        var positions = Enumerable.Range(0, text.Length).ToArray();
        Array.Sort(positions, (a, b) => text.AsSpan(a).SequenceCompareTo(text.AsSpan(b)));
        return positions;
    }

    private static int[] Build(byte[] text)
    {
        var suffixes = new int[text.Length];
        SuffixArray.Build(text, suffixes);
        return suffixes;
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("banana")]
    [InlineData("mississippi")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("abababababababab")]
    [InlineData("무궁화 꽃이 피었습니다 무궁화 꽃이 피었습니다")]
    public void SmallTextsSortLikeTheDefinition(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);

        Assert.Equal(NaiveSuffixArray(bytes), Build(bytes));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(256, 4)]
    public void RandomTextsOverSmallAndFullAlphabetsSortLikeTheDefinition(int alphabet, int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 30; round++)
        {
            var text = new byte[random.Next(1, 600)];
            for (var i = 0; i < text.Length; i++)
            {
                text[i] = (byte)random.Next(alphabet);
            }

            Assert.Equal(NaiveSuffixArray(text), Build(text));
        }
    }

    [Fact]
    public void RealKoreanAndEnglishDocumentsJoinedBySeparatorsSortLikeTheDefinition()
    {
        var joined = new MemoryStream();
        foreach (var document in CorpusReader.Read("ko-wiki.jsonl.gz", limit: 12).Concat(CorpusReader.Read("en-wiki.jsonl.gz", limit: 6)))
        {
            // Repeats make deep recursion: every document twice.
            var bytes = Encoding.UTF8.GetBytes(document.Text[..Math.Min(document.Text.Length, 1500)]);
            joined.Write(bytes);
            joined.WriteByte(0xFF);
            joined.Write(bytes);
            joined.WriteByte(0xFF);
        }
        var text = joined.ToArray();

        Assert.Equal(NaiveSuffixArray(text), Build(text));
    }
}
