using System.Text;
using DataPrep.Stages.Pii;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Pii;

/// <summary>
/// The scan runs a detector only on texts with one of its triggers and lets the number detectors skip the digit runs
/// none of them can start on. Each detector inside a scan must find exactly what it finds alone over the whole text
/// (the full scan as it was before the triggers): on the shared test vectors, on real corpora and on random strings
/// crowded with the characters the detectors start on.
/// </summary>
public class PiiTriggerTests
{
    private static readonly IPiiDetector[] Detectors =
        [.. PiiScanner.DefaultDetectors(), new IpAddressDetector(includePrivate: true)];

    private static readonly PiiScanner[] SingleScanners = [.. Detectors.Select(d => new PiiScanner([d]))];

    [SharedDataTheory]
    [InlineData("pii-test-vectors.jsonl")]
    [InlineData("secrets-test-vectors.jsonl")]
    public void EveryDetectorFindsTheSameInsideTheScanAsAloneOnTheTestVectors(string file)
    {
        var found = 0;
        foreach (var document in CorpusReader.Read(file))
        {
            found += AssertSameInScanAsAlone(document.Text);
        }
        Assert.True(found > 100, $"the vectors hold values the detectors report ({found})");
    }

    [SharedDataTheory]
    [InlineData("en-wiki.jsonl.gz", 300)]
    [InlineData("ko-wiki.jsonl.gz", 5000)]
    [InlineData("ko-petitions.jsonl.gz", 1000)]
    [InlineData("ko-nsmc-reviews.jsonl.gz", 5000)]
    [InlineData("en-web-cc.jsonl.gz", 1000)]
    [InlineData("ko-en-parallel-news.jsonl.gz", 1000)]
    public void EveryDetectorFindsTheSameInsideTheScanAsAloneOnRealText(string corpus, int limit)
    {
        foreach (var document in CorpusReader.Read(corpus, limit: limit))
        {
            AssertSameInScanAsAlone(document.Text);
        }
    }

    [Fact]
    public void EveryDetectorFindsTheSameInsideTheScanAsAloneOnRandomStrings()
    {
        // Fragments the detectors start on or stop at, glued at random: digit runs of every length with every separator,
        // '+' and '(' before numbers, dotted quads, colons, '@', key prefixes and long tokens, keywords, Hangul, full-width digits.
        string[] pieces =
        [
            "0", "1", "7", "12", "123", "1234", "010", "82", "1588", "900101", "1234567", "12345678", "123456789", "1234567890",
            "4111111111111111", "-", " ", ".", ")", "(", "+", ":", "=", "/", "_", "\n", "\u2013", "\uFF0D", "０", "１２",
            "@", "a", "Z", "ab", "x.io", "AKIA", "ghp_", "sk-", "sk_live_", "xoxb-", "hooks.slack.com/services/", "eyJ", "hf_",
            "ABCDEFGHJKLMNOPQRSTUVWXYZ234567", "aB3dE6gH9jK2mN5pQ8sT1vW4yZ7", "password", "token", "secret=", "api_key: ",
            "비밀번호", "전화", "번호", "계좌", "여권", "면허", "주민번호", "사업자", "tel", "ip ", "server ", "192.168.", "8.8.8.8",
            "2001:4860::8888", "::", "-----BEGIN PRIVATE KEY-----", "M12345678", "\"", "'", ",", "1-2", "02)",
            "\u017Fecret=", "apı_key=", "\u212Aey", "tok", "en", "a.b", "Xy9kP2mQ7rT4vW8zB3nC6dF", "비밀번호는", "암호화", " ", "  ", "\t",
            "pass", "word", "=>", ":=", "`", "${X}",
        ];
        var random = new Random(20261205);
        var builder = new StringBuilder();
        for (var round = 0; round < 4000; round++)
        {
            builder.Clear();
            var count = random.Next(1, 80);
            for (var i = 0; i < count; i++)
            {
                builder.Append(pieces[random.Next(pieces.Length)]);
            }
            AssertSameInScanAsAlone(builder.ToString());
        }
    }

