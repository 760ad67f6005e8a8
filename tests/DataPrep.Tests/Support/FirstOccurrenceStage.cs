using System.Runtime.CompilerServices;
using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Tests.Support;

/// <summary>
/// A minimal corpus-wide stage for testing the runner's phases: keeps the first occurrence (global order)
/// of each exact text. Observe writes (hash, order) per shard; the reduce step picks the winner of each hash
/// partition; the decision pass rejects the others.
/// </summary>
public sealed class FirstOccurrenceStage : IGlobalStage
{
    public static readonly RejectionReason Duplicate = new("test.first.duplicate", "Same text seen earlier.");

    public string Id => "test.first";

    public IReadOnlyList<string> ReduceSteps { get; } = ["winners"];

    public async IAsyncEnumerable<Document> ObserveAsync(IAsyncEnumerable<Document> input, StageContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        await foreach (var document in input.WithCancellation(cancellationToken))
        {
            lines.Add($"{Hash(document.Text)}\t{document.Source.OrderKey}\t{document.Id}");
            yield return document;
        }
        await File.WriteAllLinesAsync(Path.Combine(context.RequireWorkDirectory(), $"seen-{context.Shard.Rank}.tsv"), lines, cancellationToken);
    }

    public async Task ReduceAsync(int step, StageContext context, CancellationToken cancellationToken)
    {
        var folder = context.RequireWorkDirectory();
        var winners = new Dictionary<ulong, (long Order, string Id)>();
        foreach (var file in Directory.GetFiles(folder, "seen-*.tsv"))
        {
            foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
            {
                var parts = line.Split('\t');
                var hash = ulong.Parse(parts[0]);
                if (hash % (ulong)context.Shard.WorldSize != (ulong)context.Shard.Rank)
                {
                    continue;
                }
                var order = long.Parse(parts[1]);
                if (!winners.TryGetValue(hash, out var current) || order < current.Order)
                {
                    winners[hash] = (order, parts[2]);
                }
            }
        }
        await File.WriteAllLinesAsync(Path.Combine(folder, $"winners-{context.Shard.Rank}.tsv"),
            winners.Select(kv => $"{kv.Key}\t{kv.Value.Order}\t{kv.Value.Id}"), cancellationToken);
    }

    public async IAsyncEnumerable<Document> RunAsync(IAsyncEnumerable<Document> input, StageContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var winners = new Dictionary<ulong, (long Order, string Id)>();
        foreach (var file in Directory.GetFiles(context.RequireWorkDirectory(), "winners-*.tsv"))
        {
            foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
            {
                var parts = line.Split('\t');
                winners[ulong.Parse(parts[0])] = (long.Parse(parts[1]), parts[2]);
            }
        }
        await foreach (var document in input.WithCancellation(cancellationToken))
        {
            var winner = winners[Hash(document.Text)];
            if (winner.Order == document.Source.OrderKey)
            {
                yield return document;
            }
            else
            {
                context.Reject(document, new Verdict(Duplicate, null, winner.Id));
            }
        }
    }

    private static ulong Hash(string text) => System.IO.Hashing.XxHash3.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(text));
}
