using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.IO.Writers;
using DataPrep.Pipeline;
using DataPrep.Stages.Normalize;

namespace DataPrep.Benchmarks.Framework;

/// <summary>
/// The framework's per-document costs on real Korean text (ko-petitions, read in place): parsing JSONL lines
/// (the fast line parser against the full System.Text.Json parser it falls back to), Normalize, and writing
/// JSONL (DataPrep's writer against System.Text.Json's with a relaxed encoder; serialising and gzip-compressing
/// whole blocks as the runner's worker threads do). MB/s = UTF-8 text bytes of the corpus / mean time.
/// Documents hold the input's UTF-8, as the reader makes them.
/// </summary>
[MemoryDiagnoser]
public class FrameworkBenchmarks
{
    private List<byte[]> _lines = [];
    private List<Document> _documents = [];
    private readonly List<(string Id, ReadOnlyMemory<byte> Text)> _wikiTexts = [];
    private InputContext _context = null!;
    private readonly NormalizeStage _normalize = new(new NormalizeOptions());
    private StageContext _stageContext = null!;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private readonly JsonlDocumentWriter _blockWriter = new(Path.GetTempPath(), "unused", OutputCompression.Gzip, CompressionLevel.Fastest, 512L << 20);

    /// <summary>UTF-8 megabytes of text in the corpus (for MB/s).</summary>
    public double TextMegabytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        using var file = new GZipStream(File.OpenRead(BenchPaths.Corpus("ko-petitions.jsonl.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(file);
        while (reader.ReadLine() is { } line)
        {
            _lines.Add(Encoding.UTF8.GetBytes(line));
        }
        _context = new InputContext(new InputOptions(), new StageContext("input", ShardSpec.Single));
        var input = new InputFile("x", "x", 0);
        _documents = _lines.Select((l, i) => JsonlDocumentReader.Parse(l, input, i + 1, _context)!).ToList();
        _stageContext = new StageContext("normalize", ShardSpec.Single);
        TextMegabytes = _documents.Sum(d => (long)d.Utf8Length) / 1e6;
        Console.WriteLine($"// corpus: ko-petitions, {_documents.Count} documents, {TextMegabytes:F1} MB of text");
        using var wiki = new StreamReader(new GZipStream(File.OpenRead(BenchPaths.Corpus("ko-wiki.jsonl.gz")), CompressionMode.Decompress));
        var record = 0;
        while (wiki.ReadLine() is { } json)
        {
            var document = JsonlDocumentReader.Parse(Encoding.UTF8.GetBytes(json), input, ++record, _context)!;
            if (document.TryGetUtf8Text(out var utf8))
            {
                _wikiTexts.Add((document.Id, utf8));
            }
        }
        Console.WriteLine($"// corpus: ko-wiki, {_wikiTexts.Count} documents, {_wikiTexts.Sum(t => (long)t.Text.Length) / 1e6:F1} MB of text");
    }

    [Benchmark]
    public int ParseJsonlLines()
    {
        var input = new InputFile("x", "x", 0);
        var n = 0;
        for (var i = 0; i < _lines.Count; i++)
        {
            n += JsonlDocumentReader.Parse(_lines[i], input, i + 1, _context)!.Utf8Length;
        }
        return n;
    }

    [Benchmark]
    public int ParseJsonlLinesFullParser()
    {
        var input = new InputFile("x", "x", 0);
        var n = 0;
        for (var i = 0; i < _lines.Count; i++)
        {
            n += JsonlDocumentReader.ParseFull(_lines[i], input, i + 1, _context)!.Utf8Length;
        }
        return n;
    }

    [Benchmark]
    public int Normalize()
    {
        var kept = 0;
        foreach (var document in _documents)
        {
            kept += _normalize.Process(document, _stageContext) ? 1 : 0;
        }
        return kept;
    }

    /// <summary>
    /// Normalize over ko-wiki as the reader hands it over (about 5% of its documents need real cleaning, mostly a space
    /// before a line break), in fresh documents on every call: <see cref="Normalize"/> sees its documents already
    /// normalised after the first call.
    /// </summary>
    [Benchmark]
    public int NormalizeKoWiki()
    {
        var kept = 0;
        foreach (var (id, text) in _wikiTexts)
        {
            kept += _normalize.Process(Document.FromValidUtf8(id, text, null, DocumentSource.None), _stageContext) ? 1 : 0;
        }
        return kept;
    }

    [Benchmark]
    public long WriteWithJsonLineWriter()
    {
        var writer = new JsonLineWriter(_buffer);
        long total = 0;
        foreach (var document in _documents)
        {
            _buffer.ResetWrittenCount();
            writer.StartObject();
            writer.Property("id", document.Id);
            writer.TextProperty("text", document);
            writer.Metadata(document.Metadata);
            writer.EndLine();
            total += _buffer.WrittenCount;
        }
        return total;
    }

    [Benchmark]
    public long EncodeGzipBlocks()
    {
        long total = 0;
        var batch = new List<Document>();
        var bytes = 0;
        foreach (var document in _documents)
        {
            batch.Add(document);
            bytes += document.Utf8Length;
            if (bytes >= _blockWriter.BlockBytes)
            {
                total += Encode(batch);
                batch.Clear();
                bytes = 0;
            }
        }
        return total + Encode(batch);
    }

    private long Encode(List<Document> batch)
    {
        var block = _blockWriter.Encode(batch);
        var length = block.Length;
        block.Release();
        return length;
    }

    [Benchmark(Baseline = true)]
    public long WriteWithUtf8JsonWriter()
    {
        using var json = new Utf8JsonWriter(_buffer, DocumentJson.WriterOptions);
        long total = 0;
        foreach (var document in _documents)
        {
            _buffer.ResetWrittenCount();
            json.Reset(_buffer);
            json.WriteStartObject();
            json.WriteString("id", document.Id);
            json.WriteString("text", document.Text);
            foreach (var (key, value) in document.Metadata)
            {
                json.WritePropertyName(key);
                DocumentJson.WriteValue(json, value);
            }
            json.WriteEndObject();
            json.Flush();
            total += _buffer.WrittenCount;
        }
        return total;
    }
}
