using System.Buffers;
using System.Text;
using System.Text.Json;
using DataPrep.Documents;
using DataPrep.IO.Writers;

namespace DataPrep.Tests.IO;

public class JsonLineWriterTests
{
    private static string Line(Action<JsonLineWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new JsonLineWriter(buffer);
        writer.StartObject();
        write(writer);
        writer.EndLine();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void EscapesWhatJsonRequiresAndWritesHangulAndEmojiAsUtf8()
    {
        var line = Line(w => w.Property("text", "따옴표\"와 \\ 그리고\n줄\t탭 \u0001 😀 끝"));
        Assert.Equal("{\"text\":\"따옴표\\\"와 \\\\ 그리고\\n줄\\t탭 \\u0001 😀 끝\"}\n", line);
    }

    [Fact]
    public void RandomStringsRoundTripThroughAJsonParser()
    {
        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var chars = Enumerable.Range(0, random.Next(0, 60)).Select(_ => random.Next(4) switch
            {
                0 => (char)random.Next(0, 0x80),
                1 => (char)random.Next(0xAC00, 0xD7A4),
                2 => (char)random.Next(0x80, 0xD800),
                _ => (char)random.Next(0xE000, 0x10000),
            }).ToArray();
            var text = new string(chars);
            var metadata = new DocumentMetadata();
            metadata["n"] = (long)i;
            metadata["x"] = i / 3.0;
            metadata["b"] = i % 2 == 0;
            metadata["raw"] = new RawJson("""{"k":[1,"두"]}"""u8.ToArray());
            var line = Line(w =>
            {
                w.Property("text", text);
                w.Metadata(metadata);
            });
            using var parsed = JsonDocument.Parse(line);
            Assert.Equal(text, parsed.RootElement.GetProperty("text").GetString());
            Assert.Equal(i, parsed.RootElement.GetProperty("n").GetInt64());
            Assert.Equal(i / 3.0, parsed.RootElement.GetProperty("x").GetDouble());
            Assert.Equal("두", parsed.RootElement.GetProperty("raw").GetProperty("k")[1].GetString());
        }
    }

    [Fact]
    public void ALoneSurrogateBecomesTheReplacementCharacter()
    {
        using var parsed = JsonDocument.Parse(Line(w => w.Property("t", "a\uD800b")));
        Assert.Equal("a\uFFFDb", parsed.RootElement.GetProperty("t").GetString());
    }

    [Fact]
    public void DoublesStayDoublesAndRoundTripExactly()
    {
        var metadata = new DocumentMetadata();
        double[] values = [1.0, -0.0, 1e5, 1.5e-7, 0.1, 123456.789, 1e300, -2.5];
        for (var i = 0; i < values.Length; i++)
        {
            metadata.Set($"d{i}", values[i]);
        }
        var line = Line(w => w.Metadata(metadata));
        Assert.StartsWith("{\"d0\":1.0,\"d1\":-0.0,\"d2\":100000.0,", line);
        using var parsed = JsonDocument.Parse(line);
        for (var i = 0; i < values.Length; i++)
        {
            var element = parsed.RootElement.GetProperty($"d{i}");
            Assert.Equal(values[i], element.GetDouble());
            Assert.False(element.TryGetInt64(out _), $"{element.GetRawText()} reads back as an integer");
        }
    }
}
