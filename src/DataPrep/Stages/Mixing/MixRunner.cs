using System.Runtime.InteropServices;
using System.Text.Json;
using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.IO;
using DataPrep.IO.Readers;
using DataPrep.IO.Writers;
using DataPrep.Pipeline;
using DataPrep.Stages.Tokenization;
using DataPrep.Tokenizers;
using Serilog;
using Serilog.Core;

namespace DataPrep.Stages.Mixing;

/// <summary>
/// Builds a training mix to target token shares under a token budget, in two streaming passes. Pass 1
/// (<see cref="MixMeasurer"/>, cached) measures tokens per source and language; <see cref="MixSolver"/> turns them into
/// rates; pass 2 streams this shard's files again and writes every document as many times as its cell's plan and its
/// coin say (<see cref="MixCellPlan.CopiesOf"/>), counting the tokens it writes. Nothing is kept per document, so
/// sources may be far larger than memory; the coin depends only on (seed, source, id), so any
/// <c>--rank/--world-size</c> split writes the same documents in all.
/// </summary>
/// <remarks>
/// Files of all sources, in source then path order, are dealt to shards round robin. Each shard writes
/// <c>mix-rank-NNNNN-PPPPP.jsonl.gz</c> (or .parquet), optionally <c>megatron/mix[_rank-NNNNN].bin/.idx</c>, its counters
/// to <c>mix/rank-NNNNN-of-WWWWW.json</c>, and the shard that finds every shard's counters present writes <c>mix.json</c> and
/// <c>report.html</c>. Copies of an upsampled document are written one after another with <c>mix_repeat</c> 0, 1, …;
/// training loaders shuffle documents (Megatron's GPTDataset does), so their order does not reach the model.
/// </remarks>
internal sealed class MixRunner
{
    /// <summary>Metadata field added to every written document: the source name.</summary>
    public const string SourceField = "mix_source";

    /// <summary>Metadata field added to every written document: 0 for the first copy, 1, 2, … for upsampled repeats.</summary>
    public const string RepeatField = "mix_repeat";

    private const int BatchDocuments = 512;
    private const int BatchBytes = 1 << 20;

    private readonly MixConfig _config;
    private readonly ILogger _log;

    private readonly string? _measurementCache;

