using System.Text;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.Pipeline;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.IO;

public class JsonlDocumentReaderTests
{
    private static (List<Document> Documents, CollectingRejectionSink Rejections) Read(string path, InputOptions? options = null)
    {
        var sink = new CollectingRejectionSink();
        var context = new InputContext(options ?? new InputOptions(), new StageContext(InputReasons.StageId, ShardSpec.Single, rejections: sink));
        var file = new InputFile(path, Path.GetFileName(path), 0);
        var documents = DocumentReaders.For(file, InputFormat.Auto).Read(file, context, CancellationToken.None).ToList();
        return (documents, sink);
    }

    [Theory]
    [InlineData("docs.jsonl", "zlib")]
    [InlineData("docs.jsonl.gz", "zlib")]
    [InlineData("docs.jsonl.gz", "isal")]
    [InlineData("docs.jsonl.zst", "zlib")]
    public void ReadsPlainAndCompressedJsonlKeepingMetadata(string name, string engine)
    {
        using var _ = GzipEngines.Use(engine);
        var folder = TestPaths.NewTempDirectory();
        var path = TestFiles.WriteJsonl(folder, name, [
            """{"id": "a", "text": "안녕하세요", "url": "https://example.kr/1", "n": 3, "score": 0.5, "ok": true, "nested": {"x": [1, 2]}, "none": null}""",
            """{"text": "no id here", "id": 42}""",
        ]);
        var (documents, rejections) = Read(path);
        Assert.Empty(rejections.Items);
        Assert.Equal(2, documents.Count);
        var first = documents[0];
        Assert.Equal("a", first.Id);
        Assert.Equal("안녕하세요", first.Text);
        Assert.Equal("https://example.kr/1", first.Metadata["url"]);
        Assert.Equal(3L, first.Metadata["n"]);
        Assert.Equal(0.5, first.Metadata["score"]);
        Assert.Equal(true, first.Metadata["ok"]);
        Assert.Equal("""{"x": [1, 2]}""", first.Metadata["nested"]!.ToString());
        Assert.True(first.Metadata.ContainsKey("none"));
        Assert.Equal("42", documents[1].Id);
        Assert.Equal(2, documents[1].Source.Record);
    }

    [Fact]
    public void AByteOrderMarkBeforeTheFirstRecordIsSkipped()
    {
        var folder = TestPaths.NewTempDirectory();
        var path = Path.Combine(folder, "bom.jsonl");
        File.WriteAllBytes(path, [.. "\uFEFF"u8, .. """{"id": "a", "text": "첫 줄"}"""u8, .. "\n"u8, .. """{"id": "b", "text": "둘째 줄"}"""u8]);
        var (documents, rejections) = Read(path);
        Assert.Empty(rejections.Items);
        Assert.Equal(["a", "b"], documents.Select(d => d.Id));
    }

    [Fact]
    public void NumbersKeepTheirTypeAndEveryDigit()
    {
        var folder = TestPaths.NewTempDirectory();
        var path = TestFiles.WriteJsonl(folder, "n.jsonl", ["""{"id": "a", "text": "x", "big": 12345678901234567890, "f": 1.0, "n": -7}"""]);
        var (documents, _) = Read(path);
        var metadata = documents.Single().Metadata;
        Assert.Equal("12345678901234567890", Assert.IsType<RawJson>(metadata["big"]).ToString());
        Assert.Equal(12345678901234567890d, metadata.GetNumber("big"));
        Assert.Equal(1.0, Assert.IsType<double>(metadata["f"]));
        Assert.Equal(-7L, metadata["n"]);
    }

    [Fact]
    public void DocumentsWithoutIdGetFileAndLine()
    {
        var folder = TestPaths.NewTempDirectory();
        var path = TestFiles.WriteJsonl(folder, "x.jsonl", ["""{"text": "one"}""", "", """{"text": "three"}"""]);
        var (documents, _) = Read(path);
        Assert.Equal(["x.jsonl:1", "x.jsonl:3"], documents.Select(d => d.Id));
    }

    [Fact]
    public void EveryKindOfBadLineIsReportedWithItsLineAndTheRestIsRead()
    {
        var folder = TestPaths.NewTempDirectory();
        var path = Path.Combine(folder, "bad.jsonl");
        using (var file = File.Create(path))
        {
            void Line(string s) => file.Write(Encoding.UTF8.GetBytes(s + "\n"));
            Line("""{"id": "ok1", "text": "fine"}""");
            Line("""{"id": "broken", "text": "no end""");
            Line("""{"id": "spacer", "text": "line three is fine"}""");
            file.Write([.. "{\"id\": \"utf\", \"text\": \"bad "u8, 0xFF, 0xFE, .. "\"}\n"u8]);
            Line("""{"id": "notext"}""");
            Line("""{"id": "num", "text": 12}""");
            Line("""[1, 2, 3]""");
            Line("""{"id": "ok2", "text": "also fine"}""");
        }
        var (documents, rejections) = Read(path);
        Assert.Equal(["ok1", "spacer", "ok2"], documents.Select(d => d.Id));
        var codes = rejections.Items.Select(r => (r.Reason.Code, r.Source.Record)).ToList();
        Assert.Contains(("input.malformed_json", 2L), codes);
        Assert.Contains(("input.invalid_utf8", 4L), codes);
        Assert.Contains(("input.missing_text", 5L), codes);
        Assert.Contains(("input.text_not_string", 6L), codes);
        Assert.Contains(("input.malformed_json", 7L), codes);
        Assert.All(rejections.Items, r => Assert.DoesNotContain("fine", r.Detail ?? ""));
    }

