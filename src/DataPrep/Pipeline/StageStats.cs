using System.Collections.Concurrent;
using System.Diagnostics;

namespace DataPrep.Pipeline;

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

    // The counters kept in fields below, in the order Counters lists them before sorting.
    private static readonly string[] FieldCounters = [DocsIn, DocsOut, BytesIn, BytesOut];

    private readonly ConcurrentDictionary<string, StripedCounter> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Distribution> _distributions = new(StringComparer.Ordinal);
    private readonly StripedCounter _elapsedTicks = new();

    // The counters every stage moves for every document are fields: no dictionary lookup on the hot path.
    private readonly StripedCounter _docsIn = new();
    private readonly StripedCounter _docsOut = new();
    private readonly StripedCounter _bytesIn = new();
    private readonly StripedCounter _bytesOut = new();

    /// <summary>Creates empty stats for a stage.</summary>
    public StageStats(string stageId) => StageId = stageId;

    /// <summary>The stage these stats belong to.</summary>
    public string StageId { get; }

    /// <summary>Time spent inside the stage (summed over threads, so it can exceed wall time).</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(_elapsedTicks.Value);

    /// <summary>Counts one document entering the stage.</summary>
    public void CountIn(long utf8Bytes)
    {
        _docsIn.Add(1);
        _bytesIn.Add(utf8Bytes);
    }

    /// <summary>Counts one document leaving the stage.</summary>
    public void CountOut(long utf8Bytes)
    {
        _docsOut.Add(1);
        _bytesOut.Add(utf8Bytes);
    }

    /// <summary>Adds to a counter.</summary>
    public void Increment(string key, long by = 1)
    {
        switch (key)
        {
            case DocsIn: _docsIn.Add(by); return;
            case DocsOut: _docsOut.Add(by); return;
            case BytesIn: _bytesIn.Add(by); return;
            case BytesOut: _bytesOut.Add(by); return;
        }
        _counters.GetOrAdd(key, static _ => new StripedCounter()).Add(by);
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
        DocsIn => _docsIn.Value,
        DocsOut => _docsOut.Value,
        BytesIn => _bytesIn.Value,
        BytesOut => _bytesOut.Value,
        _ => _counters.TryGetValue(key, out var counter) ? counter.Value : 0,
    };

    /// <summary>Reads a distribution, or <c>null</c> when never observed.</summary>
    public Distribution? GetDistribution(string key) => _distributions.GetValueOrDefault(key);

    // Counters, Distributions and RejectionsByCode are read once per stage at the end of every run (stats files, report,
    // summary). They are plain loops over concrete collections, not LINQ: LINQ's iterators over KeyValuePair<string, long>
    // (a value type) are reached only through virtual calls, so ReadyToRun cannot precompile them and every run compiled
    // about a hundred of them at its end (bench/results/startup.md, Session 11).

    /// <summary>All counters, sorted by key.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Counters
    {
        get
        {
            var keys = new List<string>(_counters.Count + 4);
            foreach (var (key, _) in _counters)
            {
                keys.Add(key);
            }
            foreach (var key in FieldCounters)
            {
                if (Get(key) != 0)
                {
                    keys.Add(key);
                }
            }
            keys.Sort(StringComparer.Ordinal);
            var counters = new List<KeyValuePair<string, long>>(keys.Count);
            foreach (var key in keys)
            {
                counters.Add(new KeyValuePair<string, long>(key, Get(key)));
            }
            return counters;
        }
    }

    /// <summary>All distributions, sorted by key.</summary>
    public IReadOnlyList<KeyValuePair<string, Distribution>> Distributions
    {
        get
        {
            var keys = new List<string>(_distributions.Count);
            foreach (var (key, _) in _distributions)
            {
                keys.Add(key);
            }
            keys.Sort(StringComparer.Ordinal);
            var distributions = new List<KeyValuePair<string, Distribution>>(keys.Count);
            foreach (var key in keys)
            {
                distributions.Add(new KeyValuePair<string, Distribution>(key, _distributions[key]));
            }
            return distributions;
        }
    }

    /// <summary>Counts of rejections by reason code.</summary>
    public IReadOnlyDictionary<string, long> RejectionsByCode
    {
        get
        {
            var byCode = new Dictionary<string, long>(StringComparer.Ordinal);
            var counters = Counters;
            for (var i = 0; i < counters.Count; i++)
            {
                var (key, value) = counters[i];
                if (key.StartsWith(RejectedPrefix, StringComparison.Ordinal))
                {
                    byCode.Add(key[RejectedPrefix.Length..], value);
                }
            }
            return byCode;
        }
    }

    /// <summary>Adds elapsed time measured by the caller.</summary>
    public void AddElapsed(TimeSpan elapsed) => _elapsedTicks.Add(elapsed.Ticks);

    /// <summary>Starts a timer whose disposal adds the elapsed time to this stage.</summary>
    public TimingScope Time() => new(this, Stopwatch.GetTimestamp());

    /// <summary>Adds every counter and distribution of <paramref name="other"/> into this instance.</summary>
    public void MergeFrom(StageStats other)
    {
        var counters = other.Counters;
        for (var i = 0; i < counters.Count; i++)
        {
            Increment(counters[i].Key, counters[i].Value);
        }
        var distributions = other.Distributions;
        for (var i = 0; i < distributions.Count; i++)
        {
            var (key, d) = distributions[i];
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
}
