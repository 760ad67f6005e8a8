using System.Collections.Concurrent;
using DataPrep.Pipeline;

namespace DataPrep.Tests.Support;

/// <summary>Keeps every rejection in memory, for assertions.</summary>
public sealed class CollectingRejectionSink : IRejectionSink
{
    private readonly ConcurrentQueue<Rejection> _items = new();

    public IReadOnlyList<Rejection> Items => _items.ToList();

    public void Reject(Rejection rejection) => _items.Enqueue(rejection);
}
