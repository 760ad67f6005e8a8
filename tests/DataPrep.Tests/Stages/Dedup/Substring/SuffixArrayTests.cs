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
    // Step 1 leaves only the LMS entries (complemented) in place: position 1 LMS, position 0 S-type (never LMS),
    // an all-S prefix, and LMS positions that share one bucket.
    [InlineData("ba")]
    [InlineData("bab")]
    [InlineData("abcd")]
    [InlineData("aabaabaab")]
    [InlineData("cbabcbabcba")]
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

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(256)]
    public void TextsAroundTheBoundariesOfTypeWordsSortLikeTheDefinition(int alphabet)
    {
        // The S/L types are packed 64 to a word and LMS positions are found a word at a time, carrying the type of
        // the previous word's last position: lengths just below, at and above multiples of 64 exercise the carry.
        var random = new Random(alphabet);
        foreach (var length in new[] { 62, 63, 64, 65, 66, 127, 128, 129, 191, 192, 193, 4095, 4096, 4097 })
        {
            for (var round = 0; round < 5; round++)
            {
                var text = new byte[length];
                for (var i = 0; i < text.Length; i++)
                {
                    text[i] = (byte)random.Next(alphabet);
                }

                Assert.Equal(NaiveSuffixArray(text), Build(text));
            }
        }
    }

    public static TheoryData<byte[]> EdgeTexts()
    {
        var data = new TheoryData<byte[]>
        {
            Array.Empty<byte>(),
            new byte[] { 0xFF },
            new byte[] { 0, 0 },
            new byte[] { 1, 0 },
            new byte[] { 0, 1 },
            new byte[] { 0xFF, 0xFF },
            Enumerable.Repeat((byte)0xFF, 1000).ToArray(),
            Enumerable.Repeat((byte)0, 777).ToArray(),
            // Periodic texts: every LMS substring equal, so the recursion goes deep.
            Enumerable.Range(0, 1200).Select(i => (byte)(i % 3)).ToArray(),
            Enumerable.Range(0, 1201).Select(i => (byte)"abcab"[i % 5]).ToArray(),
            Enumerable.Range(0, 999).Select(i => (byte)(i % 7 == 6 ? 0xFF : 0xEA)).ToArray(),
            // One Hangul syllable (and a pair) over and over: every LMS substring has the same sort key.
            Enumerable.Repeat(Encoding.UTF8.GetBytes("가"), 500).SelectMany(bytes => bytes).ToArray(),
            Enumerable.Repeat(Encoding.UTF8.GetBytes("가나"), 333).SelectMany(bytes => bytes).ToArray(),
        };
        // Fibonacci word: the classic worst case for repeated structure.
        string a = "a", b = "ab";
        while (b.Length < 1500)
        {
            (a, b) = (b, b + a);
        }
        data.Add(Encoding.ASCII.GetBytes(b));
        // Korean documents between 0xFF separators, the same one repeated, separators at both ends.
        var korean = Encoding.UTF8.GetBytes("무궁화 꽃이 피었습니다");
        var joined = new List<byte> { 0xFF };
        for (var i = 0; i < 20; i++)
        {
            joined.AddRange(korean);
            joined.Add(0xFF);
        }
        data.Add(joined.ToArray());
        return data;
    }

    [Theory]
    [MemberData(nameof(EdgeTexts))]
    public void EdgeTextsSortLikeTheDefinition(byte[] text)
    {
        Assert.Equal(NaiveSuffixArray(text), Build(text));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomTextsWithCopiedSpansSortLikeTheDefinition(int seed)
    {
        // Random bytes make nearly every LMS substring unique, and the copies make a few shared: the recursion
        // then sorts the shorter string of shared names and the unique names that end their runs, and places
        // the other unique ones by name. Spans copied after themselves (periodic runs) go deeper.
        var random = new Random(seed);
        for (var round = 0; round < 20; round++)
        {
            var text = new List<byte>();
            for (var part = 0; part < 6; part++)
            {
                var length = random.Next(1, 300);
                if (text.Count > 0 && random.Next(3) > 0)
                {
                    var start = random.Next(text.Count);
                    var copy = text.GetRange(start, Math.Min(length, text.Count - start));
                    text.AddRange(copy);
                    if (random.Next(4) == 0)
                    {
                        text.AddRange(copy);
                    }
                }
                else
                {
                    for (var i = 0; i < length; i++)
                    {
                        text.Add((byte)random.Next(random.Next(2) == 0 ? 4 : 256));
                    }
                }
            }
            var bytes = text.ToArray();

            Assert.Equal(NaiveSuffixArray(bytes), Build(bytes));
        }
    }

    [SharedDataFact]
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

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(17)]
    [InlineData(30)]
    public void LmsSubstringsAroundTheSortKeysLengthSortLikeTheDefinition(int length)
    {
        // Level 0 sorts LMS substrings by their first 8 bytes and compares only the longer ones (or those of unequal
        // lengths) whole. "a" and a rising run, repeated: each LMS substring is one unit and the next one's "a", so
        // units of length - 2 .. length give LMS substrings one byte shorter than, as long as and one longer than
        // `length`, sharing their first bytes, and the text ends inside a unit (the last LMS substring).
        var random = new Random(length);
        for (var round = 0; round < 20; round++)
        {
            var text = new List<byte>();
            while (text.Count < 1500)
            {
                var unit = length - 1 + random.Next(-1, 2);
                text.Add((byte)'a');
                var symbol = (byte)'a';
                for (var k = 1; k < unit; k++)
                {
                    symbol += (byte)(k > 6 && random.Next(4) == 0 ? 2 : 1);
                    text.Add(symbol);
                }
            }
            var cut = random.Next(1, length);
            text.RemoveRange(text.Count - cut, cut);
            var bytes = text.ToArray();

            Assert.Equal(NaiveSuffixArray(bytes), Build(bytes));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void LongRunsOfOneByteSortLikeTheDefinition(int seed)
    {
        // Runs longer than the 8-byte key make LMS substrings of up to 100 bytes that share long prefixes.
        var random = new Random(seed);
        for (var round = 0; round < 20; round++)
        {
            var text = new List<byte>();
            while (text.Count < 2000)
            {
                text.AddRange(Enumerable.Repeat((byte)"abc\xff"[random.Next(4)], random.Next(1, 50)));
            }
            var bytes = text.ToArray();

            Assert.Equal(NaiveSuffixArray(bytes), Build(bytes));
        }
    }
}
