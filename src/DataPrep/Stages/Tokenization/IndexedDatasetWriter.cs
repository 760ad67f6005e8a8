using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Tokenizers;

namespace DataPrep.Stages.Tokenization;

/// <summary>
/// Tokenizes every document and writes the ids, in input order, as a Megatron-LM / NeMo indexed dataset
/// (<c>.bin</c> + <c>.idx</c>, see <see cref="IndexedDatasetBuilder"/>), optionally with an end-of-document token after
/// each document. Passes every document on with its token count in metadata. Runs on the ordered stream but
/// tokenizes each batch on all cores. Counters: <c>tokens.out</c>, <c>tokens.eod</c>; distribution <c>doc.tokens</c>.
/// </summary>
/// <remarks>
/// Format and dtype rule follow Megatron-LM's <c>indexed_dataset.py</c> (MMIDIDX version 1; uint16 below 65,500 ids,
/// else int32), one sequence per document as its <c>preprocess_data.py</c> writes without sentence splitting.
/// The files appear only when the shard completes (temporary names, then rename).
/// </remarks>
[Stage("IndexedDataset", typeof(IndexedDatasetOptions), Family = 4,
    Description = "Writes token ids as a Megatron-LM/NeMo indexed dataset (.bin + .idx), optionally with an EOD token per document.")]
public sealed class IndexedDatasetWriter : IStage
{
    private readonly IndexedDatasetOptions _options;
    private readonly string _prefix;
    private readonly int? _endOfDocument;

    /// <summary>Creates the stage; relative paths resolve against the current directory.</summary>
    public IndexedDatasetWriter(IndexedDatasetOptions options)
        : this(options, StageBuildContext.Default)
    {
    }

    /// <summary>Creates the stage, resolving paths through <paramref name="context"/>.</summary>
    /// <exception cref="ArgumentException">The tokenizer is unknown, or an EOD token is wanted but the tokenizer has none.</exception>
    public IndexedDatasetWriter(IndexedDatasetOptions options, StageBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Tokenizer = TokenizerFactory.GetSharedForOptions(options.Tokenizer, context.ResolvePath);
        _prefix = context.ResolveOutputPath(options.OutputPrefix);
        if (options.AppendEndOfDocument)
        {
            _endOfDocument = options.EndOfDocumentId ?? Tokenizer.EndOfDocumentId
                ?? throw new ArgumentException(
                    $"Tokenizer '{Tokenizer.Name}' has no end-of-document token; set endOfDocumentId or appendEndOfDocument: false.",
                    nameof(options));
        }
    }

    /// <inheritdoc />
    public string Id => "tokenize.indexed_dataset";

    /// <summary>The shared tokenizer.</summary>
    public ITextTokenizer Tokenizer { get; }

    /// <summary>Path prefix of the files written for <paramref name="shard"/>.</summary>
    public string PrefixFor(ShardSpec shard) => shard.WorldSize > 1 ? $"{_prefix}_rank-{shard.Rank:D5}" : _prefix;

    /// <inheritdoc />
    public async IAsyncEnumerable<Document> RunAsync(
        IAsyncEnumerable<Document> input,
        StageContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stats = context.Stats;
        var vocabulary = Math.Max(Tokenizer.VocabularySize, (_endOfDocument ?? 0) + 1);
        using var builder = new IndexedDatasetBuilder(PrefixFor(context.Shard), vocabulary);
        var batch = new List<Document>(_options.BatchSize);
        var ids = new List<int>[_options.BatchSize];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = new List<int>(256);
        }
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(document);
            if (batch.Count < _options.BatchSize)
            {
                continue;
            }
            WriteBatch(batch, ids, builder, stats);
            foreach (var written in batch)
            {
                yield return written;
            }
            batch.Clear();
        }
        WriteBatch(batch, ids, builder, stats);
        foreach (var written in batch)
        {
            yield return written;
        }
        if (builder.Commit())
        {
            stats.Increment("shards.written");
            context.Log.Information(
                "Indexed dataset {Prefix} written: {Documents} documents, {Tokens} tokens, dtype {DType}",
                PrefixFor(context.Shard), builder.Documents, builder.Tokens, builder.DType);
        }
        else
        {
            stats.Increment("shards.empty");
            context.Log.Information("Indexed dataset {Prefix} not written: no document reached it", PrefixFor(context.Shard));
        }
    }

    private void WriteBatch(List<Document> batch, List<int>[] ids, IndexedDatasetBuilder builder, StageStats stats)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        Parallel.For(0, batch.Count, i =>
        {
            ids[i].Clear();
            Tokenizer.Encode(batch[i].Text, ids[i]);
        });
        for (var i = 0; i < batch.Count; i++)
        {
            var document = batch[i];
            var count = ids[i].Count;
            builder.AddDocument(CollectionsMarshal.AsSpan(ids[i]), _endOfDocument);
            document.Metadata[_options.MetadataKey] = (long)count;
            stats.Increment(TokenizeStage.TokensCounter, count);
            stats.Observe(TokenizeStage.TokensDistribution, count);
            if (_endOfDocument is not null)
            {
                stats.Increment("tokens.eod");
            }
        }
        stats.AddElapsed(System.Diagnostics.Stopwatch.GetElapsedTime(start));
    }
}
