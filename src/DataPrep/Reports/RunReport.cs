using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using DataPrep.Execution;
using DataPrep.IO;
using DataPrep.IO.Writers;
using DataPrep.Pipeline;

namespace DataPrep.Reports;

/// <summary>
/// The run report, <c>&lt;output&gt;/report.html</c>: one self-contained file (inline CSS and SVG, no script,
/// no network) made from the same <see cref="PipelineStats"/> as <c>stats.json</c> and the console summary,
/// which it also embeds as JSON. It shows the stage funnel (documents and bytes in and out), rejections by
/// reason and by language with sample ids from <c>rejected/</c>, and every stage's own counters and
/// distributions — duplicates and cluster sizes, PII counts by type, token counts and Korean token share
/// appear there when those stages ran.
/// </summary>
public static class RunReport
{
    private const int SamplesPerReason = 5;
    private const int MaxRejectLinesScanned = 200_000;

    /// <summary>Writes <c>report.html</c> into <paramref name="outputFolder"/> (atomically) and returns its path.</summary>
    public static string Write(string outputFolder, PipelineStats stats)
    {
        var path = Path.Combine(outputFolder, "report.html");
        AtomicFile.WriteAllText(path, Render(stats, ScanRejected(outputFolder), Path.GetFileName(Path.GetFullPath(outputFolder))));
        return path;
    }

    /// <summary>Sample ids and languages of rejected documents, read from the start of each rejects file.</summary>
    internal sealed record RejectedSamples(IReadOnlyDictionary<string, List<string>> IdsByReason, Dictionary<(string Reason, string Language), long> ByLanguage, bool Partial);

    /// <summary>Reads sample ids (and languages, when a language stage ran) from <c>rejected/</c>.</summary>
    internal static RejectedSamples ScanRejected(string outputFolder)
    {
        var ids = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var byLanguage = new Dictionary<(string, string), long>();
        var folder = new OutputLayout(outputFolder).RejectedFolder;
        var scanned = 0;
        var partial = false;
        if (Directory.Exists(folder))
        {
            // Hidden temporaries belong to a part still writing (or killed while writing): never results.
            foreach (var file in Directory.GetFiles(folder, "*.jsonl*").Where(f => !IO.TemporaryFiles.IsHidden(Path.GetFileName(f))).Order(StringComparer.Ordinal))
            {
                using var stream = IO.CompressedStreams.OpenRead(file);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                while (reader.ReadLine() is { } line)
                {
                    if (++scanned > MaxRejectLinesScanned)
                    {
                        partial = true;
                        break;
                    }
                    using var json = JsonDocument.Parse(line);
                    var root = json.RootElement;
                    var reason = root.GetProperty("reason").GetString() ?? "";
                    var list = ids.TryGetValue(reason, out var existing) ? existing : ids[reason] = [];
                    if (list.Count < SamplesPerReason)
                    {
                        list.Add(root.GetProperty("id").GetString() ?? "");
                    }
                    var language = root.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("language", out var l)
                        ? l.GetString() ?? "unknown" : "unknown";
                    byLanguage[(reason, language)] = (byLanguage.TryGetValue((reason, language), out var n) ? n : 0) + 1;
                }
                if (partial)
                {
                    break;
                }
            }
        }
        return new RejectedSamples(ids, byLanguage, partial);
    }

    /// <summary>Renders the report.</summary>
    internal static string Render(PipelineStats stats, RejectedSamples samples, string runName)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>DataPrep run report — ")
            .Append(SvgBarChart.Escape(runName)).Append("</title><style>").Append(Css).Append("</style></head><body>");
        html.Append("<h1>DataPrep run report</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\" id=\"reconciliation\">read <b>{N(stats.Read)}</b> = kept <b>{N(stats.Kept)}</b> + rejected <b>{N(stats.Rejected)}</b>: ")
            .Append(stats.Reconciled ? "<span class=\"ok\">reconciled</span>" : "<span class=\"bad\">DOES NOT RECONCILE</span>")
            .Append(CultureInfo.InvariantCulture, $" · {stats.ShardFiles} shard file(s) · wall time {stats.WallSeconds:F1} s</p>");

