using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.IO.Writers;
using DataPrep.Pipeline;
using DataPrep.Tokenizers;
using Serilog;
using Serilog.Core;

namespace DataPrep.Stages.Mixing;

/// <summary>
/// Pass 1 of a mix: streams every file of every source once and measures, per source and language, documents,
/// tokens (with the mix's exact tokenizer) and the <see cref="TokenHistogram"/> of tokens by sampling coin. Nothing is
/// kept per document. Each file's measurement is cached in the output's <c>work/mix/</c> folder under a key made of its path, size,
/// modification time, the tokenizer, the seed and the source's settings, so a second plan or run (and every shard of a
/// sharded run) reads a small file instead of tokenizing the corpus again.
/// </summary>
internal sealed class MixMeasurer
{
    private const int BatchDocuments = 512;
    private const int BatchBytes = 1 << 20;
    private const string CacheVersion = "mix-measure-1";

    private readonly MixConfig _config;
    private readonly ITextTokenizer _tokenizer;
    private readonly string? _cacheDirectory;
    private readonly ILogger _log;
    private readonly int _threads;

    /// <summary>Creates a measurer.</summary>
    /// <param name="config">The checked config.</param>
    /// <param name="tokenizer">The mix's tokenizer.</param>
    /// <param name="cacheDirectory">Folder for cached measurements (the output's <c>work/mix</c>), or null for none.</param>
    /// <param name="log">Logger (never receives document text); silent when null.</param>
    public MixMeasurer(MixConfig config, ITextTokenizer tokenizer, string? cacheDirectory, ILogger? log = null)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        _cacheDirectory = cacheDirectory;
        _log = log ?? Logger.None;
        _threads = config.Mix.Threads > 0 ? config.Mix.Threads : Environment.ProcessorCount;
    }

    /// <summary>Measures every source (same order as the config).</summary>
    public IReadOnlyList<MixSourceMeasurement> Measure(CancellationToken cancellationToken = default)
    {
        var result = new List<MixSourceMeasurement>();
        for (var s = 0; s < _config.Mix.Sources.Count; s++)
        {
            var source = _config.Mix.Sources[s];
            var total = new MixSourceMeasurement(source.Name);
            foreach (var file in _config.SourceFiles[s])
            {
                total.Add(MeasureFile(source, file, cancellationToken));
            }
            _log.Information("Measured source {Source}: {Files} files ({Cached} cached), {Documents} documents, {Tokens} tokens",
                source.Name, total.Files, total.CachedFiles, total.Documents, total.Tokens);
            result.Add(total);
        }
        return result;
    }

    /// <summary>The per-document token counts pass 1 wrote for <paramref name="file"/> (one little-endian int32 per
    /// readable record, in file order), or null when there is no cache or the file was not measured with these settings.</summary>
    public string? TokenCountsPath(MixSourceOptions source, InputFile file)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(file);
        if (_cacheDirectory is null)
        {
            return null;
        }
        var path = Path.Combine(_cacheDirectory, CacheKey(source, file) + ".tokens");
        return File.Exists(path) ? path : null;
    }

    private MixSourceMeasurement MeasureFile(MixSourceOptions source, InputFile file, CancellationToken cancellationToken)
    {
        var key = _cacheDirectory is null ? null : Path.Combine(_cacheDirectory, CacheKey(source, file));
        if (key is not null && File.Exists(key + ".tokens") && TryReadCache(key + ".json", source.Name) is { } cached)
        {
            cached.CachedFiles = 1;
            return cached;
        }
        var measurement = new MixSourceMeasurement(source.Name) { Files = 1 };
        var input = new StageContext(InputReasons.StageId, ShardSpec.Single, log: _log);
        var context = new InputContext(new InputOptions { TextField = source.TextField, IdField = source.IdField }, input);
        var reader = DocumentReaders.For(file, InputFormat.Auto);
        var hash = new MixHash(_config.Mix.Seed, source.Name);
        // Pass 2 reads each document's count back in file order instead of encoding it again: 4 bytes per document on
        // disk, nothing in memory.
        using var counts = key is null ? null : new AtomicFile(key + ".tokens");
        using var countsWriter = counts is null ? null : new BinaryWriter(new BufferedStream(counts.Stream, 1 << 16), System.Text.Encoding.UTF8, leaveOpen: true);
        MixBatches.Process(
            reader.ReadBatches(file, context, BatchDocuments, BatchBytes, cancellationToken),
            batch =>
            {
                var local = new MixSourceMeasurement(source.Name);
                var documents = batch.Open();
                var tokens = new int[documents.Count];
                for (var i = 0; i < documents.Count; i++)
                {
                    var document = documents[i];
                    tokens[i] = checked((int)MixTokenCounter.Count(document, _tokenizer, source.TokenCountField));
                    local.Cell(MixLanguages.Of(document, source.Language)).Add(hash.Of(document.Id), tokens[i], document.Utf8Length);
                }
                return (local, tokens);
            },
            result =>
            {
                measurement.Add(result.local);
                foreach (var count in result.tokens)
                {
                    countsWriter?.Write(count);
                }
            },
            _threads,
            cancellationToken);
        foreach (var (code, count) in input.Stats.RejectionsByCode)
        {
            measurement.AddBadRecords(code, count);
        }
        if (key is not null)
        {
            countsWriter!.Flush();
            counts!.Commit();
            // The summary goes last: a cache entry is complete exactly when its .json exists.
            WriteCache(key + ".json", measurement);
        }
        return measurement;
    }

    private string CacheKey(MixSourceOptions source, InputFile file)
    {
        var info = new FileInfo(file.Path);
        var tokenizer = _config.TokenizerSpec;
        if (Path.IsPathRooted(tokenizer))
        {
            var t = new FileInfo(Directory.Exists(tokenizer) ? Path.Combine(tokenizer, "tokenizer.json") : tokenizer);
            tokenizer += t.Exists ? $"@{t.Length}:{t.LastWriteTimeUtc.Ticks}" : "";
        }
        var key = string.Join('\n', CacheVersion, file.Path, info.Length.ToString(CultureInfo.InvariantCulture),
            info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture), tokenizer,
            _config.Mix.Seed.ToString(CultureInfo.InvariantCulture), source.Name, source.Language, source.TextField, source.IdField,
            source.TokenCountField ?? "");
        return XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(key)).ToString("x32", CultureInfo.InvariantCulture);
    }

    private static void WriteCache(string path, MixSourceMeasurement measurement)
    {
        using var file = new AtomicFile(path);
        using (var writer = new Utf8JsonWriter(file.Stream))
        {
            writer.WriteStartObject();
            writer.WriteString("version", CacheVersion);
            writer.WriteStartObject("bad_records");
            foreach (var (code, count) in measurement.BadRecords)
            {
                writer.WriteNumber(code, count);
            }
            writer.WriteEndObject();
            writer.WriteStartArray("cells");
            foreach (var cell in measurement.Cells.Values)
            {
                writer.WriteStartObject();
                writer.WriteString("language", cell.Language);
                writer.WriteNumber("documents", cell.Documents);
                writer.WriteNumber("tokens", cell.Tokens);
                writer.WriteNumber("utf8_bytes", cell.Utf8Bytes);
                WriteArray(writer, "histogram_tokens", cell.Histogram.Tokens);
                WriteArray(writer, "histogram_documents", cell.Histogram.Documents);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        file.Commit();
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, long[] values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }
        writer.WriteEndArray();
    }

    private MixSourceMeasurement? TryReadCache(string path, string sourceName)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = json.RootElement;
            if (root.GetProperty("version").GetString() != CacheVersion)
            {
                return null;
            }
            var measurement = new MixSourceMeasurement(sourceName) { Files = 1 };
            foreach (var bad in root.GetProperty("bad_records").EnumerateObject())
            {
                measurement.AddBadRecords(bad.Name, bad.Value.GetInt64());
            }
            foreach (var cell in root.GetProperty("cells").EnumerateArray())
            {
                var histogram = new TokenHistogram(ReadArray(cell, "histogram_tokens"), ReadArray(cell, "histogram_documents"));
                measurement.Cell(cell.GetProperty("language").GetString()!).Add(new MixCellMeasurement(sourceName,
                    cell.GetProperty("language").GetString()!, cell.GetProperty("documents").GetInt64(), cell.GetProperty("tokens").GetInt64(),
                    cell.GetProperty("utf8_bytes").GetInt64(), histogram));
            }
            return measurement;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or IndexOutOfRangeException or InvalidOperationException or ArgumentException or IOException or FormatException)
        {
            // A damaged cache file is only a lost shortcut: measure again and overwrite it.
            _log.Warning("Ignoring unreadable mix measurement cache {Path}: {Error}", path, e.Message);
            return null;
        }
    }

    private static long[] ReadArray(JsonElement cell, string name)
    {
        var values = new long[TokenHistogram.Buckets];
        var i = 0;
        foreach (var item in cell.GetProperty(name).EnumerateArray())
        {
            values[i++] = item.GetInt64();
        }
        return i == values.Length ? values : throw new FormatException($"{name} has {i} buckets, not {values.Length}.");
    }
}