    [Fact]
    public void TheVectorisedLongTokenSearchAgreesWithTheScalarOneAtEveryLengthAndOffset()
    {
        var random = new Random(5);
        const string tokenChars = "aZ09_-+/=";
        const string otherChars = " .가@:,\u00e9";
        for (var length = 0; length < 300; length++)
        {
            for (var trial = 0; trial < 20; trial++)
            {
                var chars = new char[length];
                // Mostly token characters, so runs of every length (and across the 64-character blocks) occur.
                for (var i = 0; i < length; i++)
                {
                    chars[i] = random.Next(12) == 0 ? otherChars[random.Next(otherChars.Length)] : tokenChars[random.Next(tokenChars.Length)];
                }
                var text = new string(chars);
                Assert.Equal(HasTokenRunScalar(text), TokenRun.Exists(text));
            }
        }
        // Next walks the runs one after another, each whole, exactly where the scalar count finds them.
        for (var trial = 0; trial < 3000; trial++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(300)).Select(_ => random.Next(30) == 0 ? ' ' : 'a')]);
            var expected = System.Text.RegularExpressions.Regex.Matches(text, "a{" + TokenRun.MinLength + ",}").Select(m => (m.Index, m.Index + m.Length));
            var actual = new List<(int, int)>();
            var from = 0;
            while (TokenRun.Next(text, from, out var start, out var end))
            {
                actual.Add((start, end));
                from = end + 1;
            }
            Assert.Equal(expected, actual);
        }
        Assert.True(TokenRun.Exists(new string('a', TokenRun.MinLength)));
        Assert.False(TokenRun.Exists(new string('a', TokenRun.MinLength - 1)));
        Assert.True(TokenRun.Exists(new string(' ', 50) + new string('a', TokenRun.MinLength) + new string(' ', 70)));
    }

    [Fact]
    public void TheVectorisedPassIndexesTheSameRunsAndTriggersAsTheScalarSearches()
    {
        var random = new Random(11);
        const string chars = "0123456789 .-+():=aZ_/가\u2013";
        for (var length = 0; length < 400; length++)
        {
            for (var trial = 0; trial < 10; trial++)
            {
                // Sparse or dense: some texts are mostly prose-like gaps, so every trigger is both present and absent.
                var density = trial % 2 == 0 ? 2 : 12;
                var text = new string([.. Enumerable.Range(0, length)
                    .Select(_ => random.Next(density) < 2 ? chars[random.Next(chars.Length)] : random.Next(2) == 0 ? ' ' : '가')]);
                var expected = DigitRunIndex.Scalar(text);
                var index = DigitRunIndex.Begin(text);
                try
                {
                    Assert.Equal(expected.Starts.ToArray(), index.Starts.ToArray());
                    Assert.Equal(expected.NumberStarts.ToArray(), index.NumberStarts.ToArray());
                    Assert.Equal(expected.Present, index.Present);
                    Assert.Equal(expected.Wide, index.Wide);
                }
                finally
                {
                    index.End();
                }
            }
        }
        // The index knows its text by address: pinned, so a collection between Begin and For cannot move it.
        var wideText = new string('a', 100) + "０１" + new string('7', 70);
        var wide = GC.AllocateArray<char>(wideText.Length, pinned: true);
        wideText.CopyTo(wide);
        Assert.True(DigitRunIndex.Begin(wide).Wide);
        DigitRunIndex.For(wide)!.End();
    }

    [SharedDataTheory]
    [InlineData("secrets-test-vectors.jsonl", 0)]
    [InlineData("pii-test-vectors.jsonl", 0)]
    [InlineData("en-wiki.jsonl.gz", 300)]
    [InlineData("ko-wiki.jsonl.gz", 5000)]
    [InlineData("en-web-cc.jsonl.gz", 0)]
    public void SecretsAreFoundInTheLiveNamesAsByTheSearchOverTheWholeText(string file, int limit)
    {
        var detector = new SecretAssignmentDetector();
        var found = 0;
        foreach (var document in CorpusReader.Read(file, limit: limit == 0 ? null : limit))
        {
            found += AssertSecretsAsWholeText(detector, document.Text);
        }
        Assert.True(found > 0 || !file.StartsWith("secrets", StringComparison.Ordinal), "the secret vectors hold assigned secrets");
    }

    [Fact]
    public void SecretsAreFoundInTheLiveNamesAsByTheSearchOverTheWholeTextOnRandomAndHostileStrings()
    {
        string[] pieces =
        [
            "password", "PASSWORD", "pwd", "secret", "token", "api_key", "api-key", "auth", "creds", "private_key", "비밀번호", "암호",
            "암호화", "\u017Fecret", "apı_key", "\u212Aey", "=", ":", " = ", ": ", "=>", ":=", "\"", "'", "`", " ", "    ", "     ",
            "\t", "\n", ". ", ".", ",", "_", "-", "/", "+", "abc", "Xy9kP2mQ7rT4", "aB3dE6gH9jK2mN5pQ8sT1vW4yZ7", "0123456789abcdef",
            "${VAR}", "<x>", "hash", "sha", "가", "my", "DB_",
        ];
        var detector = new SecretAssignmentDetector();
        var random = new Random(8);
        var builder = new StringBuilder();
        var found = 0;
        for (var round = 0; round < 6000; round++)
        {
            builder.Clear();
            var count = random.Next(1, 60);
            for (var i = 0; i < count; i++)
            {
                builder.Append(pieces[random.Next(pieces.Length)]);
            }
            found += AssertSecretsAsWholeText(detector, builder.ToString());
        }
        Assert.True(found > 100, $"the random strings hold secrets ({found})");
        // Names longer than MaxName (cut names), long runs of keywords, and a long token far from any name.
        foreach (var hostile in new[]
        {
            new string('a', 200) + "password=Xy9kP2mQ7rT4vW", string.Concat(Enumerable.Repeat("passwordtoken", 50)) + " aB3dE6gH9jK2mN5pQ8sT1vW4yZ7",
            string.Concat(Enumerable.Repeat("token ", 40)) + "aB3dE6gH9jK2mN5pQ8sT1vW4yZ7", "x" + new string('-', 100) + "secret: aB3dE6gH9jK2mN5pQ8",
            string.Concat(Enumerable.Repeat("a.b", 300)) + "token=Q8sT1vW4yZ7aB3d",
        })
        {
            AssertSecretsAsWholeText(detector, hostile);
        }
    }

    [Fact]
    public void TheVectorBlockMasksEqualTheScalarOnes()
    {
        var random = new Random(3);
        const string chars = "09/:;=@AZ[_`az{-+,.０９\uFF0F\uFF1A가\u0130\u0000\u2013";
        for (var trial = 0; trial < 2000; trial++)
        {
            var block = new string([.. Enumerable.Range(0, BlockMasks.Length).Select(_ => random.Next(4) == 0
                ? (char)random.Next(char.MaxValue) : chars[random.Next(chars.Length)])]);
            var expected = BlockMasks.OfScalar(block);
            if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
            {
                Assert.Equal(expected, BlockMasks.Of256(block));
            }
            if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
            {
                Assert.Equal(expected, BlockMasks.Of512(block));
            }
        }
    }

    [Fact]
    public void TheTokenCharactersAreExactlyAsciiLettersDigitsAndUnderscoreDashPlusSlashEquals()
    {
        for (var c = char.MinValue; c < char.MaxValue; c++)
        {
            var expected = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+' or '/' or '=';
            Assert.True(expected == TokenRun.IsTokenChar(c), $"U+{(int)c:X4}");
        }
    }

    [Fact]
    public void EveryApiKeyHoldsALongTokenRun()
    {
        // The scanner skips the API-key detector for texts without a token run of TokenRun.MinLength: every key body
        // must be made of token characters, and the shortest key's run must be at least that long.
        Assert.True(ApiKeyDetector.ShortestTokenRun >= TokenRun.MinLength, $"{ApiKeyDetector.ShortestTokenRun}");
        for (var kind = 0; kind < ApiKeyDetector.BodyKinds; kind++)
        {
            for (var c = char.MinValue; c < char.MaxValue; c++)
            {
                for (var index = 0; index < 2; index++)
                {
                    Assert.True(!ApiKeyDetector.CanBeInBody(kind, c, index) || TokenRun.IsTokenChar(c), $"body kind {kind}, U+{(int)c:X4}");
                }
            }
        }
    }

    [Fact]
    public void TheShortestKeysAreFoundRightAtTheTriggerLength()
    {
        var scanner = PiiScanner.CreateDefault();
        // sk_live_ and ten characters: exactly TokenRun.MinLength token characters.
        Assert.Single(scanner.Scan("stripe sk_live_4eC39HqLyj here"));
        Assert.Single(scanner.Scan("secret: Xy9kP2mQ7rT4"));
    }

    private static int AssertSecretsAsWholeText(SecretAssignmentDetector detector, string text)
    {
        var expected = new List<PiiMatch>();
        SecretAssignmentDetector.DetectWholeText(text, expected);
        var actual = new List<PiiMatch>();
        detector.Detect(text, actual);
        if (!expected.SequenceEqual(actual))
        {
            Assert.Fail($"whole text [{string.Join(", ", expected)}], live names [{string.Join(", ", actual)}] in \"{text}\"");
        }
        return expected.Count;
    }

    private static int InScanOrder(PiiMatch a, PiiMatch b) =>
        a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Priority != b.Priority ? b.Priority.CompareTo(a.Priority) : b.Length.CompareTo(a.Length);

    private static int AssertSameInScanAsAlone(string text)
    {
        var found = 0;
        var matches = new List<PiiMatch>();
        var scratch = new List<PiiMatch>();
        for (var d = 0; d < Detectors.Length; d++)
        {
            var alone = new List<PiiMatch>();
            Detectors[d].Detect(text, alone);
            alone.Sort(InScanOrder);
            // The scan leaves the detector's raw candidates (before overlap resolution) sorted in its scratch list.
            SingleScanners[d].Scan(text, matches, scratch);
            if (!alone.SequenceEqual(scratch))
            {
                Assert.Fail($"{Detectors[d].GetType().Name}: alone [{string.Join(", ", alone)}], in the scan [{string.Join(", ", scratch)}]");
            }
            found += alone.Count;
        }
        return found;
    }

    // The reference: token characters counted one at a time.
    private static bool HasTokenRunScalar(string text)
    {
        var run = 0;
        foreach (var c in text)
        {
            run = TokenRun.IsTokenChar(c) ? run + 1 : 0;
            if (run >= TokenRun.MinLength)
            {
                return true;
            }
        }
        return false;
    }
}
