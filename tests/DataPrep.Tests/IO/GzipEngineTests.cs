using System.IO.Compression;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Gzip;
using DataPrep.IO.Readers;
using DataPrep.IO.Writers;
using DataPrep.Pipeline;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.IO;

public class GzipEngineTests
{
    private static readonly Lazy<byte[]> KoWiki = new(() => CorpusJsonl("ko-wiki.jsonl.gz", 3 << 20));
    private static readonly Lazy<byte[]> EnWiki = new(() => CorpusJsonl("en-wiki.jsonl.gz", 3 << 20));

    // The first bytes of a shared corpus as JSON Lines, decompressed with the platform's own GZipStream.
    private static byte[] CorpusJsonl(string name, int bytes)
    {
        using var gzip = new GZipStream(File.OpenRead(TestPaths.Corpus(name)), CompressionMode.Decompress);
        var buffer = new byte[bytes];
        gzip.ReadExactly(buffer);
        return buffer;
    }

    private static byte[] Corpus(string name) => name == "ko-wiki" ? KoWiki.Value : EnWiki.Value;

    private static byte[] ZlibMember(ReadOnlySpan<byte> data, CompressionLevel level = CompressionLevel.Fastest)
    {
        var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, level, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return memory.ToArray();
    }

    private static byte[] EngineMember(string engine, ReadOnlySpan<byte> data)
    {
        using var _ = GzipEngines.Use(engine);
        var block = GzipMemberCompressor.Compress(data, CompressionLevel.Fastest, 1);
        var bytes = block.Bytes.ToArray();
        block.Release();
        return bytes;
    }

    private static byte[] Members(string engine, byte[] data, int blockBytes) =>
        [.. data.Chunk(blockBytes).SelectMany(block => EngineMember(engine, block))];

