using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Tokenizers;

namespace DataPrep.Stages.Dedup.Substring;

/// <summary>
/// Cuts repeated spans out of otherwise distinct documents: every span of at least
/// <see cref="SubstringDedupOptions.MinSpanBytes"/> UTF-8 bytes that occurs earlier in the corpus (global input
/// order, whatever the sharding) is removed, snapped to word (eojeol) or character boundaries; a document left
/// with fewer than <see cref="SubstringDedupOptions.MinDocChars"/> characters is rejected as
/// <c>dedup.substring.too_short_after_removal</c>, with <c>duplicate_of</c> naming the document that holds the first
/// occurrence of its earliest cut span.
/// </summary>
/// <remarks>
/// Exact-substring deduplication of Lee et al. (2022), "Deduplicating Training Data Makes Language Models Better",
/// §3.1 (ExactSubstr): a suffix array over the corpus finds every window of k units that occurs more than once,
/// and all but the first occurrence are cut. k defaults to 100 bytes, their 50 tokens for Korean. As a global
/// stage: <b>observe</b> writes each shard's text (documents joined by the byte 0xFF, which UTF-8 never contains);
/// <b>suffixes</b> builds suffix arrays (SA-IS, in C#) of blocks that fit <see cref="SubstringDedupOptions.MemoryBudgetMb"/>;
/// <b>repeats</b> merges all blocks' arrays, slice by slice of the prefix space, so a repeat across blocks and shards
/// is found, and marks the later occurrences; the <b>decision pass</b> cuts them. Units are UTF-8 bytes, or with
/// <see cref="SubstringDedupOptions.Unit"/> <c>tokens</c> the ids of <see cref="SubstringDedupOptions.Tokenizer"/>
/// (their k of 50 tokens, <see cref="SubstringDedupOptions.MinTokens"/>): observe then writes each token as a 3-byte
/// code that only matches on token boundaries (<see cref="TokenCodes"/>) and each token's byte offset, so the same
/// suffix arrays and merge find runs of equal tokens, and the cuts map back to whole tokens of the text.
/// </remarks>
[Stage("SubstringDedup", typeof(SubstringDedupOptions), Family = 2,
    Description = "Cuts spans of at least minSpanBytes repeated anywhere earlier in the corpus (suffix array), keeping their first occurrence.")]
public sealed class SubstringDedupStage : IGlobalStage
{
    /// <summary>Too little text was left once the repeated spans were cut.</summary>
    public static readonly RejectionReason TooShortAfterRemoval = new(
        "dedup.substring.too_short_after_removal",
        "Fewer than minDocChars non-whitespace characters left after cutting spans repeated earlier in the corpus (duplicate_of names the first occurrence).");

    private const string Subfolder = "substring";
    private readonly SubstringDedupOptions _options;
    private readonly ITextTokenizer? _tokenizer;

    /// <summary>Creates the stage; a relative tokenizer path resolves against the current directory.</summary>
    /// <exception cref="ArgumentException">Unit tokens without a usable tokenizer.</exception>
    public SubstringDedupStage(SubstringDedupOptions options)
        : this(options, StageBuildContext.Default)
    {
    }