    [Fact]
    public void ALineThatParsesWithoutStringTextIsRejectedUnderItsOwnId()
    {
        var folder = TestPaths.NewTempDirectory();
        var path = TestFiles.WriteJsonl(folder, "ids.jsonl", [
            """{"id": "no-text", "url": "https://example.kr/a"}""",
            """{"text": 42, "id": "num-text"}""",
            """{"id": 7, "text": null}""",
            """{"text": ["a"]}""",
            """{"id": "cut", "text": "no end""",
            """{"id": "kept", "text": "본문"}""",
        ]);
        var (documents, rejections) = Read(path);
        Assert.Equal(["kept"], documents.Select(d => d.Id));
        var rejected = rejections.Items.Select(r => (r.Reason.Code, r.DocumentId, r.Source.ToString())).ToList();
        Assert.Equal([
            ("input.missing_text", "no-text", "ids.jsonl:1"),
            ("input.text_not_string", "num-text", "ids.jsonl:2"),
            ("input.missing_text", "7", "ids.jsonl:3"),
            // Without an id field, and for a line that cannot be parsed, the position is the only name there is.
            ("input.text_not_string", "ids.jsonl:4", "ids.jsonl:4"),
            ("input.malformed_json", "ids.jsonl:5", "ids.jsonl:5"),
        ], rejected);
    }

    [Theory]
    [InlineData("cut.jsonl.gz", "zlib")]
    [InlineData("cut.jsonl.gz", "isal")]
    [InlineData("cut.jsonl.zst", "zlib")]
    public void TruncatedCompressedFileIsReportedAfterTheDocumentsBeforeTheDamage(string name, string engine)
    {
        using var _ = GzipEngines.Use(engine);
        var folder = TestPaths.NewTempDirectory();
        var random = new Random(7);
        var records = Enumerable.Range(0, 3000).Select(i => (object)new { id = $"d{i}", text = $"document {i} {random.NextInt64()} {random.NextInt64()}" }).ToList();
        var path = TestFiles.WriteJsonl(folder, name, records);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        var (documents, rejections) = Read(path);
        Assert.InRange(documents.Count, 1, 2999);
        Assert.Equal("input.truncated", Assert.Single(rejections.Items).Reason.Code);
    }

    [Fact]
    public void EmptyFileIsReported()
    {
        var folder = TestPaths.NewTempDirectory();
        var path = Path.Combine(folder, "empty.jsonl");
        File.WriteAllText(path, "");
        var (documents, rejections) = Read(path);
        Assert.Empty(documents);
        Assert.Equal("input.empty_file", Assert.Single(rejections.Items).Reason.Code);
    }

    [Fact]
    public void AHundredMegabyteLineIsSkippedAndReportedWithoutStoppingTheFile()
    {
        var folder = TestPaths.NewTempDirectory();
        var path = Path.Combine(folder, "huge.jsonl");
        using (var file = File.Create(path))
        {
            file.Write("""{"id": "before", "text": "small"}"""u8);
            file.Write("\n{\"id\": \"huge\", \"text\": \""u8);
            var chunk = new byte[1 << 20];
            chunk.AsSpan().Fill((byte)'a');
            for (var i = 0; i < 100; i++)
            {
                file.Write(chunk);
            }
            file.Write("\"}\n"u8);
            file.Write("""{"id": "after", "text": "small too"}"""u8);
        }
        var (documents, rejections) = Read(path);
        Assert.Equal(["before", "after"], documents.Select(d => d.Id));
        var rejection = Assert.Single(rejections.Items);
        Assert.Equal("input.too_large", rejection.Reason.Code);
        Assert.Equal(2, rejection.Source.Record);
        File.Delete(path);
    }

    [Fact]
    public void ConfiguredTextAndIdFieldsAreUsed()
    {
        var folder = TestPaths.NewTempDirectory();
        var path = TestFiles.WriteJsonl(folder, "f.jsonl", ["""{"doc_id": "z", "content": "body", "text": "other"}"""]);
        var (documents, _) = Read(path, new InputOptions { TextField = "content", IdField = "doc_id" });
        var document = Assert.Single(documents);
        Assert.Equal(("z", "body"), (document.Id, document.Text));
        Assert.Equal("other", document.Metadata["text"]);
    }
}

public class JsonlErrorDetailTests
{
    [Fact]
    public void ErrorDetailsNeverQuoteTheLine()
    {
        var folder = TestPaths.NewTempDirectory();
        var path = TestFiles.WriteJsonl(folder, "x.jsonl", ["비밀문서", "{\"text\": 비밀}", "{\"text\": \"ok\", \"a\": 비밀}"]);
        var sink = new CollectingRejectionSink();
        var context = new InputContext(new InputOptions(), new StageContext(InputReasons.StageId, ShardSpec.Single, rejections: sink));
        var file = new InputFile(path, "x.jsonl", 0);
        Assert.Empty(new JsonlDocumentReader().Read(file, context, CancellationToken.None).ToList());
        Assert.Equal(3, sink.Items.Count);
        Assert.All(sink.Items, r => Assert.DoesNotContain("비", r.Detail));
    }
}