    private static byte[] Inflate(string engine, byte[] file, int readSize = 1 << 16, int fileChunk = int.MaxValue)
    {
        using var stream = GzipEngines.Get(engine).OpenRead(new ChunkedStream(file, fileChunk));
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, n);
        }
        return output.ToArray();
    }

    private static byte[] InflateWithGZipStream(byte[] file)
    {
        using var gzip = new GZipStream(new MemoryStream(file), CompressionMode.Decompress);
        var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    [Fact]
    public void IsalIsTheEngineExactlyWhenItLoadsAndIsNotOverriddenAndCiRequiresIt()
    {
        if (Environment.GetEnvironmentVariable("DATAPREP_REQUIRE_ISAL") == "1")
        {
            Assert.True(GzipEngine.IsalEngine is not null, $"DATAPREP_REQUIRE_ISAL=1 but ISA-L is not used: {GzipEngine.Current}");
        }
        var asked = Environment.GetEnvironmentVariable(GzipEngine.EnvironmentVariable)?.Trim().ToLowerInvariant();
        Assert.Equal(asked != "zlib" && GzipEngine.IsalEngine is not null, GzipEngine.Current.IsIsal);
        Assert.StartsWith(GzipEngine.Current.IsIsal ? "isa-l (libisal" : "zlib-ng", GzipEngine.Current.Name);
    }

    [SharedDataTheory]
    [InlineData("ko-wiki")]
    [InlineData("en-wiki")]
    public void IsalMembersOfRealJsonlAreReadByteForByteByZlibGZipStreamAndByBothEngines(string corpus)
    {
        var data = Corpus(corpus);
        var file = Members("isal", data, 1 << 20);
        Assert.True(file.Length < data.Length * 0.6, $"{file.Length} of {data.Length}");
        Assert.Equal(data, InflateWithGZipStream(file));
        Assert.Equal(data, Inflate("zlib", file));
        Assert.Equal(data, Inflate("isal", file));
    }

    [SharedDataTheory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void ConcatenatedZlibFilesOfEveryLevelAreReadToTheEnd(string engine)
    {
        var data = KoWiki.Value.AsSpan(0, 600_000).ToArray();
        // `cat a.gz b.gz c.gz d.gz`: zlib at every level, a file of small pigz-like members, an ISA-L member.
        var file = ZlibMember(data.AsSpan(0, 100_000), CompressionLevel.Fastest)
            .Concat(ZlibMember(data.AsSpan(100_000, 100_000), CompressionLevel.Optimal))
            .Concat(ZlibMember(data.AsSpan(200_000, 100_000), CompressionLevel.SmallestSize))
            .Concat(ZlibMember(data.AsSpan(300_000, 100_000), CompressionLevel.NoCompression))
            .Concat(data.AsSpan(400_000, 100_000).ToArray().Chunk(4096).SelectMany(c => ZlibMember(c)))
            .Concat(EngineMember("isal", data.AsSpan(500_000)))
            .ToArray();
        Assert.Equal(data, Inflate(engine, file));
    }

    [SharedDataTheory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void EveryCutInTheLast64BytesAndASampleElsewhereThrowsInsteadOfEndingShort(string engine)
    {
        var data = EnWiki.Value.AsSpan(0, 150_000).ToArray();
        var first = ZlibMember(data.AsSpan(0, 50_000));
        var file = first.Concat(EngineMember(engine, data.AsSpan(50_000))).ToArray();
        var cuts = Enumerable.Range(file.Length - 64, 64).Concat(Enumerable.Range(1, file.Length - 65).Where(i => i % 499 == 0 || i < 24))
            .Where(cut => cut != first.Length);
        foreach (var cut in cuts)
        {
            var error = Record.Exception(() => Inflate(engine, file[..cut]));
            Assert.True(error is InvalidDataException, $"cut at {cut} of {file.Length}: {error?.GetType().Name ?? "no exception"}");
        }
    }

    [SharedDataTheory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void AFlippedBitInTheCrcOrLengthOfAnyMemberThrows(string engine)
    {
        var data = KoWiki.Value.AsSpan(0, 200_000).ToArray();
        var first = EngineMember(engine, data.AsSpan(0, 100_000));
        var second = ZlibMember(data.AsSpan(100_000));
        foreach (var (member, other, firstIsDamaged) in new[] { (first, second, true), (second, first, false) })
        {
            for (var back = 1; back <= 8; back++)
            {
                var damaged = member.ToArray();
                damaged[^back] ^= 0x10;
                var file = firstIsDamaged ? damaged.Concat(other).ToArray() : other.Concat(damaged).ToArray();
                Assert.Throws<InvalidDataException>(() => Inflate(engine, file));
            }
        }
    }

    [SharedDataTheory]
    [InlineData("zlib", new byte[] { 0 })]
    [InlineData("zlib", new byte[] { 0, 0, 0, 0 })]
    [InlineData("zlib", new byte[] { 0x1F })]
    [InlineData("zlib", new byte[] { (byte)'{', (byte)'"', (byte)'i' })]
    [InlineData("isal", new byte[] { 0 })]
    [InlineData("isal", new byte[] { 0, 0, 0, 0 })]
    [InlineData("isal", new byte[] { 0x1F })]
    [InlineData("isal", new byte[] { (byte)'{', (byte)'"', (byte)'i' })]
    public void BytesAfterTheLastMemberThatAreNoMemberThrow(string engine, byte[] garbage)
    {
        var file = EngineMember(engine, KoWiki.Value.AsSpan(0, 10_000)).Concat(garbage).ToArray();
        Assert.Throws<InvalidDataException>(() => Inflate(engine, file));
    }

    [SharedDataTheory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void AnEmptyFileAndEmptyMembersReadAsNothing(string engine)
    {
        Assert.Empty(Inflate(engine, []));
        Assert.Empty(Inflate(engine, EngineMember(engine, [])));
        Assert.Empty(Inflate(engine, [.. ZlibMember([]), .. EngineMember(engine, [])]));
        var data = KoWiki.Value.AsSpan(0, 5000).ToArray();
        var file = EngineMember(engine, []).Concat(EngineMember(engine, data)).Concat(ZlibMember([])).ToArray();
        Assert.Equal(data, Inflate(engine, file));
    }

    [SharedDataTheory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void HeadersWithEveryOptionalFieldAndNamesLongerThanTheInputBufferAreSkipped(string engine)
    {
        var data = KoWiki.Value.AsSpan(0, 20_000).ToArray();
        var plain = ZlibMember(data);
        // FEXTRA (60 KB), FNAME and FCOMMENT (300 KB each) and FHCRC, then the deflate data and trailer of a normal member.
        var header = new List<byte> { 0x1F, 0x8B, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 0xFF, 0x60, 0xEA };
        header.AddRange(Enumerable.Repeat((byte)'x', 0xEA60));
        header.AddRange(Enumerable.Repeat((byte)'n', 300_000));
        header.Add(0);
        header.AddRange(Enumerable.Repeat((byte)'c', 300_000));
        header.AddRange(new byte[] { 0, 0x12, 0x34 });
        var file = header.Concat(plain[10..]).Concat(EngineMember(engine, data)).Concat(header).Concat(plain[10..]).ToArray();
        byte[] expected = [.. data, .. data, .. data];
        Assert.Equal(expected, Inflate(engine, file));
        Assert.Equal(expected, Inflate(engine, file, readSize: 5, fileChunk: 997));
    }

    [SharedDataTheory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void OneByteReadsOneByteFileChunksAndHugeReadsGiveTheSameBytes(string engine)
    {
        var data = EnWiki.Value.AsSpan(0, 300_000).ToArray();
        var file = Members(engine, data, 70_000);
        Assert.Equal(data, Inflate(engine, file, readSize: 1));
        Assert.Equal(data, Inflate(engine, file, fileChunk: 1));
        Assert.Equal(data, Inflate(engine, file, readSize: 7, fileChunk: 3));
        Assert.Equal(data, Inflate(engine, file, readSize: 16 << 20));
    }

    [SharedDataTheory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void ABlockOfSeveralMebibytesBecomesOneMemberBothEnginesRead(string engine)
    {
        var data = KoWiki.Value.Concat(EnWiki.Value).ToArray();
        var member = EngineMember(engine, data);
        Assert.Equal(data, Inflate("zlib", member));
        Assert.Equal(data, Inflate("isal", member));
        Assert.Equal(data, InflateWithGZipStream(member));
    }

    [Theory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void IncompressibleBlocksStillBecomeValidMembers(string engine)
    {
        var random = new byte[(1 << 20) + 12345];
        new Random(11).NextBytes(random);
        var member = EngineMember(engine, random);
        Assert.Equal(random, InflateWithGZipStream(member));
        Assert.Equal(random, Inflate(engine, member));
    }

    [SharedDataTheory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void CompressingOnManyThreadsAtOnceGivesTheSameMembersAsOneThread(string engine)
    {
        var blocks = KoWiki.Value.Chunk(1 << 19).Take(6).ToArray();
        var expected = blocks.Select(b => EngineMember(engine, b)).ToArray();
        var results = new byte[blocks.Length * 4][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = EngineMember(engine, blocks[i % blocks.Length]));
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % blocks.Length], results[i]);
        }
    }

    [SharedDataTheory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void AMemberDoesNotDependOnWhatWasCompressedBeforeItOnTheSameThread(string engine)
    {
        // Native compressor state is pooled; a member must still be a function of its own bytes only, or output
        // files would differ with the thread count (CI stop 22).
        var block = KoWiki.Value.AsSpan(0, 1 << 19).ToArray();
        var zeros = new byte[1 << 19];
        var random = new byte[1 << 19];
        new Random(5).NextBytes(random);
        byte[][] before = [EnWiki.Value.AsSpan(0, 1 << 20).ToArray(), KoWiki.Value.AsSpan(1 << 20, 1 << 20).ToArray(), random, zeros, block, []];
        var members = new List<byte[]>();
        foreach (var previous in before)
        {
            EngineMember(engine, previous);
            members.Add(EngineMember(engine, block));
        }
        Assert.All(members, m => Assert.Equal(members[0], m));
    }

    [SharedDataTheory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void AMemberDoesNotDependOnTheBytesAfterItsBlock(string engine)
    {
        // Blocks are encoded in reused buffers: whatever an earlier block left past this one's end must not show.
        var block = KoWiki.Value.AsSpan(0, (1 << 18) + 333).ToArray();
        var members = new List<byte[]>();
        for (var fill = 0; fill < 6; fill++)
        {
            var buffer = new byte[block.Length + (1 << 16)];
            if (fill < 3)
            {
                new Random(fill).NextBytes(buffer);
            }
            else
            {
                KoWiki.Value.AsSpan(fill * 1000, buffer.Length).CopyTo(buffer);
            }
            block.CopyTo(buffer, 0);
            members.Add(EngineMember(engine, buffer.AsSpan(0, block.Length)));
        }
        Assert.All(members, m => Assert.Equal(members[0], m));
    }

    // An array pool that hands out arrays a fixed factor larger than asked for, as a shared pool does when the
    // bucket for the size asked is empty and a larger one is not.
    private sealed class OversizePool(int factor) : System.Buffers.ArrayPool<byte>
    {
        public override byte[] Rent(int minimumLength) => new byte[minimumLength * factor];

        public override void Return(byte[] array, bool clearArray = false)
        {
        }
    }

    [SharedDataFact]
    public void AnIsalMemberDoesNotDependOnTheSizeOfTheOutputBufferItIsWrittenTo()
    {
        if (GzipEngine.IsalEngine?.Isal is not { } isal)
        {
            return;
        }
        var block = KoWiki.Value.AsSpan(0, 1 << 18).ToArray();
        var members = new[] { 1, 2, 4, 8 }.Select(factor =>
        {
            var buffer = IsalDeflate.Compress(isal, block, new OversizePool(factor), out var length)!;
            return buffer.AsSpan(0, length).ToArray();
        }).ToList();
        Assert.All(members, m => Assert.Equal(members[0], m));
    }

    [SharedDataTheory]
    [InlineData("isal", "zlib")]
    [InlineData("zlib", "isal")]
    [InlineData("isal", "isal")]
    public async Task JsonlWrittenWithOneEngineIsReadBackWithTheOther(string writeEngine, string readEngine)
    {
        var folder = TestPaths.NewTempDirectory();
        var documents = CorpusReader.Read("ko-petitions.jsonl.gz", limit: 400).ToList();
        using (GzipEngines.Use(writeEngine))
        {
            await using var writer = new JsonlDocumentWriter(folder, "rank-00000", OutputCompression.Gzip, CompressionLevel.Fastest, 1 << 30);
            foreach (var document in documents)
            {
                writer.Write(document);
            }
            writer.Complete();
        }
        using var _ = GzipEngines.Use(readEngine);
        var path = Assert.Single(Directory.GetFiles(folder, "*.jsonl.gz"));
        var sink = new CollectingRejectionSink();
        var context = new InputContext(new InputOptions(), new StageContext(InputReasons.StageId, ShardSpec.Single, rejections: sink));
        var read = new JsonlDocumentReader().Read(new InputFile(path, "x", 0), context, CancellationToken.None).ToList();
        Assert.Empty(sink.Items);
        Assert.Equal(documents.Select(d => (d.Id, d.Text)), read.Select(d => (d.Id, d.Text)));
    }

    /// <summary>A file that hands out at most <c>chunk</c> bytes per read, as pipes and network file systems do.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data, writable: false)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
