using System.Text;
using DataPrep.Stages.Dedup.MinHash;
using DataPrep.Tests.Support;
using DataPrep.Text;

namespace DataPrep.Tests.Stages.Dedup;

/// <summary>
/// Shingle hashes (<see cref="Shingler"/>) and signatures (<see cref="MinHasher"/>) with 256-bit vectors (AVX2, the default
/// x86-64-v3 native binary) and 512-bit ones against the scalar definition, every width this machine accelerates run
/// directly: on real text, and on short texts, lengths around the vector sizes and ASCII/Hangul/other-script mixes.
/// </summary>
public class MinHashWidthTests
{
    private static readonly int[] NgramSizes = [1, 2, 5, 8, 9, 16, 17];

    [SharedDataTheory]
    [InlineData(ShingleUnit.Chars)]
    [InlineData(ShingleUnit.Words)]
    public void CorpusTextsGiveTheScalarHashesAndSignaturesAtEveryWidth(ShingleUnit unit)
    {
        var files = new[] { "ko-wiki.jsonl.gz", "en-wiki.jsonl.gz", "ko-petitions.jsonl.gz", "ko-nsmc-reviews.jsonl.gz", "en-web-cc.jsonl.gz", "ko-en-parallel-news.jsonl.gz" };
        var texts = files.SelectMany(f => CorpusReader.Read(f, limit: 150)).Select(d => d.Text).ToList();
        Assert.True(texts.Count >= 600, $"only {texts.Count} corpus texts");
        var hasher = new MinHasher(128, 3);
        var workspace = new ShingleWorkspace();
        foreach (var text in texts)
        {
            foreach (var n in new[] { 1, 5, 9 })
            {
                var expected = Shingler.HashReference(text, unit, n, 3);
                var expectedSignature = hasher.ComputeReference(expected);
                foreach (var width in VectorWidths.Accelerated)
                {
                    // One workspace for every text and width, as a worker reuses it: stale buffers must not leak in.
                    var count = Shingler.Hash(text, unit, n, 3, workspace, width);
                    Assert.Equal(expected, workspace.Hashes[..count]);
                    var signature = new uint[128];
                    hasher.Compute(workspace.Hashes.AsSpan(0, count), signature, width);
                    Assert.Equal(expectedSignature, signature);
                }
            }
        }
    }

    [Fact]
    public void ShortAndMixedTextsAtEveryLengthAroundTheVectorSizesGiveTheScalarHashes()
    {
        // Kept lanes, dropped lanes (spaces, punctuation) and chars that send a block to the scalar loop (other scripts,
        // non-ASCII punctuation, Hangul jamo just outside the syllable range, upper case to fold).
        var pieces = new[] { "a", "Z", "7", " ", ".", "가", "힣", "\uD7A4", "\uABFF", "ㅋ", "É", "ß", "Д", "漢", "①", "Ａ", "·", "\u00A0", "😀", "@", "[", "`", "{", "/", ":" };
        var random = new Random(11);
        var workspace = new ShingleWorkspace();
        for (var length = 0; length <= 80; length++)
        {
            for (var round = 0; round < 12; round++)
            {
                var text = new StringBuilder();
                // Rounds 0-3 stay ASCII + Hangul syllables (every block takes the vector path); later rounds mix everything.
                var choices = round < 4 ? 9 : pieces.Length;
                while (text.Length < length)
                {
                    text.Append(pieces[random.Next(choices)]);
                }
                var s = text.ToString()[..length];
                foreach (var unit in new[] { ShingleUnit.Chars, ShingleUnit.Words })
                {
                    foreach (var n in NgramSizes)
                    {
                        var expected = Shingler.HashReference(s, unit, n, 9);
                        foreach (var width in VectorWidths.Accelerated)
                        {
                            var count = Shingler.Hash(s, unit, n, 9, workspace, width);
                            Assert.Equal(expected, workspace.Hashes[..count]);
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void AnOtherScriptCharAtEveryOffsetGivesTheScalarHashes()
    {
        var bases = new[] { "대한민국은 민주공화국이다. 모든 권력은 국민으로부터 나온다.", "The Quick Brown Fox jumps over the lazy dog, 2024 again." };
        var workspace = new ShingleWorkspace();
        foreach (var text in bases)
        {
            foreach (var planted in new[] { "É", "ㅋ", "\uD7A4", "😀", "·" })
            {
                for (var offset = 0; offset <= text.Length; offset++)
                {
                    var s = text.Insert(offset, planted);
                    var expected = Shingler.HashReference(s, ShingleUnit.Chars, 5, 2);
                    foreach (var width in VectorWidths.Accelerated)
                    {
                        var count = Shingler.Hash(s, ShingleUnit.Chars, 5, 2, workspace, width);
                        Assert.Equal(expected, workspace.Hashes[..count]);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(128)]
    [InlineData(200)]
    public void SignaturesGiveTheScalarAnswerAtEveryWidth(int permutations)
    {
        var hasher = new MinHasher(permutations, 13);
        var random = new Random(permutations);
        foreach (var shingles in new[] { 0, 1, 2, 7, 8, 9, 16, 17, 300 })
        {
            var hashes = Enumerable.Range(0, shingles).Select(_ => (uint)random.NextInt64(0, 1L << 32)).ToArray();
            var expected = hasher.ComputeReference(hashes);
            foreach (var width in VectorWidths.Accelerated)
            {
                var signature = new uint[permutations];
                hasher.Compute(hashes, signature, width);
                Assert.Equal(expected, signature);
            }
        }
    }
}
