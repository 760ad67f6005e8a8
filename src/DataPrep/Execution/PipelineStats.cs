using System.Text.Json;
using DataPrep.IO.Writers;
using DataPrep.Pipeline;

namespace DataPrep.Execution;

/// <summary>
/// Statistics of a run (one shard, or all shards merged): every stage's counters in pipeline order,
/// and the reconciliation that every document read ended in exactly one place:
/// <c>read = kept + rejected</c> (duplicates are rejections with a <c>dedup.*</c> reason).
/// </summary>
public sealed class PipelineStats
{
    private readonly List<StageStatsEntry> _entries = [];

    // The members below are read once per run at its end (stats files, report, summary): plain loops over concrete
    // collections, which ReadyToRun precompiles, instead of LINQ over value types (int keys, KeyValuePair<string, long>),
    // which every run compiled at its end (bench/results/startup.md, Session 11).

    /// <summary>The entries, ordered by index then pass.</summary>
    public IReadOnlyList<StageStatsEntry> Stages
    {
        get
        {
            var stages = new List<StageStatsEntry>(_entries);
            // (index, pass) is unique, so this order is total and an unstable sort gives the same list as a stable one.
            stages.Sort(static (a, b) =>
                a.Index != b.Index ? a.Index.CompareTo(b.Index)
                : a.IsDecisionPass != b.IsDecisionPass ? (a.IsDecisionPass ? 1 : -1)
                : string.CompareOrdinal(a.Pass, b.Pass));
            return stages;
        }
    }

    /// <summary>Wall-clock seconds: of one phase part, or, in a merged run's stats, the sum over phases of each phase's longest shard.</summary>
    public double WallSeconds { get; set; }

    /// <summary>Number of shard stats merged into this one.</summary>
    public int ShardFiles { get; set; } = 1;

    /// <summary>The gzip engine that read and wrote <c>.gz</c> files (e.g. <c>isa-l (libisal.so.2)</c>): its speed and its
    /// output bytes differ. When merged shards ran with different engines, all of them, separated by <c>; </c>.</summary>
    public string? GzipEngine { get; set; }

    /// <summary>Records read from the input, including bad ones.</summary>
    public long Read => Find(0)?.Stats.Get(StageStats.DocsIn) ?? 0;

    /// <summary>Documents written as kept.</summary>
    public long Kept
    {
        get
        {
            long kept = 0;
            foreach (var entry in _entries)
            {
                if (entry.StageId == OutputStageId && entry.IsDecisionPass)
                {
                    kept += entry.Stats.Get(StageStats.DocsOut);
                }
            }
            return kept;
        }
    }

    /// <summary>Records rejected anywhere (input problems, filters, duplicates).</summary>
    public long Rejected
    {
        get
        {
            long rejected = 0;
            foreach (var entry in _entries)
            {
                if (entry.IsDecisionPass)
                {
                    rejected += entry.Stats.Get(StageStats.DocsRejected);
                }
            }
            return rejected;
        }
    }

    /// <summary>True when <c>read = kept + rejected</c>.</summary>
    public bool Reconciled => Read == Kept + Rejected;

    /// <summary>Rejections by reason code over all stages, in ordinal order of the codes.</summary>
    public IReadOnlyDictionary<string, long> RejectionsByReason => SumRejectionsByReason();

    /// <summary><see cref="RejectionsByReason"/> as the dictionary it is, for loops that enumerate it directly (the
    /// enumerator of <see cref="Dictionary{TKey,TValue}"/> is precompiled; the interface's is not).</summary>
    internal Dictionary<string, long> SumRejectionsByReason()
    {
        var sums = SumCounters(StageStats.RejectedPrefix);
        var codes = new List<string>(sums.Count);
        foreach (var (code, _) in sums)
        {
            codes.Add(code);
        }
        codes.Sort(StringComparer.Ordinal);
        // A dictionary filled in order and never removed from enumerates in that order.
        var byReason = new Dictionary<string, long>(codes.Count, StringComparer.Ordinal);
        foreach (var code in codes)
        {
            byReason.Add(code, sums[code]);
        }
        return byReason;
    }