    /// <summary>Creates the stage, resolving a tokenizer path through <paramref name="context"/>.</summary>
    /// <exception cref="ArgumentException">Unit tokens without a tokenizer, or with one that names no known encoding or file,
    /// or whose vocabulary is too large for the token codes.</exception>
    public SubstringDedupStage(SubstringDedupOptions options, StageBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _options = options;
        if (options.Unit != SubstringUnit.Tokens)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(options.Tokenizer))
        {
            throw new ArgumentException("SubstringDedup with unit tokens needs a tokenizer (e.g. o200k_base).", nameof(options));
        }
        _tokenizer = TokenizerFactory.GetSharedForOptions(options.Tokenizer, context.ResolvePath);
        if (_tokenizer.VocabularySize > TokenCodes.MaxVocabulary)
        {
            throw new ArgumentException(
                $"Tokenizer '{_tokenizer.Name}' has {_tokenizer.VocabularySize} ids; SubstringDedup's token unit holds at most {TokenCodes.MaxVocabulary}.",
                nameof(options));
        }
    }

    /// <inheritdoc />
    public string Id => "dedup.substring";

    /// <inheritdoc />
    public IReadOnlyList<string> ReduceSteps { get; } = ["suffixes", "repeats"];

    /// <inheritdoc />
    public async IAsyncEnumerable<Document> ObserveAsync(
        IAsyncEnumerable<Document> input, StageContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folder = WorkFiles.Folder(context, Subfolder);
        var (rank, worldSize) = (context.Shard.Rank, context.Shard.WorldSize);
        long local = 0, offset = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var tokens = _tokenizer is null ? null : new DocumentTokens(_tokenizer);
        long unmapped = 0;
        try
        {
            using var text = WorkFiles.Create(SubstringFiles.Of(folder, SubstringFiles.Text, rank, worldSize));
            using var offsets = tokens is null ? null : WorkFiles.Create(TokenOffsetMap.PathOf(folder, rank, worldSize));
            using var extents = WorkFiles.Create(SubstringFiles.Of(folder, SubstringFiles.Extents, rank, worldSize));
            using var table = new DocumentTable(SubstringFiles.Of(folder, SubstringFiles.Documents, rank, worldSize));
            await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                using (context.Stats.Time())
                {
                    var length = Encode(document.Text, ref buffer);
                    if (tokens is null)
                    {
                        text.Write(buffer, 0, length);
                    }
                    else
                    {
                        if (!tokens.TryEncode(document.Text, buffer.AsSpan(0, length)))
                        {
                            unmapped++;
                        }
                        text.Write(tokens.Codes);
                        TokenOffsetMap.Write(offsets!, tokens.Offsets);
                        length = tokens.Codes.Length;
                    }
                    text.WriteByte(SubstringFiles.Separator);
                    var orderKey = DedupKeys.OrderKey(document, rank, local);
                    RecordFile.Write(extents, new DocExtent(orderKey, offset, length));
                    table.Add(orderKey, document.Text.Length, double.NaN, document.Id);
                    offset += length + 1;
                    local++;
                }
                yield return document;
            }
            // Padding: the merge reads whole windows (and 16-byte keys) from any suffix, the last one included.
            var padding = new byte[_options.WindowBytes + SuffixMerger.KeyBytes];
            padding.AsSpan().Fill(SubstringFiles.Separator);
            text.Write(padding);
            // Renamed into place only now: a pass cut short leaves no file the next pass would read as complete.
            text.Commit();
            extents.Commit();
            table.Commit();
            offsets?.Commit();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        DecisionPass.WriteObservedCount(SubstringFiles.Of(folder, SubstringFiles.Count, rank, worldSize), local);
        context.Stats.Increment("docs.observed", local);
        if (tokens is null)
        {
            context.Stats.Increment("bytes.observed", offset - local);
        }
        else
        {
            context.Stats.Increment("tokens.observed", (offset - local) / TokenCodes.BytesPerToken);
            context.Stats.Increment("docs.tokens_unmapped", unmapped);
        }
    }

    /// <inheritdoc />
    public Task ReduceAsync(int step, StageContext context, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)step, 1u, nameof(step));
        var folder = WorkFiles.Folder(context, Subfolder);
        var (part, worldSize) = (context.Shard.Rank, context.Shard.WorldSize);
        // Parts of one step run side by side on one machine: share its threads (and the memory budget) between them.
        var threads = Math.Max(1, context.Threads / Math.Min(worldSize, Math.Max(1, context.Threads)));
        using var timing = context.Stats.Time();
        if (step == 0)
        {
            // Suffix arrays hold 32-bit positions: a block stays below 2 GiB whatever the budget.
            var blockBytes = Math.Clamp(((long)_options.MemoryBudgetMb << 20) / (SuffixBlockBuilder.BytesPerTextByte * threads),
                SuffixBlockBuilder.MinBlockBytes, Array.MaxLength / 2);
            var (sorted, blocks) = SuffixBlockBuilder.Build(folder, part, worldSize, blockBytes, threads, cancellationToken);
            context.Stats.Increment("suffixes.sorted", sorted);
            context.Stats.Increment("suffixes.blocks", blocks);
            return Task.CompletedTask;
        }
        using var finder = new RepeatFinder(folder, worldSize, _options.WindowBytes, _options.KeepFirst);
        finder.Run(part, threads, cancellationToken);
        context.Stats.Increment("suffixes.merged", finder.MergedSuffixes);
        context.Stats.Increment("windows.repeated", finder.RepeatedWindows);
        context.Stats.Increment("windows.cut", finder.MarkedWindows);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Document> RunAsync(
        IAsyncEnumerable<Document> input, StageContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folder = WorkFiles.Folder(context, Subfolder);
        var (rank, worldSize) = (context.Shard.Rank, context.Shard.WorldSize);
        var stats = context.Stats;
        DocExtent[] extents;
        CutPlan plan;
        TokenOffsetMap? tokens = null;
        using (stats.Time())
        {
            extents = SubstringFiles.ReadExtents(folder, rank, worldSize);
            plan = new CutPlan(folder, rank, worldSize, _options.WindowBytes);
            if (_tokenizer is not null)
            {
                tokens = new TokenOffsetMap(folder, rank, worldSize, extents);
            }
        }
        var ranges = new List<(int Start, int End)>();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        long local = 0;
        try
        {
            await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                // docs.in/docs.out and bytes are counted by the runner around stages that are not DocumentStages.
                if (local >= extents.Length)
                {
                    throw new InvalidOperationException(
                        $"Stage '{Id}' shard {context.Shard}: the decision pass saw more documents than the {extents.Length} of the observe pass.");
                }
                Verdict verdict;
                using (stats.Time())
                {
                    verdict = Apply(document, local, extents[local], plan, tokens, ranges, ref buffer, stats);
                }
                local++;
                if (!verdict.IsKept)
                {
                    context.Reject(document, verdict);
                    continue;
                }
                yield return document;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            tokens?.Dispose();
        }
        if (local != extents.Length)
        {
            throw new InvalidOperationException(
                $"Stage '{Id}' shard {context.Shard}: the decision pass saw {local} documents but the observe pass saw {extents.Length}.");
        }
    }

    /// <summary>Cuts the marked spans of one document: byte ranges, or token ranges mapped to bytes through <paramref name="tokens"/>.</summary>
    private Verdict Apply(
        Document document, long local, DocExtent extent, CutPlan plan, TokenOffsetMap? tokens, List<(int Start, int End)> ranges, ref byte[] buffer,
        StageStats stats)
    {
        if (tokens is null)
        {
            plan.RangesOf(extent, ranges);
        }
        else
        {
            plan.TokenRangesOf(extent, ranges);
        }
        if (ranges.Count == 0)
        {
            return Verdict.Keep;
        }
        var length = Encode(document.Text, ref buffer);
        if (tokens is not null)
        {
            tokens.ToByteRanges(local, extent, length, ranges);
        }
        else if (length != extent.Length)
        {
            throw new InvalidOperationException(
                $"Stage '{Id}': document '{document.Id}' has {length} UTF-8 bytes in the decision pass but had {extent.Length} in the observe pass.");
        }
        var text = buffer.AsSpan(0, length);
        var kept = new byte[length];
        int keptLength = 0, position = 0, spans = 0, removed = 0, tokensRemoved = 0;
        foreach (var (start, end) in ranges)
        {
            var (from, to) = SpanSnapping.Snap(text, start, end, _options.Boundary);
            if (from >= to || from < position)
            {
                continue;
            }
            text[position..from].CopyTo(kept.AsSpan(keptLength));
            keptLength += from - position;
            position = to;
            spans++;
            removed += to - from;
            tokensRemoved += tokens?.CountWithin(from, to) ?? 0;
        }
        if (spans == 0)
        {
            return Verdict.Keep;
        }
        text[position..].CopyTo(kept.AsSpan(keptLength));
        keptLength += length - position;
        var source = SourceName(document);
        stats.Increment("spans.removed", spans);
        stats.Increment("bytes.removed", removed);
        stats.Increment("docs.changed");
        stats.Increment($"source.{source}.spans_removed", spans);
        stats.Increment($"source.{source}.bytes_removed", removed);
        if (tokens is not null)
        {
            stats.Increment("tokens.removed", tokensRemoved);
            stats.Increment($"source.{source}.tokens_removed", tokensRemoved);
        }
        var newText = Encoding.UTF8.GetString(kept, 0, keptLength);
        var left = CountNonWhitespace(newText);
        if (left < _options.MinDocChars)
        {
            return new Verdict(TooShortAfterRemoval, $"chars={left}<{_options.MinDocChars} spans_removed={spans} bytes_removed={removed}",
                plan.FirstOccurrenceOf(local));
        }
        document.Text = newText;
        return Verdict.Keep;
    }

    private static int Encode(string text, ref byte[] buffer)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (needed > buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(needed);
        }
        return Encoding.UTF8.GetBytes(text, buffer);
    }

    /// <summary>Where the document comes from, for the per-source counters: its <c>source</c> field, else its input file's name.</summary>
    private static string SourceName(Document document)
    {
        var name = document.Metadata.TryGetValue("source", out var value) && value is string field && field.Length > 0
            ? field
            : Path.GetFileName(document.Source.Path);
        foreach (var extension in (ReadOnlySpan<string>)[".gz", ".zst", ".jsonl", ".json", ".ndjson", ".parquet", ".txt"])
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^extension.Length];
            }
        }
        return name.Length == 0 ? "unknown" : name.ToLowerInvariant().Replace('.', '_').Replace(' ', '_');
    }

    private static int CountNonWhitespace(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }
        return count;
    }
}
