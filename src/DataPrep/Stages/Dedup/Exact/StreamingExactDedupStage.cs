using System.Runtime.CompilerServices;
using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Dedup.Exact;

/// <summary>
/// Exact dedup for an endless stream (a queue in a hosted job): keeps the first document of each
/// whitespace-normalised text (XxHash128, as <see cref="ExactDedupStage"/>) and rejects later copies with
/// <c>duplicate_of</c>. It remembers hashes in memory, in arrival order, on one thread; for files use
/// <c>ExactDedup</c>, which is corpus-wide, bounded in memory and the same for any sharding.
/// </summary>
[Stage("StreamingExactDedup", typeof(StreamingExactDedupOptions), Family = 2,
    Description = "Exact dedup over a stream in arrival order, in memory (for embedding; files use ExactDedup).")]
public sealed class StreamingExactDedupStage : IStage
{
    /// <summary>A copy of a document seen earlier in the stream.</summary>
    public static readonly RejectionReason Duplicate = new("dedup.streaming_exact.duplicate", "Same text (white space aside) as a document seen earlier in the stream.");

    private readonly StreamingExactDedupOptions _options;
    private readonly Dictionary<UInt128, string> _seen = new();
    private readonly object _gate = new();

    /// <summary>Creates the stage.</summary>
    public StreamingExactDedupStage(StreamingExactDedupOptions options) => _options = options;

    /// <inheritdoc />
    public string Id => "dedup.streaming_exact";

    /// <inheritdoc />
    public async IAsyncEnumerable<Document> RunAsync(IAsyncEnumerable<Document> input, StageContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var hash = NormalizedTextHash.Hash(document.Text, _options.IgnoreCase);
            string? first;
            lock (_gate)
            {
                if (!_seen.TryGetValue(hash, out first))
                {
                    if (_seen.Count < _options.MaxRemembered)
                    {
                        _seen[hash] = document.Id;
                    }
                    else
                    {
                        context.Stats.Increment("not_remembered");
                    }
                }
            }
            if (first is null)
            {
                yield return document;
            }
            else
            {
                context.Reject(document, new Verdict(Duplicate, null, first));
            }
        }
    }
}
