using System.IO.Compression;
using System.Text;
using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.Pipeline;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.IO;

public class JsonlResumeTests
{
    // 300 records with blank lines, a BOM, a bad line and CRLF endings mixed in.
    private static string Write(string folder, string name)
    {
        var text = new StringBuilder("\uFEFF");
        for (var i = 0; i < 300; i++)
        {
            text.Append($$"""{"id":"d{{i}}","text":"문서 {{i}} {{new string('x', i % 40)}}"}""").Append(i % 3 == 0 ? "\r\n" : "\n");
            if (i % 50 == 7)
            {
                text.Append("\n  \n{broken\n");
            }
        }
        var path = Path.Combine(folder, name);
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
            gzip.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }
        return path;
    }

    private static List<(string Id, long Line)> Read(string path, InputPosition? from, List<InputPosition>? positions = null)
    {
        var context = new InputContext(new InputOptions(), new StageContext(InputReasons.StageId, ShardSpec.Single, rejections: new CollectingRejectionSink()));
        var documents = new List<(string, long)>();
        foreach (var batch in new JsonlDocumentReader().ReadBatches(new InputFile(path, Path.GetFileName(path), 3), context, 16, 1 << 20, from, CancellationToken.None))
        {
            if (batch.ResumeAfter is { } end)
            {
                positions?.Add(end);
            }
            documents.AddRange(batch.Open().Select(d => (d.Id, d.Source.Record)));
        }
        return documents;
    }

    [Theory]
    [InlineData("in.jsonl")]
    [InlineData("in.jsonl.gz")]
    public void ReadingFromWhereABatchEndedGivesTheRestOfTheFileWithItsLineNumbers(string name)
    {
        var path = Write(TestPaths.NewTempDirectory(), name);
        var positions = new List<InputPosition>();
        var all = Read(path, null, positions);
        Assert.Equal(300, all.Count);
        Assert.True(positions.Count > 10, $"{positions.Count} resume points");
        foreach (var position in positions)
        {
            Assert.Equal(3, position.FileOrdinal);
            var rest = Read(path, position);
            Assert.Equal(all.Where(d => d.Line > position.Line), rest);
        }
    }

    [Fact]
    public void TheLastBatchOfAFileHasNoResumePoint()
    {
        var path = Write(TestPaths.NewTempDirectory(), "in.jsonl");
        var context = new InputContext(new InputOptions(), new StageContext(InputReasons.StageId, ShardSpec.Single, rejections: new CollectingRejectionSink()));
        var batches = new JsonlDocumentReader().ReadBatches(new InputFile(path, "in.jsonl", 0), context, 16, 1 << 20, CancellationToken.None).ToList();
        Assert.Null(batches[^1].ResumeAfter);
        Assert.All(batches[..^1], b => Assert.NotNull(b.ResumeAfter));
    }

    [Fact]
    public void SkippingPastTheEndOfTheContentIsAnError()
    {
        var path = Write(TestPaths.NewTempDirectory(), "in.jsonl.gz");
        using var lines = new Utf8LineReader(CompressedStreams.OpenRead(path), 1 << 20);
        Assert.Throws<EndOfStreamException>(() => lines.SkipTo(10_000_000, 5));
    }
}
