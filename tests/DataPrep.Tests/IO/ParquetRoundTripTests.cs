using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.IO.Writers;
using DataPrep.Pipeline;
using DataPrep.Tests.Support;
using Parquet;
using Parquet.Schema;

namespace DataPrep.Tests.IO;

public class ParquetRoundTripTests
{
    [Fact]
    public async Task WrittenParquetReadsBackWithIdTextAndMetadata()
    {
        var folder = TestPaths.NewTempDirectory();
        await using (var writer = new ParquetDocumentWriter(folder, "rank-00000", 1 << 30))
        {
            for (var i = 0; i < 50; i++)
            {
                var metadata = new DocumentMetadata();
                metadata["n"] = (long)i;
                metadata["score"] = i / 2.0;
                metadata["lang"] = i % 2 == 0 ? "ko" : "en";
                if (i == 49)
                {
                    metadata["late"] = "only in the last document";
                }
                await writer.WriteAsync(new Document($"id-{i}", $"문서 {i}", metadata), CancellationToken.None);
            }
            await writer.CompleteAsync(CancellationToken.None);
            Assert.Single(writer.Files);
        }
        var path = Assert.Single(Directory.GetFiles(folder, "*.parquet"));
        var sink = new CollectingRejectionSink();
        var context = new InputContext(new InputOptions(), new StageContext("input", ShardSpec.Single, rejections: sink));
        var documents = new ParquetDocumentReader().Read(new InputFile(path, "p.parquet", 0), context, CancellationToken.None).ToList();
        Assert.Empty(sink.Items);
        Assert.Equal(50, documents.Count);
        Assert.Equal(("id-7", "문서 7"), (documents[7].Id, documents[7].Text));
        Assert.Equal(7L, documents[7].Metadata["n"]);
        Assert.Equal(3.5, documents[7].Metadata["score"]);
        Assert.Equal("en", documents[7].Metadata["lang"]);
        Assert.Equal("only in the last document", documents[49].Metadata["late"]);
        Assert.Null(documents[0].Metadata["late"]);
    }

    [Fact]
    public async Task ParquetWithoutTheTextColumnIsOneInputProblem()
    {
        var folder = TestPaths.NewTempDirectory();
        var path = Path.Combine(folder, "notext.parquet");
        var field = new DataField<string>("body");
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(field, new[] { "a", "b" }, null);
        }
        var sink = new CollectingRejectionSink();
        var context = new InputContext(new InputOptions(), new StageContext("input", ShardSpec.Single, rejections: sink));
        var documents = new ParquetDocumentReader().Read(new InputFile(path, "notext.parquet", 0), context, CancellationToken.None).ToList();
        Assert.Empty(documents);
        var rejection = Assert.Single(sink.Items);
        Assert.Equal("input.missing_column", rejection.Reason.Code);
        Assert.Contains("body", rejection.Detail);
    }

    [Fact]
    public void AFileThatIsNotParquetIsUnreadableNotACrash()
    {
        var folder = TestPaths.NewTempDirectory();
        var path = Path.Combine(folder, "fake.parquet");
        File.WriteAllText(path, "this is not parquet at all, just text pretending");
        var sink = new CollectingRejectionSink();
        var context = new InputContext(new InputOptions(), new StageContext("input", ShardSpec.Single, rejections: sink));
        Assert.Empty(new ParquetDocumentReader().Read(new InputFile(path, "fake.parquet", 0), context, CancellationToken.None));
        Assert.Equal("input.unreadable", Assert.Single(sink.Items).Reason.Code);
    }

    [Fact]
    public void SampleParquetHoldsTheSameDocumentsAsSampleJsonl()
    {
        var sink = new CollectingRejectionSink();
        var context = new InputContext(new InputOptions(), new StageContext("input", ShardSpec.Single, rejections: sink));
        var parquet = Path.Combine(TestPaths.SampleData, "docs.parquet");
        var jsonl = Path.Combine(TestPaths.SampleData, "docs.jsonl");
        var fromParquet = new ParquetDocumentReader().Read(new InputFile(parquet, "docs.parquet", 0), context, CancellationToken.None).ToList();
        var fromJsonl = new JsonlDocumentReader().Read(new InputFile(jsonl, "docs.jsonl", 0), context, CancellationToken.None).ToList();
        Assert.Empty(sink.Items);
        Assert.Equal(fromJsonl.Select(d => (d.Id, d.Text)), fromParquet.Select(d => (d.Id, d.Text)));
        Assert.Equal(fromJsonl[0].Metadata["lang"], fromParquet[0].Metadata["lang"]);
    }
}
