using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Writers;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.IO;

public class JsonlDocumentWriterTests
{
    [Fact]
    public async Task NothingIsVisibleUntilAPartIsCompleteAndAnAbortedWriterLeavesNothing()
    {
        var folder = TestPaths.NewTempDirectory();
        await using (var writer = new JsonlDocumentWriter(folder, "rank-00000", OutputCompression.Gzip, System.IO.Compression.CompressionLevel.Fastest, 1 << 30))
        {
            writer.Write(new Document("a", "text"));
            Assert.DoesNotContain(Directory.GetFiles(folder), f => !Path.GetFileName(f).StartsWith('.'));
        }
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task OutputIsSplitIntoPartsBySize()
    {
        var folder = TestPaths.NewTempDirectory();
        await using var writer = new JsonlDocumentWriter(folder, "rank-00000", OutputCompression.None, System.IO.Compression.CompressionLevel.Fastest, 10_000);
        for (var i = 0; i < 100; i++)
        {
            writer.Write(new Document($"d{i}", new string('가', 300)));
        }
        Assert.DoesNotContain(Directory.GetFiles(folder), f => !Path.GetFileName(f).StartsWith('.'));
        writer.Complete();
        Assert.True(writer.Files.Count >= 9, $"{writer.Files.Count} parts");
        Assert.Equal(100, TestFiles.ReadOutput(folder).Count);
        Assert.Equal("d0", TestFiles.ReadOutput(folder)[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task HangulIsWrittenAsIsAndMetadataComesBackOut()
    {
        var folder = TestPaths.NewTempDirectory();
        await using var writer = new JsonlDocumentWriter(folder, "rank-00000", OutputCompression.None, System.IO.Compression.CompressionLevel.Fastest, 1 << 30);
        var metadata = new DocumentMetadata { };
        metadata["nested"] = new RawJson("""{"a":[1,2]}"""u8.ToArray());
        metadata["n"] = 5L;
        writer.Write(new Document("한글", "한국어 문장", metadata));
        writer.Complete();
        var text = File.ReadAllText(Assert.Single(writer.Files));
        Assert.Equal("""{"id":"한글","text":"한국어 문장","nested":{"a":[1,2]},"n":5}""" + "\n", text);
    }
}
