using System.Text;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.IO.Writers;
using DataPrep.Pipeline;
using DataPrep.Stages.Normalize;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Documents;

public class DocumentUtf8Tests
{
    private static Document ReadOne(string jsonLine)
    {
        var folder = TestPaths.NewTempDirectory();
        var path = Path.Combine(folder, "one.jsonl");
        File.WriteAllText(path, jsonLine + "\n", new UTF8Encoding(false));
        var context = new InputContext(new InputOptions(), new StageContext(InputReasons.StageId, ShardSpec.Single, rejections: new CollectingRejectionSink()));
        return Assert.Single(new JsonlDocumentReader().Read(new InputFile(path, "one.jsonl", 0), context, CancellationToken.None).ToList());
    }

    private static string WriteOne(Document document)
    {
        var folder = TestPaths.NewTempDirectory();
        var writer = new JsonlDocumentWriter(folder, "rank-00000", OutputCompression.None, System.IO.Compression.CompressionLevel.Fastest, 1 << 30);
        writer.Write(document);
        writer.Complete();
        return File.ReadAllText(Assert.Single(writer.Files));
    }

    [Fact]
    public void ADocumentReadFromJsonlHoldsItsTextAsUtf8AndMakesAStringOnlyWhenAsked()
    {
        var document = ReadOne("""{"id": "a", "text": "한국어 text"}""");
        Assert.True(document.TryGetUtf8Text(out var utf8));
        Assert.Equal("한국어 text"u8.ToArray(), utf8.ToArray());
        Assert.Equal(14, document.Utf8Length);
        Assert.Equal("한국어 text", document.Text);
        Assert.True(document.TryGetUtf8Text(out _));
    }

    [Fact]
    public void EscapesAreDecodedOnceAndWrittenBackAsTheSameText()
    {
        var document = ReadOne("""{"id": "e", "text": "quote \" slash \\ line\nnext \u00e9 \ud83d\ude00 tab\t 가"}""");
        Assert.Equal("quote \" slash \\ line\nnext é 😀 tab\t 가", document.Text);
        Assert.Equal("""{"id":"e","text":"quote \" slash \\ line\nnext é 😀 tab\t 가"}""" + "\n", WriteOne(ReadOne("""{"id": "e", "text": "quote \" slash \\ line\nnext \u00e9 \ud83d\ude00 tab\t 가"}""")));
    }

    [Fact]
    public void UnchangedTextIsWrittenByteForByteAsTheStringPathWouldWriteIt()
    {
        var fromInput = ReadOne("""{"id": "k", "text": "대한민국의 수도는 서울이다.\n\n둘째 문단 \"인용\" \\ 끝", "url": "https://ko.wikipedia.org/wiki?curid=1"}""");
        var fromString = new Document("k", fromInput.Text, fromInput.Metadata);
        Assert.True(ReadOne("""{"id": "k", "text": "x"}""").TryGetUtf8Text(out _));
        Assert.False(fromString.TryGetUtf8Text(out _));
        Assert.Equal(WriteOne(fromString), WriteOne(fromInput));
    }

    [Fact]
    public void TextSetByAStageReplacesTheInputBytes()
    {
        var document = ReadOne("""{"id": "s", "text": "before"}""");
        document.Text = "after 후";
        Assert.False(document.TryGetUtf8Text(out _));
        Assert.Equal(Encoding.UTF8.GetByteCount("after 후"), document.Utf8Length);
        Assert.Equal("""{"id":"s","text":"after 후"}""" + "\n", WriteOne(document));
        Assert.Equal("after 후"u8.ToArray(), document.Utf8Text.ToArray());
    }

    [Fact]
    public void SettingUtf8TextReplacesTheStringAndInvalidBytesAreRefused()
    {
        var document = new Document("u", "old");
        document.Utf8Text = "새 글"u8.ToArray();
        Assert.Equal("새 글", document.Text);
        Assert.Throws<ArgumentException>(() => document.Utf8Text = new byte[] { 0xED, 0xA0, 0x80 });
        Assert.Throws<ArgumentException>(() => Document.FromUtf8("x", new byte[] { 0xFF }));
        Assert.Equal("새 글", document.Text);
    }

    [Fact]
    public void NormalizeTrimsUtf8TextWithoutMakingAString()
    {
        var document = ReadOne("""{"id": "n", "text": "  문서 본문.\n"}""");
        var result = StageHarness.Run(new NormalizeStage(new NormalizeOptions()), document);
        var kept = Assert.Single(result.Kept);
        Assert.True(kept.TryGetUtf8Text(out var utf8));
        Assert.Equal("문서 본문."u8.ToArray(), utf8.ToArray());
    }

    public static TheoryData<string> MessyTexts => new()
    {
        "  lead and trail  \n",
        "a\r\nb\rc\n\n\n\nd",
        "tab\there  and   spaces \n next line",
        "nbsp\u00A0here\u3000ideographic\u2003em",
        "zero\u200Bwidth\uFEFFbom\u00ADsoft\u200Emark",
        "ctrl\u0001\u0007\u007F\u0085\u0090 end",
        "\u1100\u1161\u11A8 decomposed 한글 and e\u0301",
        "emoji 😀 \t\n\t 😀",
        " \n\t \u00A0 ",
        "\u2028",
        "a\tb",
        "a\rb",
        "몸매\t는최고다",
        "ㅋㅋㅋ ㅎㅏ ﾊﾝｶｸ Ｆｕｌｌ",
    };

    [Theory]
    [MemberData(nameof(MessyTexts))]
    public void NormalizeCleansUtf8ExactlyAsItCleansStrings(string text)
    {
        NormalizeOptions[] variants = [new(), new() { CollapseSpaces = false }, new() { RemoveControlCharacters = false, MaxConsecutiveNewlines = 0 }, new() { Nfc = false }];
        foreach (var options in variants)
        {
            var stage = new NormalizeStage(options);
            var fromString = StageHarness.Run(stage, new Document("d", text));
            var fromUtf8 = StageHarness.Run(stage, Document.FromUtf8("d", Encoding.UTF8.GetBytes(text)));
            Assert.Equal(fromString.Kept.Select(d => d.Text), fromUtf8.Kept.Select(d => d.Text));
            Assert.Equal(fromString.Rejections.Select(r => r.Reason.Code), fromUtf8.Rejections.Select(r => r.Reason.Code));
        }
    }

    [SharedDataTheory]
    [InlineData("ko-petitions.jsonl.gz")]
    [InlineData("en-wiki.jsonl.gz")]
    [InlineData("ko-nsmc-reviews.jsonl.gz")]
    public void NormalizeGivesTheSameTextAndVerdictFromUtf8AsFromAString(string corpus)
    {
        var stage = new NormalizeStage(new NormalizeOptions());
        var documents = CorpusReader.Read(corpus, limit: 1500).ToList();
        var asStrings = documents.Select(d => new Document(d.Id, d.Text)).ToList();
        var asUtf8 = documents.Select(d => Document.FromUtf8(d.Id, Encoding.UTF8.GetBytes(d.Text))).ToList();
        var fromStrings = StageHarness.Run(stage, [.. asStrings]);
        var fromUtf8 = StageHarness.Run(stage, [.. asUtf8]);
        Assert.Equal(fromStrings.Kept.Select(d => d.Text), fromUtf8.Kept.Select(d => d.Text));
        Assert.Equal(fromStrings.Rejections.Select(r => r.DocumentId), fromUtf8.Rejections.Select(r => r.DocumentId));
    }
}
