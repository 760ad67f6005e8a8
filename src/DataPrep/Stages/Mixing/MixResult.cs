using System.Globalization;
using System.Text;
using System.Text.Json;
using DataPrep.Documents;
using DataPrep.IO.Writers;
using DataPrep.Reports;

namespace DataPrep.Stages.Mixing;

/// <summary>
/// What a mix wrote, beside its plan: per cell the documents read, taken, not sampled and without target, the copies
/// and tokens written (counted while writing), and per target the achieved share of the tokens written against the
/// wanted share. <see cref="ToJson"/> is <c>mix.json</c>, <see cref="ToHtml"/> the mix's <c>report.html</c>.
/// </summary>
internal sealed class MixResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="plan">The plan the shards followed.</param>
    /// <param name="cells">Counters per cell (summed over the shards included).</param>
    /// <param name="badRecords">Unreadable records per source, by reason code.</param>
    /// <param name="worldSize">Shards of the run.</param>
    /// <param name="shards">Shards whose counters are included (equal to <paramref name="worldSize"/> when complete).</param>
    public MixResult(MixPlan plan, IReadOnlyList<MixCellCounters> cells, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> badRecords,
        int worldSize, int shards)
    {
        Plan = plan;
        Cells = cells;
        BadRecords = badRecords;
        WorldSize = worldSize;
        Shards = shards;
    }

    /// <summary>The plan.</summary>
    public MixPlan Plan { get; }

    /// <summary>Counters per cell.</summary>
    public IReadOnlyList<MixCellCounters> Cells { get; }

    /// <summary>Unreadable records per source, by reason.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> BadRecords { get; }

    /// <summary>Shards of the run.</summary>
    public int WorldSize { get; }

    /// <summary>Shards whose counters are included.</summary>
    public int Shards { get; }

    /// <summary>Tokens written in all.</summary>
    public long Tokens => Cells.Sum(c => c.Tokens);

    /// <summary>Document copies written in all.</summary>
    public long Copies => Cells.Sum(c => c.Copies);

    /// <summary>True when every document read is accounted for in every cell.</summary>
    public bool Reconciled => Cells.All(c => c.Reconciled);

    /// <summary>Tokens written that count towards target <paramref name="key"/>.</summary>
    public long TokensOf(string key) => Cells.Where(c => TargetOf(c) == key).Sum(c => c.Tokens);

    /// <summary>Achieved share of the written tokens for target <paramref name="key"/> (0 when nothing was written).</summary>
    public double AchievedShare(string key) => Tokens == 0 ? 0 : (double)TokensOf(key) / Tokens;

    private string? TargetOf(MixCellCounters cell) => Plan.Options.TargetsBy == MixTargetKind.Language ? cell.Language : cell.Source;

    /// <summary>A table of wanted against achieved shares, for the console.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Mix written: {Tokens:N0} {Plan.TokenizerName} tokens (budget {Plan.Options.TokenBudget:N0}), {Copies:N0} documents, {Shards}/{WorldSize} shards"));
        text.AppendLine($"{"target",-14} {"wanted",8} {"achieved",9} {"tokens",14}");
        foreach (var t in Plan.Targets)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{t.Key,-14} {t.Share,8:P2} {AchievedShare(t.Key),9:P2} {TokensOf(t.Key),14:N0}"));
        }
        if (!Reconciled)
        {
            text.AppendLine("WARNING: documents read do not reconcile with taken + not sampled + without target.");
        }
        return text.ToString();
    }

    /// <summary>mix.json: the plan, per source and per cell what was available, taken and written, and per target the
    /// wanted against the achieved share.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = DocumentJson.WriterOptions.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("tokenizer", Plan.TokenizerName);
            writer.WriteNumber("token_budget", Plan.Options.TokenBudget);
            writer.WriteNumber("tokens_written", Tokens);
            writer.WriteNumber("documents_written", Copies);
            writer.WriteNumber("text_bytes_written", Cells.Sum(c => c.Utf8Bytes));
            writer.WriteNumber("world_size", WorldSize);
            writer.WriteNumber("shards_included", Shards);
            writer.WriteBoolean("reconciled", Reconciled);
            writer.WriteStartArray("targets");
            foreach (var t in Plan.Targets)
            {
                writer.WriteStartObject();
                writer.WriteString("key", t.Key);
                writer.WriteNumber("target_share", t.Share);
                writer.WriteNumber("achieved_share", Math.Round(AchievedShare(t.Key), 6));
                writer.WriteNumber("gap_percentage_points", Math.Round((AchievedShare(t.Key) - t.Share) * 100, 4));
                writer.WriteNumber("wanted_tokens", Math.Round(t.WantedTokens));
                writer.WriteNumber("tokens_written", TokensOf(t.Key));
                writer.WriteBoolean("short", t.IsShort);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("sources");
            for (var s = 0; s < Plan.Options.Sources.Count; s++)
            {
                WriteSource(writer, Plan.Options.Sources[s], Plan.Sources[s]);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("cells");
            foreach (var cell in Cells)
            {
                var plan = Plan.CellOf(cell.Source, cell.Language);
                writer.WriteStartObject();
                writer.WriteString("source", cell.Source);
                writer.WriteString("language", cell.Language);
                writer.WriteNumber("documents_read", cell.DocumentsRead);
                writer.WriteNumber("documents_taken", cell.DocumentsTaken);
                writer.WriteNumber("documents_not_sampled", cell.DocumentsNotSampled);
                writer.WriteNumber("documents_without_target", cell.DocumentsWithoutTarget);
                writer.WriteNumber("copies_written", cell.Copies);
                writer.WriteNumber("tokens_written", cell.Tokens);
                writer.WriteNumber("planned_rate", Math.Round(plan?.Rate ?? 0, 6));
                writer.WriteNumber("planned_tokens", Math.Round(plan?.ExpectedTokens ?? 0));
                writer.WriteBoolean("reconciled", cell.Reconciled);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WritePropertyName("plan");
            Plan.WriteJson(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private void WriteSource(Utf8JsonWriter writer, MixSourceOptions options, MixSourceMeasurement measured)
    {
        var cells = Cells.Where(c => c.Source == options.Name).ToList();
        var tokens = cells.Sum(c => c.Tokens);
        writer.WriteStartObject();
        writer.WriteString("name", options.Name);
        writer.WriteNumber("files", measured.Files);
        writer.WriteNumber("documents_available", measured.Documents);
        writer.WriteNumber("tokens_available", measured.Tokens);
        writer.WriteNumber("text_bytes_available", measured.Cells.Values.Sum(c => c.Utf8Bytes));
        writer.WriteNumber("documents_read", cells.Sum(c => c.DocumentsRead));
        writer.WriteNumber("documents_taken", cells.Sum(c => c.DocumentsTaken));
        writer.WriteNumber("documents_not_sampled", cells.Sum(c => c.DocumentsNotSampled));
        writer.WriteNumber("documents_without_target", cells.Sum(c => c.DocumentsWithoutTarget));
        writer.WriteNumber("copies_written", cells.Sum(c => c.Copies));
        writer.WriteNumber("tokens_written", tokens);
        writer.WriteNumber("text_bytes_written", cells.Sum(c => c.Utf8Bytes));
        // Epochs: passes over the source's tokens that the written tokens amount to (0.25 = a quarter sampled, 3 = three passes).
        writer.WriteNumber("epochs", measured.Tokens == 0 ? 0 : Math.Round((double)tokens / measured.Tokens, 6));
        writer.WriteNumber("max_epochs", Plan.Options.EpochCapOf(options));
        writer.WriteNumber("share_of_mix", Tokens == 0 ? 0 : Math.Round((double)tokens / Tokens, 6));
        if (Plan.Options.TargetsBy == MixTargetKind.Source)
        {
            writer.WriteNumber("target_share", Plan.Options.Targets.GetValueOrDefault(options.Name));
        }
        writer.WriteStartObject("bad_records");
        foreach (var (code, count) in BadRecords.GetValueOrDefault(options.Name) ?? new Dictionary<string, long>())
        {
            writer.WriteNumber(code, count);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The mix's report.html: wanted against achieved share per target (chart and table) and per source what
    /// was available and taken. Self-contained (no script, no network); never contains document text.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>DataPrep mix report</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}")
            .Append(".chart .bar{fill:#2f6fb0}.chart .bg{fill:#cfe0f2}.chart text{font-size:12px}.chart .title{font-weight:bold}.short{color:#b00}")
            .Append("</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Mix: {Tokens:N0} {SvgBarChart.Escape(Plan.TokenizerName)} tokens</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Budget {Plan.Options.TokenBudget:N0} tokens, targets by {Plan.Options.TargetsBy.ToString().ToLowerInvariant()}, seed {Plan.Options.Seed}, {Copies:N0} documents written, {Shards}/{WorldSize} shards. Reconciled: {(Reconciled ? "yes" : "NO")}.</p>");
        var bars = Plan.Targets.Select(t => new SvgBarChart.Bar($"{t.Key} (target {t.Share * 100:0.##}%)", Math.Round(AchievedShare(t.Key) * 100, 3), t.Share * 100)).ToList();
        html.Append(SvgBarChart.Render(bars, "Achieved share of tokens (light bar: target)", "%"));
        html.Append("<h2>Target vs achieved</h2><table><tr><th>target</th><th>wanted share</th><th>achieved share</th><th>gap (pp)</th><th>wanted tokens</th><th>tokens written</th></tr>");
        foreach (var t in Plan.Targets)
        {
            var achieved = AchievedShare(t.Key);
            html.Append(CultureInfo.InvariantCulture,
                $"<tr{(t.IsShort ? " class=\"short\"" : "")}><td>{SvgBarChart.Escape(t.Key)}{(t.IsShort ? " (short)" : "")}</td><td>{t.Share:P2}</td><td>{achieved:P2}</td><td>{(achieved - t.Share) * 100:+0.000;-0.000;0.000}</td><td>{t.WantedTokens:N0}</td><td>{TokensOf(t.Key):N0}</td></tr>");
        }
        html.Append("</table><h2>Sources</h2><table><tr><th>source</th><th>language</th><th>documents</th><th>tokens available</th><th>planned rate</th><th>taken</th><th>not sampled</th><th>no target</th><th>copies written</th><th>tokens written</th></tr>");
        foreach (var cell in Cells)
        {
            var plan = Plan.CellOf(cell.Source, cell.Language);
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{SvgBarChart.Escape(cell.Source)}</td><td>{SvgBarChart.Escape(cell.Language)}</td><td>{cell.DocumentsRead:N0}</td><td>{plan?.Tokens ?? 0:N0}</td><td>{plan?.Rate ?? 0:0.000}</td><td>{cell.DocumentsTaken:N0}</td><td>{cell.DocumentsNotSampled:N0}</td><td>{cell.DocumentsWithoutTarget:N0}</td><td>{cell.Copies:N0}</td><td>{cell.Tokens:N0}</td></tr>");
        }
        html.Append("</table>");
        foreach (var shortfall in Plan.Shortfalls)
        {
            html.Append("<p class=\"short\">Shortfall: ").Append(SvgBarChart.Escape(shortfall)).Append("</p>");
        }
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>Writes mix.json and report.html into <paramref name="outputFolder"/> (atomically).</summary>
    public void WriteReports(string outputFolder)
    {
        AtomicFile.WriteAllText(Path.Combine(outputFolder, "mix.json"), ToJson());
        AtomicFile.WriteAllText(Path.Combine(outputFolder, "report.html"), ToHtml());
    }
}
