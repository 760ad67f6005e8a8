using System.Collections.Concurrent;
using System.Diagnostics;

namespace DataPrep.Stats;

/// <summary>
/// Counters and distributions of one stage on one shard. Thread-safe: per-document stages run on
/// all cores and count into the same instance. Keys are lower-case and dotted; the stage id prefix
/// is added when stats are written, never typed by hand.
/// </summary>
public sealed class StageStats
{
    /// <summary>Documents that entered the stage.</summary>
    public const string DocsIn = "docs.in";

    /// <summary>Documents the stage passed on.</summary>
    public const string DocsOut = "docs.out";

    /// <summary>Documents the stage rejected (all reasons).</summary>
    public const string DocsRejected = "docs.rejected";

    /// <summary>UTF-8 bytes of text that entered the stage.</summary>
    public const string BytesIn = "bytes.in";

    /// <summary>UTF-8 bytes of text the stage passed on.</summary>
    public const string BytesOut = "bytes.out";

    /// <summary>Prefix of per-reason rejection counters: <c>rejected.&lt;code&gt;</c>.</summary>
    public const string RejectedPrefix = "rejected.";

    private readonly ConcurrentDictionary<string, StrongBox> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Distribution> _distributions = new(StringComparer.Ordinal);
    private long _elapsedTicks;

    // The counters every stage moves for every document are plain fields: no dictionary lookup on the hot path.
    private long _docsIn;
    private long _docsOut;
    private long _bytesIn;
    private long _bytesOut;

    /// <summary>Creates empty stats for a stage.</summary>
    public StageStats(string stageId) => StageId = stageId;

    /// <summary>The stage these stats belong to.</summary>
    public string StageId { get; }

    /// <summary>Time spent inside the stage (summed over threads, so it can exceed wall time).</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    /// <summary>Counts one document entering the stage.</summary>
    public void CountIn(long utf8Bytes)
    {
        Interlocked.Increment(ref _docsIn);
        Interlocked.Add(ref _bytesIn, utf8Bytes);
    }

    /// <summary>Counts one document leaving the stage.</summary>
    public void CountOut(long utf8Bytes)
    {
        Interlocked.Increment(ref _docsOut);
        Interlocked.Add(ref _bytesOut, utf8Bytes);
    }

    /// <summary>Adds to a counter.</summary>
    public void Increment(string key, long by = 1)
    {
        switch (key)
        {
            case DocsIn: Interlocked.Add(ref _docsIn, by); return;
            case DocsOut: Interlocked.Add(ref _docsOut, by); return;
            case BytesIn: Interlocked.Add(ref _bytesIn, by); return;
            case BytesOut: Interlocked.Add(ref _bytesOut, by); return;
        }
        var box = _counters.GetOrAdd(key, static _ => new StrongBox());
        Interlocked.Add(ref box.Value, by);
    }

    /// <summary>Records one value of a distribution (count/sum/min/max).</summary>
    public void Observe(string key, double value) =>
        _distributions.GetOrAdd(key, static _ => new Distribution()).Observe(value);

    /// <summary>Adds many observations of a distribution at once (merging, reading stats files).</summary>
    public void AddDistribution(string key, long count, double sum, double min, double max) =>
        _distributions.GetOrAdd(key, static _ => new Distribution()).Add(count, sum, min, max);

    /// <summary>Reads a counter (0 when never incremented).</summary>
    public long Get(string key) => key switch
    {
        DocsIn => Interlocked.Read(ref _docsIn),
        DocsOut => Interlocked.Read(ref _docsOut),
        BytesIn => Interlocked.Read(ref _bytesIn),
        BytesOut => Interlocked.Read(ref _bytesOut),
        _ => _counters.TryGetValue(key, out var box) ? Interlocked.Read(ref box.Value) : 0,
    };

    /// <summary>Reads a distribution, or <c>null</c> when never observed.</summary>
    public Distribution? GetDistribution(string key) => _distributions.GetValueOrDefault(key);

    /// <summary>All counters, sorted by key.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Counters =>
        _counters.Select(kv => new KeyValuePair<string, long>(kv.Key, Interlocked.Read(ref kv.Value.Value)))
            .Concat(new[] { DocsIn, DocsOut, BytesIn, BytesOut }.Select(k => new KeyValuePair<string, long>(k, Get(k))).Where(kv => kv.Value != 0))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();

    /// <summary>All distributions, sorted by key.</summary>
    public IReadOnlyList<KeyValuePair<string, Distribution>> Distributions =>
        _distributions.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();

    /// <summary>Counts of rejections by reason code.</summary>
    public IReadOnlyDictionary<string, long> RejectionsByCode =>
        Counters.Where(kv => kv.Key.StartsWith(RejectedPrefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[RejectedPrefix.Length..], kv => kv.Value, StringComparer.Ordinal);

    /// <summary>Adds elapsed time measured by the caller.</summary>
    public void AddElapsed(TimeSpan elapsed) => Interlocked.Add(ref _elapsedTicks, elapsed.Ticks);

    /// <summary>Starts a timer whose disposal adds the elapsed time to this stage.</summary>
    public TimingScope Time() => new(this, Stopwatch.GetTimestamp());

    /// <summary>Adds every counter and distribution of <paramref name="other"/> into this instance.</summary>
    public void MergeFrom(StageStats other)
    {
        foreach (var (key, value) in other.Counters)
        {
            Increment(key, value);
        }
        foreach (var (key, d) in other.Distributions)
        {
            _distributions.GetOrAdd(key, static _ => new Distribution()).Add(d.Count, d.Sum, d.Min, d.Max);
        }
        AddElapsed(other.Elapsed);
    }

    /// <summary>A timing scope; dispose to stop.</summary>
    public readonly struct TimingScope : IDisposable
    {
        private readonly StageStats _stats;
        private readonly long _start;

        internal TimingScope(StageStats stats, long start)
        {
            _stats = stats;
            _start = start;
        }

        /// <inheritdoc />
        public void Dispose() => _stats.AddElapsed(Stopwatch.GetElapsedTime(_start));
    }

    private sealed class StrongBox
    {
        public long Value;
    }
}
