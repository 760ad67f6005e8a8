using System.Text;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.Pipeline;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.IO;

public class JsonlLineParserTests
{
    private static readonly InputFile File = new("/data/x.jsonl", "x.jsonl", 0);

    private static (Document? Document, CollectingRejectionSink Rejections) Parse(byte[] line, bool full)
    {
        var sink = new CollectingRejectionSink();
        var context = new InputContext(new InputOptions(), new StageContext(InputReasons.StageId, ShardSpec.Single, rejections: sink));
        var document = full ? JsonlDocumentReader.ParseFull(line, File, 7, context) : JsonlDocumentReader.Parse(line, File, 7, context);
        return (document, sink);
    }

    private static string Describe(Document? document, CollectingRejectionSink sink) => document is null
        ? string.Join(";", sink.Items.Select(r => $"{r.Reason.Code} {r.Source} {r.Detail}"))
        : $"{document.Id}|{document.Text}|{document.Source}|" + string.Join(",", document.Metadata.Select(kv => $"{kv.Key}={kv.Value}:{kv.Value?.GetType().Name}"));

    public static TheoryData<string> Lines => new()
    {
        """{"id": "a", "text": "plain"}""",
        """  {"text":"no id", "n": 12, "x": -1.5e3, "t": true, "f": false, "z": null}  """,
        """{"id": 42, "text": "numeric id"}""",
        """{"id": 4.5e1, "text": "float id"}""",
        """{"id": null, "text": "null id"}""",
        """{"id": {"a": 1}, "text": "object id"}""",
        """{"text": "nested", "m": {"a": [1, {"b": "c"}], "d": "e"}, "after": "yes"}""",
        """{"text": "escapes \" \\ \/ \b \f \n \r \t \u0041 \u00e9 \uD83D\uDE00 end"}""",
        """{"text": "dup", "text": "second wins", "k": 1, "k": 2}""",
        """{"te\u0078t": "escaped name", "text": "real"}""",
        """{"text": "unpaired \ud800 surrogate"}""",
        """{"text": "low only \udc00"}""",
        """{"text": "bad escape \x"}""",
        """{"text": "short \u12"}""",
        """{"text": 5}""",
        """{"text": ["a"]}""",
        """{"text": null}""",
        """{"id": "no text"}""",
        """{}""",
        """[1, 2]""",
        """{"text": "trailing"} x""",
        """{"text": "unterminated}""",
        """{"text": "a",}""",
        """{"text": "a" "b": 1}""",
        """{"text": "big", "n": 123456789012345678901234567890}""",
        """{"text": "한국어 본문", "제목": "메타데이터"}""",
        """{"text": "metadata escapes", "title": "say \"hi\" \\ \/ \n \u00e9 \uD83D\uDE00", "url": "http:\/\/x", "e": ""}""",
        """{"text": "a bad escape in metadata", "title": "\q"}""",
        """{"title": "before \"text\"", "url": "u", "text": "after metadata:\n\t\u00e9 \uD83D\uDE00 end", "z": 1}""",
        """{"title": "before", "text": ""}""",
        """{"text": "a lone surrogate in metadata", "title": "\udc00"}""",
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void TheFastPathGivesWhatTheFullParserGives(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var (fastDocument, fastSink) = Parse(bytes, full: false);
        var (fullDocument, fullSink) = Parse(bytes, full: true);
        Assert.Equal(Describe(fullDocument, fullSink), Describe(fastDocument, fastSink));
    }

    [Fact]
    public void ControlCharactersAndInvalidUtf8GoToTheFullParserAndAreReportedAsBefore()
    {
        byte[][] lines = [
            [.. "{\"text\": \"tab\tinside\"}"u8],
            [.. "{\"text\": \"bad "u8, 0xC3, 0x28, .. "\"}"u8],
            [.. "{\"id\": \""u8, 0xFF, .. "\", \"text\": \"x\"}"u8],
            [.. "{\""u8, 0xFE, .. "\": 1, \"text\": \"x\"}"u8],
        ];
        foreach (var line in lines)
        {
            var (fastDocument, fastSink) = Parse(line, full: false);
            var (fullDocument, fullSink) = Parse(line, full: true);
            Assert.Equal(Describe(fullDocument, fullSink), Describe(fastDocument, fastSink));
        }
    }

    [Fact]
    public void AnUnpairedSurrogateEscapeIsReportedAsInvalidUtf8InsteadOfFailingTheRun()
    {
        var (document, sink) = Parse(Encoding.UTF8.GetBytes("""{"text": "half \ud83d pair"}"""), full: false);
        Assert.Null(document);
        Assert.Equal("input.invalid_utf8", Assert.Single(sink.Items).Reason.Code);
    }

    [Fact]
    public void MetadataStringsAreWrittenBackAsTheyCameAndReadBackAsTheSameStrings()
    {
        var line = Encoding.UTF8.GetBytes("""{"id": "m1", "text": "본문", "title": "say \"hi\" \u00e9 \uD83D\uDE00 \/", "url": "https://x.kr/a?b=1", "n": 3}""");
        var (document, _) = Parse(line, full: false);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new DataPrep.IO.Writers.JsonLineWriter(buffer);
        writer.StartObject();
        writer.Property("id", document!.Id);
        writer.TextProperty("text", document);
        writer.Metadata(document.Metadata);
        writer.EndLine();
        var written = Encoding.UTF8.GetString(buffer.WrittenSpan);
        // The escapes are copied, not re-encoded: the written line holds the input's own form.
        Assert.Contains("""\u00e9 \uD83D\uDE00 \/""", written);
        using var json = System.Text.Json.JsonDocument.Parse(written);
        Assert.Equal("say \"hi\" é 😀 /", json.RootElement.GetProperty("title").GetString());
        Assert.Equal("say \"hi\" é 😀 /", document.Metadata.GetString("title"));
        Assert.Equal("https://x.kr/a?b=1", document.Metadata["url"]);
        Assert.Equal(3L, document.Metadata["n"]);
    }

    [SharedDataFact]
    public void CorpusLinesParseTheSameOnBothPaths()
    {
        using var gzip = new System.IO.Compression.GZipStream(System.IO.File.OpenRead(TestPaths.Corpus("ko-petitions.jsonl.gz")), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        for (var i = 0; i < 500 && reader.ReadLine() is { } line; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var (fastDocument, fastSink) = Parse(bytes, full: false);
            var (fullDocument, fullSink) = Parse(bytes, full: true);
            Assert.Equal(Describe(fullDocument, fullSink), Describe(fastDocument, fastSink));
        }
    }
}