        var decision = stats.Stages.Where(e => e.IsDecisionPass).ToList();
        html.Append("<h2>Stage funnel</h2>");
        html.Append(SvgBarChart.Render(decision.Select(e => new SvgBarChart.Bar(e.StageId, e.Stats.Get(StageStats.DocsOut), e.Stats.Get(StageStats.DocsIn))).ToList(),
            "Documents out (dark) of documents in (light), per stage", "docs", "chart funnel-docs"));
        html.Append(SvgBarChart.Render(decision.Select(e => new SvgBarChart.Bar(e.StageId, e.Stats.Get(StageStats.BytesOut) / 1e6, e.Stats.Get(StageStats.BytesIn) / 1e6)).ToList(),
            "Text megabytes out of megabytes in, per stage", "MB", "chart funnel-bytes"));
        html.Append("<table><tr><th>stage</th><th>pass</th><th>docs in</th><th>docs out</th><th>rejected</th><th>MB in</th><th>MB out</th><th>seconds</th></tr>");
        foreach (var entry in stats.Stages)
        {
            var s = entry.Stats;
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(entry.StageId)}</td><td>{E(entry.Pass)}</td><td class=\"n\">{N(s.Get(StageStats.DocsIn))}</td><td class=\"n\">{N(s.Get(StageStats.DocsOut))}</td><td class=\"n\">{N(s.Get(StageStats.DocsRejected))}</td><td class=\"n\">{s.Get(StageStats.BytesIn) / 1e6:F2}</td><td class=\"n\">{s.Get(StageStats.BytesOut) / 1e6:F2}</td><td class=\"n\">{s.Elapsed.TotalSeconds:F2}</td></tr>");
        }
        html.Append("</table>");

        var reasons = stats.SumRejectionsByReason();
        html.Append("<h2>Rejections by reason</h2>");
        if (reasons.Count == 0)
        {
            html.Append("<p>No document was rejected.</p>");
        }
        else
        {
            html.Append(SvgBarChart.Render(Bars(LargestFirst(reasons)), "Rejected documents per reason code", "docs", "chart reasons"));
            html.Append("<table><tr><th>reason</th><th>documents</th><th>by language</th><th>sample ids</th></tr>");
            foreach (var (code, count) in reasons)
            {
                var byLanguage = new List<KeyValuePair<string, long>>();
                foreach (var ((reason, language), n) in samples.ByLanguage)
                {
                    if (reason == code)
                    {
                        byLanguage.Add(new KeyValuePair<string, long>(language, n));
                    }
                }
                var languages = new List<string>(byLanguage.Count);
                foreach (var (language, n) in LargestFirst(byLanguage))
                {
                    languages.Add($"{language}: {N(n)}");
                }
                var ids = samples.IdsByReason.TryGetValue(code, out var list) ? list : [];
                html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(code)}</code></td><td class=\"n\">{N(count)}</td><td>{E(string.Join(", ", languages))}</td><td>{string.Join(" ", ids.Select(id => $"<code>{E(id)}</code>"))}</td></tr>");
            }
            html.Append("</table>");
            if (samples.Partial)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Languages and samples come from the first {N(MaxRejectLinesScanned)} rejected records.</p>");
            }
        }

        // Languages in the order they first appear (stage order, then key order): equal counts keep it in the chart.
        var tokensByLanguage = stats.SumCounters("tokens.lang.");
        if (tokensByLanguage.Count > 0)
        {
            long total = 0;
            foreach (var (_, tokens) in tokensByLanguage)
            {
                total += tokens;
            }
            var korean = tokensByLanguage.TryGetValue("ko", out var ko) ? ko : 0;
            html.Append("<h2>Tokens by document language</h2>");
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\" id=\"korean-token-share\">Korean share of tokens: <b>{(total == 0 ? 0 : 100.0 * korean / total):F2}%</b> of {N(total)} tokens</p>");
            html.Append(SvgBarChart.Render(Bars(LargestFirst(tokensByLanguage)), "Tokens per document language", "tokens", "chart tokens"));
        }
        html.Append("<h2>Stage counters</h2><p class=\"note\">Each stage's own counts: duplicates and clusters, PII found and replaced by type, tokens and Korean token share, language decisions.</p>");
        foreach (var entry in stats.Stages)
        {
            var own = new List<KeyValuePair<string, long>>();
            var counters = entry.Stats.Counters;
            for (var i = 0; i < counters.Count; i++)
            {
                var key = counters[i].Key;
                if (!key.StartsWith("docs.", StringComparison.Ordinal) && !key.StartsWith("bytes.", StringComparison.Ordinal)
                    && !key.StartsWith(StageStats.RejectedPrefix, StringComparison.Ordinal))
                {
                    own.Add(counters[i]);
                }
            }
            var distributions = entry.Stats.Distributions;
            if (own.Count == 0 && distributions.Count == 0)
            {
                continue;
            }
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(entry.StageId)}{(entry.IsDecisionPass ? "" : " · " + E(entry.Pass))}</h3>");
            if (own.Count > 0)
            {
                html.Append(SvgBarChart.Render(Bars(own), $"{entry.StageId} counters", "", "chart counters"));
            }
            if (distributions.Count > 0)
            {
                html.Append("<table><tr><th>distribution</th><th>count</th><th>mean</th><th>min</th><th>max</th><th>sum</th></tr>");
                for (var i = 0; i < distributions.Count; i++)
                {
                    var (key, d) = distributions[i];
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(key)}</td><td class=\"n\">{N(d.Count)}</td><td class=\"n\">{d.Mean:F3}</td><td class=\"n\">{d.Min:G6}</td><td class=\"n\">{d.Max:G6}</td><td class=\"n\">{d.Sum:G8}</td></tr>");
                }
                html.Append("</table>");
            }
        }
        // The numbers above and stats.json come from one PipelineStats; the same JSON is embedded for tools and tests.
        html.Append("<script type=\"application/json\" id=\"stats-json\">").Append(stats.ToJson().Replace("</", "<\\/", StringComparison.Ordinal)).Append("</script>");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    // Plain loops over counts (KeyValuePair<string, long>, a value type) instead of LINQ's OrderByDescending and Select:
    // ReadyToRun precompiles these, it cannot precompile LINQ's iterators over value types (bench/results/startup.md,
    // Session 11).

    private static List<KeyValuePair<string, long>> LargestFirst(Dictionary<string, long> counts)
    {
        var list = new List<KeyValuePair<string, long>>(counts.Count);
        foreach (var count in counts)
        {
            list.Add(count);
        }
        return LargestFirst(list);
    }

    // The counts, largest first; equal counts keep their order (what a stable sort by count does).
    private static List<KeyValuePair<string, long>> LargestFirst(List<KeyValuePair<string, long>> counts)
    {
        var sorted = new List<KeyValuePair<string, long>>(counts.Count);
        foreach (var count in counts)
        {
            // Insertion: after every count at least as large. The lists are short (reasons, languages).
            var at = sorted.Count;
            while (at > 0 && sorted[at - 1].Value < count.Value)
            {
                at--;
            }
            sorted.Insert(at, count);
        }
        return sorted;
    }

    private static List<SvgBarChart.Bar> Bars(List<KeyValuePair<string, long>> counts)
    {
        var bars = new List<SvgBarChart.Bar>(counts.Count);
        foreach (var (label, value) in counts)
        {
            bars.Add(new SvgBarChart.Bar(label, value));
        }
        return bars;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string E(string text) => SvgBarChart.Escape(text);

    private const string Css =
        "body{font-family:system-ui,-apple-system,'Noto Sans KR',sans-serif;margin:2rem auto;max-width:1000px;color:#1f2328}" +
        "h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de}table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}" +
        "td,th{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}" +
        ".chart{display:block;margin:.5rem 0}.chart .bar{fill:#2f6feb}.chart .bg{fill:#c8d9fb}.chart .title{font-weight:600;font-size:13px}" +
        ".chart text{font-size:12px;fill:#1f2328}.ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:700}.note{color:#57606a;font-size:.85rem}";
}
