using System.IO.Compression;
using System.Text;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.Pipeline;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.IO;

public class GzipMemberStreamTests
{
    private static (List<Document> Documents, CollectingRejectionSink Rejections) Read(string path)
    {
        var sink = new CollectingRejectionSink();
        var context = new InputContext(new InputOptions(), new StageContext(InputReasons.StageId, ShardSpec.Single, rejections: sink));
        var file = new InputFile(path, Path.GetFileName(path), 0);
        return (new JsonlDocumentReader().Read(file, context, CancellationToken.None).ToList(), sink);
    }

    private static byte[] Lines(int from, int count) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(from, count).Select(i => $"{{\"id\": \"d{i}\", \"text\": \"문서 {i} {i * 7919 % 1000}\"}}\n")));

    private static byte[] Gzip(byte[] data)
    {
        var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return memory.ToArray();
    }

    // Two GZipStreams appended to one file: what pigz, bgzip and `cat a.gz b.gz` produce.
    private static string WriteMembers(params byte[][] members)
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "multi.jsonl.gz");
        File.WriteAllBytes(path, members.SelectMany(m => m).ToArray());
        return path;
    }

    [Theory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void MultiMemberGzipIsReadToItsEnd(string engine)
    {
        using var _ = GzipEngines.Use(engine);
        var path = WriteMembers(Gzip(Lines(0, 2000)), Gzip(Lines(2000, 3000)));
        var (documents, rejections) = Read(path);
        Assert.Empty(rejections.Items);
        Assert.Equal(5000, documents.Count);
        Assert.Equal("d4999", documents[^1].Id);
        Assert.Equal(5000, documents[^1].Source.Record);
    }

    [Theory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void ManySmallMembersAsBgzipWritesThemAreReadInOrder(string engine)
    {
        using var _ = GzipEngines.Use(engine);
        var members = Enumerable.Range(0, 300).Select(i => Gzip(Lines(i * 10, 10))).ToArray();
        var (documents, rejections) = Read(WriteMembers(members));
        Assert.Empty(rejections.Items);
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => $"d{i}"), documents.Select(d => d.Id));
    }

    [Theory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void MemberHeaderWithExtraFieldAndFileNameIsSkipped(string engine)
    {
        using var _ = GzipEngines.Use(engine);
        // A bgzip-style header: FEXTRA with a 6-byte "BC" subfield, and FNAME.
        var plain = Gzip(Lines(0, 50));
        var header = new List<byte> { 0x1F, 0x8B, 8, 4 | 8, 0, 0, 0, 0, 0, 0xFF, 6, 0, (byte)'B', (byte)'C', 2, 0, 0, 0 };
        header.AddRange("x.jsonl\0"u8.ToArray());
        var member = header.Concat(plain[10..]).ToArray();
        var (documents, rejections) = Read(WriteMembers(member, Gzip(Lines(50, 50))));
        Assert.Empty(rejections.Items);
        Assert.Equal(100, documents.Count);
    }

    [Theory]
    [InlineData("zlib", 1)]
    [InlineData("zlib", 4)]
    [InlineData("zlib", 8)]
    [InlineData("zlib", 5000)]
    [InlineData("isal", 1)]
    [InlineData("isal", 4)]
    [InlineData("isal", 8)]
    [InlineData("isal", 5000)]
    public void MultiMemberGzipCutShortIsReportedAsTruncated(string engine, int cutFromEnd)
    {
        using var _ = GzipEngines.Use(engine);
        var second = Gzip(Lines(2000, 3000));
        var path = WriteMembers(Gzip(Lines(0, 2000)), second[..^cutFromEnd]);
        var (documents, rejections) = Read(path);
        Assert.InRange(documents.Count, 2000, 5000);
        Assert.Equal("input.truncated", Assert.Single(rejections.Items).Reason.Code);
    }

    [Theory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void MultiMemberGzipCutInsideTheSecondHeaderIsReportedAsTruncated(string engine)
    {
        using var _ = GzipEngines.Use(engine);
        var path = WriteMembers(Gzip(Lines(0, 2000)), Gzip(Lines(2000, 10))[..5]);
        var (documents, rejections) = Read(path);
        Assert.Equal(2000, documents.Count);
        Assert.Equal("input.truncated", Assert.Single(rejections.Items).Reason.Code);
    }

    [Theory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void DamagedCrcIsReportedAsTruncatedOrCorrupt(string engine)
    {
        using var _ = GzipEngines.Use(engine);
        var member = Gzip(Lines(0, 100));
        member[^8] ^= 0x55;
        var (_, rejections) = Read(WriteMembers(member));
        Assert.Equal("input.truncated", Assert.Single(rejections.Items).Reason.Code);
    }

    [Theory]
    [MemberData(nameof(GzipEngines.Names), MemberType = typeof(GzipEngines))]
    public void DecompressedBytesEqualWhatWasCompressed(string engine)
    {
        using var _ = GzipEngines.Use(engine);
        var data = Lines(0, 20_000);
        var path = WriteMembers(Gzip(data[..100_000]), Gzip(data[100_000..]));
        using var stream = CompressedStreams.OpenRead(path);
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.Equal(data, copy.ToArray());
    }
}