    /// <summary>Creates a runner for a checked config.</summary>
    /// <param name="config">The config.</param>
    /// <param name="log">Logger (never receives document text); silent when null.</param>
    /// <param name="measurementCache">Folder of cached pass-1 measurements; default the output's <c>work/mix</c>. Mixes of the
    /// same sources into different outputs can share one.</param>
    public MixRunner(MixConfig config, ILogger? log = null, string? measurementCache = null)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _log = log ?? Logger.None;
        _measurementCache = measurementCache;
        Tokenizer = TokenizerFactory.GetShared(config.TokenizerSpec);
    }

    /// <summary>The mix's tokenizer (shared).</summary>
    public ITextTokenizer Tokenizer { get; }

    private int Threads => _config.Mix.Threads > 0 ? _config.Mix.Threads : Environment.ProcessorCount;

    /// <summary>The output folder, or null when the config has none.</summary>
    public string? OutputFolder => _config.Output.Path is { } path ? Path.GetFullPath(path) : null;

    /// <summary>Measures (pass 1, cached under the output's work folder when there is one) and solves: the plan, writing no data.</summary>
    public MixPlan Plan(CancellationToken cancellationToken = default)
    {
        var cache = _measurementCache ?? (OutputFolder is { } output ? Path.Combine(output, "work", "mix") : null);
        _measurer = new MixMeasurer(_config, Tokenizer, cache, _log);
        return MixSolver.Solve(_config.Mix, Tokenizer.Name, _measurer.Measure(cancellationToken));
    }

    private MixMeasurer? _measurer;

    /// <summary>Runs shard <paramref name="shard"/> of the mix: plan, then pass 2.</summary>
    /// <returns>The result of this shard, or of the whole run when this shard completed it (see <see cref="MixResult.Shards"/>).</returns>
    /// <exception cref="PipelineConfigException">The config has no output folder.</exception>
    /// <exception cref="MixShortfallException">A target cannot be met and <c>allowShortfall</c> is false (nothing written).</exception>
    public MixResult Run(ShardSpec shard, CancellationToken cancellationToken = default)
    {
        shard.Validate();
        var output = OutputFolder ?? throw new PipelineConfigException(_config.Source,
            [PipelineConfigException.Missing("output.path", "the folder the mix is written to (or --output).")]);
        var plan = Plan(cancellationToken);
        if (plan.HasShortfall && !_config.Mix.AllowShortfall)
        {
            throw new MixShortfallException(plan);
        }
        foreach (var shortfall in plan.Shortfalls)
        {
            _log.Warning("Mix shortfall (allowShortfall: true, taking what exists): {Shortfall}", shortfall);
        }
        var counters = plan.Cells.ToDictionary(c => (c.Source, c.Language), c => new MixCellCounters(c.Source, c.Language));
        var badRecords = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        WriteShard(plan, shard, output, counters, badRecords, cancellationToken);
        var mine = new MixResult(plan, counters.Values.ToList(), badRecords, shard.WorldSize, 1);
        var rankFile = CountersPath(output, shard);
        AtomicFile.WriteAllText(rankFile, CountersJson(mine));
        var merged = TryMerge(plan, output, shard.WorldSize);
        if (merged is not null)
        {
            merged.WriteReports(output);
            _log.Information("Mix complete: {Tokens} tokens in {Documents} documents; mix.json and report.html written", merged.Tokens, merged.Copies);
            return merged;
        }
        return mine;
    }

    private void WriteShard(MixPlan plan, ShardSpec shard, string output, Dictionary<(string, string), MixCellCounters> counters,
        Dictionary<string, IReadOnlyDictionary<string, long>> badRecords, CancellationToken cancellationToken)
    {
        var options = _config.Output;
        var stem = "mix-" + shard.FileStem;
        var idField = options.IdField ?? "id";
        var textField = options.TextField ?? "text";
        var maxBytes = (long)options.MaxFileMegabytes << 20;
        IDocumentWriter writer = options.Format == OutputFormat.Parquet
            ? new ParquetDocumentWriter(output, stem, maxBytes, idField, textField)
            : new JsonlDocumentWriter(output, stem, options.Compression, options.CompressionLevel, maxBytes, idField, textField);
        // The rejects file appears with the first rejection (RejectsWriter is lazy and thread-safe).
        using var rejects = options.WriteRejected
            ? new RejectsWriter(Path.Combine(output, "rejected"), stem, options.Compression, options.CompressionLevel, options.RejectedText)
            : null;
        var sink = rejects is null ? (Pipeline.IRejectionSink)Pipeline.NullRejectionSink.Instance : rejects;
        int? endOfDocument = null;
        IndexedDatasetBuilder? megatron = null;
        try
        {
            if (_config.Mix.Megatron)
            {
                endOfDocument = _config.Mix.AppendEndOfDocument
                    ? Tokenizer.EndOfDocumentId ?? throw new InvalidOperationException($"Tokenizer '{Tokenizer.Name}' has no end-of-document token; set appendEndOfDocument: false.")
                    : null;
                var prefix = Path.Combine(output, "megatron", shard.WorldSize > 1 ? $"mix_{shard.FileStem}" : "mix");
                megatron = new IndexedDatasetBuilder(prefix, Math.Max(Tokenizer.VocabularySize, (endOfDocument ?? 0) + 1));
            }
            var index = 0;
            for (var s = 0; s < _config.Mix.Sources.Count; s++)
            {
                var source = _config.Mix.Sources[s];
                var bad = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var file in _config.SourceFiles[s])
                {
                    if (!shard.Owns(index++))
                    {
                        continue;
                    }
                    var input = new StageContext(InputReasons.StageId, shard, log: _log, rejections: sink);
                    WriteFile(plan, source, file, input, writer, megatron, endOfDocument, counters, cancellationToken);
                    foreach (var (code, count) in input.Stats.RejectionsByCode)
                    {
                        bad[code] = bad.GetValueOrDefault(code) + count;
                    }
                }
                badRecords[source.Name] = bad;
            }
            writer.CompleteAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
            megatron?.Commit();
            rejects?.Complete();
        }
        finally
        {
            megatron?.Dispose();
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private sealed record Decided(Document Document, MixCellPlan? Cell, string Language, int Copies, long Tokens, List<int>? Ids);

    private void WriteFile(MixPlan plan, MixSourceOptions source, InputFile file, StageContext input, IDocumentWriter writer,
        IndexedDatasetBuilder? megatron, int? endOfDocument, Dictionary<(string, string), MixCellCounters> counters, CancellationToken cancellationToken)
    {
        var context = new InputContext(new InputOptions { TextField = source.TextField, IdField = source.IdField }, input);
        var hash = new MixHash(_config.Mix.Seed, source.Name);
        var reader = DocumentReaders.For(file, InputFormat.Auto);
        // Pass 1's counts, in file order, spare pass 2 the encoding (except for Megatron output, which needs the ids).
        using var counts = megatron is null && _measurer?.TokenCountsPath(source, file) is { } countsPath
            ? new BinaryReader(new BufferedStream(File.OpenRead(countsPath), 1 << 16))
            : null;
        MixBatches.Process(
            reader.ReadBatches(file, context, BatchDocuments, BatchBytes, cancellationToken),
            batch =>
            {
                var documents = batch.Open();
                var decided = new Decided[documents.Count];
                for (var i = 0; i < documents.Count; i++)
                {
                    var document = documents[i];
                    var language = MixLanguages.Of(document, source.Language);
                    var cell = plan.CellOf(source.Name, language);
                    var copies = cell?.CopiesOf(hash.Of(document.Id)) ?? 0;
                    List<int>? ids = null;
                    long tokens = 0;
                    if (copies > 0 && megatron is not null)
                    {
                        ids = new List<int>((document.Utf8Length / 3) + 16);
                        tokens = Tokenizer.Encode(document.Text, ids);
                    }
                    else if (copies > 0 && counts is null)
                    {
                        tokens = MixTokenCounter.Count(document, Tokenizer, source.TokenCountField);
                    }
                    decided[i] = new Decided(document, cell, language, copies, tokens, ids);
                }
                return decided;
            },
            decided =>
            {
                foreach (var d in decided)
                {
                    Write(source, d, counts is null ? d.Tokens : ReadCount(counts, file), writer, megatron, endOfDocument, counters, cancellationToken);
                }
            },
            Threads,
            cancellationToken);
        if (counts is not null && counts.BaseStream.Position != counts.BaseStream.Length)
        {
            throw new InvalidDataException($"'{file.DisplayPath}' holds fewer readable records than when it was measured; it changed during the mix. Run the mix again.");
        }
    }

    private static long ReadCount(BinaryReader counts, InputFile file)
    {
        try
        {
            return counts.ReadInt32();
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"'{file.DisplayPath}' holds more readable records than when it was measured; it changed during the mix. Run the mix again.", e);
        }
    }

    private static void Write(MixSourceOptions source, Decided d, long tokens, IDocumentWriter writer, IndexedDatasetBuilder? megatron, int? endOfDocument,
        Dictionary<(string, string), MixCellCounters> counters, CancellationToken cancellationToken)
    {
        var key = (source.Name, d.Language);
        if (!counters.TryGetValue(key, out var cell))
        {
            // A language pass 1 did not see (the file changed since it was measured): counted, never silently dropped.
            cell = new MixCellCounters(source.Name, d.Language);
            counters.Add(key, cell);
        }
        cell.DocumentsRead++;
        if (d.Cell?.Target is null)
        {
            cell.DocumentsWithoutTarget++;
            return;
        }
        if (d.Copies == 0)
        {
            cell.DocumentsNotSampled++;
            return;
        }
        cell.DocumentsTaken++;
        for (var repeat = 0; repeat < d.Copies; repeat++)
        {
            // Writers may hold documents until a row group is full (Parquet): each repeat is its own document.
            var copy = repeat == 0 ? d.Document : CopyOf(d.Document);
            copy.Metadata[SourceField] = source.Name;
            copy.Metadata[RepeatField] = (long)repeat;
            writer.WriteAsync(copy, cancellationToken).AsTask().GetAwaiter().GetResult();
            megatron?.AddDocument(CollectionsMarshal.AsSpan(d.Ids), endOfDocument);
            cell.Copies++;
            cell.Tokens += tokens;
            cell.Utf8Bytes += d.Document.Utf8Length;
        }
    }

    private static Document CopyOf(Document document) =>
        document.TryGetUtf8Text(out var utf8)
            ? Document.FromValidUtf8(document.Id, utf8, document.Metadata.Clone(), document.Source)
            : new Document(document.Id, document.Text, document.Metadata.Clone()) { Source = document.Source };

    // The world size is in the name so a run with another sharding never merges counters left by an earlier one.
    private static string CountersPath(string output, ShardSpec shard) =>
        Path.Combine(output, "mix", $"{shard.FileStem}-of-{shard.WorldSize:D5}.json");

    private static string CountersJson(MixResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("cells");
            foreach (var c in result.Cells)
            {
                writer.WriteStartObject();
                writer.WriteString("source", c.Source);
                writer.WriteString("language", c.Language);
                writer.WriteNumber("documents_read", c.DocumentsRead);
                writer.WriteNumber("documents_taken", c.DocumentsTaken);
                writer.WriteNumber("documents_not_sampled", c.DocumentsNotSampled);
                writer.WriteNumber("documents_without_target", c.DocumentsWithoutTarget);
                writer.WriteNumber("copies", c.Copies);
                writer.WriteNumber("tokens", c.Tokens);
                writer.WriteNumber("utf8_bytes", c.Utf8Bytes);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartObject("bad_records");
            foreach (var (source, codes) in result.BadRecords)
            {
                writer.WriteStartObject(source);
                foreach (var (code, count) in codes)
                {
                    writer.WriteNumber(code, count);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    // Sums every shard's counters once all of them are present; null while some shard is still missing.
    private static MixResult? TryMerge(MixPlan plan, string output, int worldSize)
    {
        var cells = new Dictionary<(string, string), MixCellCounters>();
        foreach (var c in plan.Cells)
        {
            cells[(c.Source, c.Language)] = new MixCellCounters(c.Source, c.Language);
        }
        var bad = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        for (var rank = 0; rank < worldSize; rank++)
        {
            var path = CountersPath(output, new ShardSpec(rank, worldSize));
            if (!File.Exists(path))
            {
                return null;
            }
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            foreach (var item in json.RootElement.GetProperty("cells").EnumerateArray())
            {
                var key = (item.GetProperty("source").GetString()!, item.GetProperty("language").GetString()!);
                if (!cells.TryGetValue(key, out var cell))
                {
                    cell = new MixCellCounters(key.Item1, key.Item2);
                    cells.Add(key, cell);
                }
                cell.Add(new MixCellCounters(key.Item1, key.Item2)
                {
                    DocumentsRead = item.GetProperty("documents_read").GetInt64(),
                    DocumentsTaken = item.GetProperty("documents_taken").GetInt64(),
                    DocumentsNotSampled = item.GetProperty("documents_not_sampled").GetInt64(),
                    DocumentsWithoutTarget = item.GetProperty("documents_without_target").GetInt64(),
                    Copies = item.GetProperty("copies").GetInt64(),
                    Tokens = item.GetProperty("tokens").GetInt64(),
                    Utf8Bytes = item.GetProperty("utf8_bytes").GetInt64(),
                });
            }
            foreach (var source in json.RootElement.GetProperty("bad_records").EnumerateObject())
            {
                var codes = bad.TryGetValue(source.Name, out var existing) ? existing : bad[source.Name] = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var code in source.Value.EnumerateObject())
                {
                    codes[code.Name] = codes.GetValueOrDefault(code.Name) + code.Value.GetInt64();
                }
            }
        }
        return new MixResult(plan, cells.Values.ToList(), bad.ToDictionary(b => b.Key, b => (IReadOnlyDictionary<string, long>)b.Value, StringComparer.Ordinal),
            worldSize, worldSize);
    }
}
