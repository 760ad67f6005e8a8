using System.IO.Compression;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Writers;
using DataPrep.Pipeline;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.IO;

public class WriterCheckpointTests
{
    private static List<Document> Documents(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new Document($"d{i}", $"문서 {i} " + new string('가', 200 + i % 50))).ToList();

    private static JsonlDocumentWriter NewWriter(string folder, OutputCompression compression) =>
        new(folder, "rank-00000", compression, CompressionLevel.Fastest, 20_000);

    private static byte[][] Parts(string folder) =>
        Directory.GetFiles(folder, "rank-*").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();

    [Theory]
    [InlineData(OutputCompression.Gzip)]
    [InlineData(OutputCompression.Zstd)]
    [InlineData(OutputCompression.None)]
    public async Task AWriterResumedFromACheckpointWritesTheSamePartsAsOneThatNeverStopped(OutputCompression compression)
    {
        var blocks = Enumerable.Range(0, 12).Select(b => Documents(b * 10, 10)).ToList();
        var whole = TestPaths.NewTempDirectory();
        await using (var writer = NewWriter(whole, compression))
        {
            blocks.ForEach(b => writer.Append(writer.Encode(b)));
            writer.Complete();
        }

        var resumed = TestPaths.NewTempDirectory();
        DocumentWriterCheckpoint checkpoint;
        await using (var first = NewWriter(resumed, compression))
        {
            blocks.Take(7).ToList().ForEach(b => first.Append(first.Encode(b)));
            checkpoint = first.Checkpoint();
            // Written after the checkpoint and lost in the crash: the resumed writer truncates it away.
            first.Append(first.Encode(Documents(1000, 10)));
            first.Abandon();
        }
        Assert.True(checkpoint.ClosedParts.Count > 0, "the checkpoint falls after a part rotation");
        Assert.All(checkpoint.Files, f => Assert.True(f.CanResume));
        await using (var second = NewWriter(resumed, compression))
        {
            second.Resume(checkpoint);
            blocks.Skip(7).ToList().ForEach(b => second.Append(second.Encode(b)));
            second.Complete();
            Assert.Equal(120, second.Documents);
        }
        Assert.Equal(Parts(whole), Parts(resumed));
        Assert.Empty(Directory.GetFiles(resumed, ".*"));
    }

    [Fact]
    public async Task ABlockEncodedWithAPrefixSerialisedEarlierHasTheSameBytes()
    {
        var folder = TestPaths.NewTempDirectory();
        await using var writer = NewWriter(folder, OutputCompression.Gzip);
        var documents = Documents(0, 9);
        var whole = writer.Encode(documents);
        var split = writer.Encode(writer.Serialise(documents[..4]), 4, documents[4..]);
        Assert.Equal(whole.Bytes.ToArray(), split.Bytes.ToArray());
        Assert.Equal(whole.Documents, split.Documents);
        Assert.Equal(whole.UncompressedBytes, split.UncompressedBytes);
    }

    private static Rejection Rejected(int i) =>
        new("quality.test", new RejectionReason("quality.test.short", "too short"), $"r{i}", new DocumentSource("in.jsonl", 0, i), Document: new Document($"r{i}", $"거절 {i}"));

    private static string Decompressed(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        return new StreamReader(gzip).ReadToEnd();
    }

    [Fact]
    public void ARejectsFileResumedFromACheckpointEqualsOneCheckpointedAtTheSamePointAndReadsAsOneStream()
    {
        var plain = TestPaths.NewTempDirectory();
        using (var writer = new RejectsWriter(plain, "p0-rank-00000", OutputCompression.Gzip, CompressionLevel.Fastest, includeText: true))
        {
            Enumerable.Range(0, 300).ToList().ForEach(i => writer.Reject(Rejected(i)));
            writer.Complete();
        }
        var whole = TestPaths.NewTempDirectory();
        using (var writer = new RejectsWriter(whole, "p0-rank-00000", OutputCompression.Gzip, CompressionLevel.Fastest, includeText: true))
        {
            Enumerable.Range(0, 200).ToList().ForEach(i => writer.Reject(Rejected(i)));
            Assert.NotNull(writer.Checkpoint());
            Enumerable.Range(200, 100).ToList().ForEach(i => writer.Reject(Rejected(i)));
            writer.Complete();
        }
        var resumed = TestPaths.NewTempDirectory();
        FileCheckpoint checkpoint;
        using (var first = new RejectsWriter(resumed, "p0-rank-00000", OutputCompression.Gzip, CompressionLevel.Fastest, includeText: true))
        {
            Enumerable.Range(0, 200).ToList().ForEach(i => first.Reject(Rejected(i)));
            checkpoint = first.Checkpoint()!;
            Enumerable.Range(5000, 2000).ToList().ForEach(i => first.Reject(Rejected(i)));
            first.Abandon();
        }
        using (var second = new RejectsWriter(resumed, "p0-rank-00000", OutputCompression.Gzip, CompressionLevel.Fastest, includeText: true))
        {
            second.Resume(checkpoint, 200);
            Enumerable.Range(200, 100).ToList().ForEach(i => second.Reject(Rejected(i)));
            second.Complete();
            Assert.Equal(300, second.Count);
        }
        var name = "p0-rank-00000.jsonl.gz";
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, name)), File.ReadAllBytes(Path.Combine(resumed, name)));
        Assert.Equal(Decompressed(Path.Combine(plain, name)), Decompressed(Path.Combine(resumed, name)));
        Assert.Empty(Directory.GetFiles(resumed, ".*"));
    }

    [Fact]
    public void ARejectsFileWithNothingRejectedHasNoCheckpointAndACheckpointWithNothingAfterItAddsNoEmptyMember()
    {
        var folder = TestPaths.NewTempDirectory();
        using var writer = new RejectsWriter(folder, "p0-rank-00000", OutputCompression.Gzip, CompressionLevel.Fastest, includeText: false);
        Assert.Null(writer.Checkpoint());
        writer.Reject(Rejected(1));
        var checkpoint = writer.Checkpoint()!;
        writer.Complete();
        Assert.Equal(checkpoint.Length, new FileInfo(writer.FinalPath).Length);
    }
}