    /// <summary>
    /// The decision passes' counters whose key starts with <paramref name="prefix"/>, summed by the rest of the key
    /// (<c>rejected.&lt;code&gt;</c> by code, <c>tokens.lang.&lt;language&gt;</c> by language), in the order the keys first
    /// appear: stage order, then key order.
    /// </summary>
    internal Dictionary<string, long> SumCounters(string prefix)
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in Stages)
        {
            if (!entry.IsDecisionPass)
            {
                continue;
            }
            var counters = entry.Stats.Counters;
            for (var i = 0; i < counters.Count; i++)
            {
                var (key, value) = counters[i];
                if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var rest = key[prefix.Length..];
                    sums[rest] = (sums.TryGetValue(rest, out var sum) ? sum : 0) + value;
                }
            }
        }
        return sums;
    }

    /// <summary>Stage id of the output pseudo-stage.</summary>
    public const string OutputStageId = "output";

    /// <summary>Gets the entry for (index, pass), creating it.</summary>
    public StageStats For(int index, string stageId, string pass = "")
    {
        StageStatsEntry? entry = null;
        foreach (var candidate in _entries)
        {
            if (candidate.Index == index && candidate.Pass == pass)
            {
                entry = candidate;
                break;
            }
        }
        if (entry is null)
        {
            entry = new StageStatsEntry(index, stageId, pass, new StageStats(stageId));
            _entries.Add(entry);
        }
        return entry.Stats;
    }

    private StageStatsEntry? Find(int index) => _entries.FirstOrDefault(e => e.Index == index && e.IsDecisionPass);

    /// <summary>Adds another run's or shard's stats into this one.</summary>
    public void MergeFrom(PipelineStats other)
    {
        foreach (var entry in other._entries)
        {
            For(entry.Index, entry.StageId, entry.Pass).MergeFrom(entry.Stats);
        }
        WallSeconds = Math.Max(WallSeconds, other.WallSeconds);
        var engines = (GzipEngine ?? "").Split("; ", StringSplitOptions.RemoveEmptyEntries)
            .Concat((other.GzipEngine ?? "").Split("; ", StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal).ToList();
        GzipEngine = engines.Count == 0 ? null : string.Join("; ", engines);
    }

    /// <summary>Merges many stats (shards, phases) into one.</summary>
    public static PipelineStats Merge(IEnumerable<PipelineStats> parts)
    {
        var merged = new PipelineStats { ShardFiles = 0 };
        foreach (var part in parts)
        {
            merged.MergeFrom(part);
            merged.ShardFiles += part.ShardFiles;
        }
        return merged;
    }

    /// <summary>Serialises to the <c>stats.json</c> format.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = DocumentJson.WriterOptions.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("documents");
            writer.WriteNumber("read", Read);
            writer.WriteNumber("kept", Kept);
            writer.WriteNumber("rejected", Rejected);
            writer.WriteEndObject();
            writer.WriteBoolean("reconciled", Reconciled);
            writer.WriteNumber("wall_seconds", Math.Round(WallSeconds, 3));
            writer.WriteNumber("shard_files", ShardFiles);
            if (GzipEngine is not null)
            {
                writer.WriteString("gzip_engine", GzipEngine);
            }
            writer.WriteStartObject("rejections_by_reason");
            foreach (var (code, count) in SumRejectionsByReason())
            {
                writer.WriteNumber(code, count);
            }
            writer.WriteEndObject();
            writer.WriteStartArray("stages");
            foreach (var entry in Stages)
            {
                var stats = entry.Stats;
                writer.WriteStartObject();
                writer.WriteNumber("index", entry.Index);
                writer.WriteString("id", entry.StageId);
                if (!entry.IsDecisionPass)
                {
                    writer.WriteString("pass", entry.Pass);
                }
                writer.WriteNumber("seconds", Math.Round(stats.Elapsed.TotalSeconds, 3));
                writer.WriteStartObject("counters");
                var counters = stats.Counters;
                for (var i = 0; i < counters.Count; i++)
                {
                    writer.WriteNumber(counters[i].Key, counters[i].Value);
                }
                writer.WriteEndObject();
                var distributions = stats.Distributions;
                if (distributions.Count > 0)
                {
                    writer.WriteStartObject("distributions");
                    for (var i = 0; i < distributions.Count; i++)
                    {
                        var (key, d) = distributions[i];
                        writer.WriteStartObject(key);
                        writer.WriteNumber("count", d.Count);
                        writer.WriteNumber("sum", d.Sum);
                        writer.WriteNumber("min", d.Min);
                        writer.WriteNumber("max", d.Max);
                        writer.WriteNumber("mean", Math.Round(d.Mean, 4));
                        writer.WriteEndObject();
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads the <c>stats.json</c> format.</summary>
    /// <exception cref="JsonException">The text is not a stats file.</exception>
    public static PipelineStats FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var stats = new PipelineStats
        {
            WallSeconds = root.TryGetProperty("wall_seconds", out var wall) ? wall.GetDouble() : 0,
            ShardFiles = root.TryGetProperty("shard_files", out var shards) ? shards.GetInt32() : 1,
            GzipEngine = root.TryGetProperty("gzip_engine", out var engine) ? engine.GetString() : null,
        };
        foreach (var stage in root.GetProperty("stages").EnumerateArray())
        {
            var pass = stage.TryGetProperty("pass", out var p) ? p.GetString() ?? "" : "";
            var target = stats.For(stage.GetProperty("index").GetInt32(), stage.GetProperty("id").GetString()!, pass);
            foreach (var counter in stage.GetProperty("counters").EnumerateObject())
            {
                target.Increment(counter.Name, counter.Value.GetInt64());
            }
            if (stage.TryGetProperty("distributions", out var distributions))
            {
                foreach (var d in distributions.EnumerateObject())
                {
                    target.AddDistribution(d.Name, d.Value.GetProperty("count").GetInt64(), d.Value.GetProperty("sum").GetDouble(),
                        d.Value.GetProperty("min").GetDouble(), d.Value.GetProperty("max").GetDouble());
                }
            }
            target.AddElapsed(TimeSpan.FromSeconds(stage.GetProperty("seconds").GetDouble()));
        }
        return stats;
    }
}
