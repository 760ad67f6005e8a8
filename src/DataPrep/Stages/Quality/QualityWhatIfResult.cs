using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace DataPrep.Stages.Quality;

/// <summary>The what-if report of <see cref="QualityWhatIfReport"/>: per rule and language, the share of
/// documents each threshold would drop; per stage, what it rejects at the configured thresholds.</summary>
/// <param name="Documents">Documents read.</param>
/// <param name="DroppedBeforeRules">Documents removed by a preparation stage (e.g. Normalize emptied them) before any rule was measured.</param>
/// <param name="DocumentsByLanguage">Measured documents per language label.</param>
/// <param name="Rules">One sweep per rule and language.</param>
/// <param name="Stages">Per stage and language: documents failing any of its rules at the configured thresholds.</param>
/// <param name="NotCovered">Ids of stages in the config whose rules the report does not measure.</param>
internal sealed record QualityWhatIfResult(
    long Documents, long DroppedBeforeRules, IReadOnlyDictionary<string, long> DocumentsByLanguage,
    IReadOnlyList<QualityWhatIfRuleSweep> Rules, IReadOnlyList<QualityWhatIfStageSummary> Stages, IReadOnlyList<string> NotCovered)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"];

    /// <summary>The sweep of <paramref name="code"/> for <paramref name="language"/>, or null.</summary>
    public QualityWhatIfRuleSweep? Find(string code, string language) =>
        Rules.FirstOrDefault(r => r.Code == code && r.Language == language);

    /// <summary>A console table: per rule and language, the configured threshold and the share it drops,
    /// with the shares at the neighbouring thresholds of the sweep.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.Append(Invariant, $"{Documents:N0} documents; ");
        text.Append(string.Join(", ", DocumentsByLanguage.Select(kv => string.Create(Invariant, $"{kv.Key} {kv.Value:N0}"))));
        if (DroppedBeforeRules > 0)
        {
            text.Append(Invariant, $"; {DroppedBeforeRules:N0} removed before the rules");
        }
        text.AppendLine();
        text.AppendLine();
        text.Append(Invariant, $"{"stage",-28} {"rejects at configured thresholds",-34}");
        text.AppendLine();
        foreach (var stage in Stages.GroupBy(s => s.Stage))
        {
            text.Append(Invariant, $"{stage.Key,-28} ");
            text.AppendLine(string.Join("  ", stage.Select(s => string.Create(Invariant, $"{s.Language} {Percent(s.Share)} ({s.Rejected:N0})"))));
        }
        text.AppendLine();
        text.Append(Invariant, $"{"rule",-52} {"lang",-5} {"option",-46} {"configured",10} {"drops",8}   lower → higher threshold");
        text.AppendLine();
        foreach (var rule in Rules.Where(r => r.Measured > 0 || r.AtConfigured.Dropped > 0))
        {
            var at = rule.AtConfigured;
            var index = rule.Points.ToList().IndexOf(at);
            var below = index > 0 ? rule.Points[index - 1] : null;
            var above = index + 1 < rule.Points.Count ? rule.Points[index + 1] : null;
            var neighbours = rule.Direction == "flag" ? "" : string.Create(Invariant,
                $"{(below is null ? "" : $"{Number(below.Threshold)}: {Percent(below.Share)}")} | {(above is null ? "" : $"{Number(above.Threshold)}: {Percent(above.Share)}")}");
            text.Append(Invariant, $"{rule.Code,-52} {rule.Language,-5} {rule.Option + " (" + rule.Direction + ")",-46} {Number(rule.Configured),10} {Percent(at.Share),8}   {neighbours}");
            text.AppendLine();
        }
        if (NotCovered.Count > 0)
        {
            text.AppendLine();
            text.Append("not covered: ").AppendLine(string.Join(", ", NotCovered));
        }
        return text.ToString();
    }

    /// <summary>The whole report as indented JSON.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("documents", Documents);
            json.WriteNumber("droppedBeforeRules", DroppedBeforeRules);
            json.WriteStartObject("documentsByLanguage");
            foreach (var (language, count) in DocumentsByLanguage)
            {
                json.WriteNumber(language, count);
            }
            json.WriteEndObject();
            json.WriteStartArray("stages");
            foreach (var stage in Stages)
            {
                json.WriteStartObject();
                json.WriteString("stage", stage.Stage);
                json.WriteString("language", stage.Language);
                json.WriteNumber("documents", stage.Documents);
                json.WriteNumber("rejected", stage.Rejected);
                json.WriteNumber("share", stage.Share);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("rules");
            foreach (var rule in Rules)
            {
                json.WriteStartObject();
                json.WriteString("stage", rule.Stage);
                json.WriteString("code", rule.Code);
                json.WriteString("option", rule.Option);
                json.WriteString("direction", rule.Direction);
                json.WriteString("language", rule.Language);
                json.WriteNumber("documents", rule.Documents);
                json.WriteNumber("measured", rule.Measured);
                json.WriteNumber("configured", rule.Configured);
                json.WriteStartArray("points");
                foreach (var point in rule.Points)
                {
                    json.WriteStartObject();
                    json.WriteNumber("threshold", point.Threshold);
                    json.WriteNumber("dropped", point.Dropped);
                    json.WriteNumber("share", point.Share);
                    json.WriteStartArray("sampleIds");
                    foreach (var id in point.SampleIds)
                    {
                        json.WriteStringValue(id);
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("notCovered");
            foreach (var id in NotCovered)
            {
                json.WriteStringValue(id);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A self-contained HTML page (no script, no network): the stage summary and, per rule, an inline
    /// SVG line chart of the drop share against the threshold, one line per language, the configured
    /// thresholds marked, and a table with sample ids.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Quality what-if report</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:0.5em 0 1.5em}")
            .Append("td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right;font-size:90%}td:first-child,th:first-child{text-align:left}")
            .Append("td.ids{text-align:left;font-family:monospace;font-size:80%;color:#555}svg text{font-size:11px}.axis{stroke:#888}.grid{stroke:#eee}")
            .Append(".configured{stroke-dasharray:4 3}</style></head><body>\n<h1>Quality what-if report</h1>\n");
        html.Append(Invariant, $"<p>{Documents:N0} documents: ")
            .Append(string.Join(", ", DocumentsByLanguage.Select(kv => string.Create(Invariant, $"{Escape(kv.Key)} {kv.Value:N0}"))));
        if (DroppedBeforeRules > 0)
        {
            html.Append(Invariant, $"; {DroppedBeforeRules:N0} removed before the rules");
        }
        html.Append(". Each rule is counted alone: a document failing two rules counts for both.</p>\n");
        html.Append("<h2>Stages at the configured thresholds</h2>\n<table><tr><th>stage</th><th>language</th><th>documents</th><th>rejected</th><th>share</th></tr>\n");
        foreach (var stage in Stages)
        {
            html.Append(Invariant, $"<tr><td>{Escape(stage.Stage)}</td><td>{Escape(stage.Language)}</td><td>{stage.Documents:N0}</td><td>{stage.Rejected:N0}</td><td>{Percent(stage.Share)}</td></tr>\n");
        }
        html.Append("</table>\n");
        if (NotCovered.Count > 0)
        {
            html.Append("<p>Not covered: ").Append(Escape(string.Join(", ", NotCovered))).Append("</p>\n");
        }
        var languages = DocumentsByLanguage.Keys.ToList();
        foreach (var group in Rules.GroupBy(r => r.Code))
        {
            var sweeps = group.ToList();
            html.Append(Invariant, $"<h2 id=\"{Escape(group.Key)}\">{Escape(group.Key)}</h2>\n");
            html.Append(Invariant, $"<p>{Escape(sweeps[0].Stage)}, option {Escape(string.Join(" / ", sweeps.Select(s => s.Option).Distinct()))} ({Escape(sweeps[0].Direction)}).</p>\n");
            if (sweeps.Any(s => s.Points.Count > 1))
            {
                html.Append(Chart(sweeps, languages));
            }
            html.Append("<table><tr><th>language</th><th>threshold</th><th>dropped</th><th>share</th><th>sample ids</th></tr>\n");
            foreach (var sweep in sweeps)
            {
                foreach (var point in sweep.Points)
                {
                    var mark = point.Threshold == sweep.Configured ? " <b>(configured)</b>" : "";
                    html.Append(Invariant, $"<tr><td>{Escape(sweep.Language)}</td><td>{Number(point.Threshold)}{mark}</td><td>{point.Dropped:N0}</td><td>{Percent(point.Share)}</td><td class=\"ids\">{Escape(string.Join(", ", point.SampleIds))}</td></tr>\n");
                }
            }
            html.Append("</table>\n");
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string Chart(List<QualityWhatIfRuleSweep> sweeps, List<string> languages)
    {
        const int width = 560, height = 240, left = 50, right = 110, top = 12, bottom = 30;
        var plotWidth = width - left - right;
        var plotHeight = height - top - bottom;
        var xs = sweeps.SelectMany(s => s.Points.Select(p => p.Threshold)).ToList();
        double minX = xs.Min(), maxX = xs.Max();
        if (maxX <= minX)
        {
            maxX = minX + 1;
        }
        var maxY = Math.Max(0.01, sweeps.SelectMany(s => s.Points.Select(p => p.Share)).Max());
        double X(double v) => left + (v - minX) / (maxX - minX) * plotWidth;
        double Y(double v) => top + plotHeight - v / maxY * plotHeight;
        var svg = new StringBuilder();
        svg.Append(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"drop share by threshold\">");
        for (var k = 0; k <= 4; k++)
        {
            var y = maxY * k / 4;
            svg.Append(Invariant, $"<line class=\"grid\" x1=\"{left}\" x2=\"{left + plotWidth}\" y1=\"{Y(y):F1}\" y2=\"{Y(y):F1}\"/>");
            svg.Append(Invariant, $"<text x=\"{left - 4}\" y=\"{Y(y) + 4:F1}\" text-anchor=\"end\">{Percent(y)}</text>");
        }
        svg.Append(Invariant, $"<line class=\"axis\" x1=\"{left}\" x2=\"{left + plotWidth}\" y1=\"{top + plotHeight}\" y2=\"{top + plotHeight}\"/>");
        svg.Append(Invariant, $"<text x=\"{left}\" y=\"{height - 6}\">{Number(minX)}</text><text x=\"{left + plotWidth}\" y=\"{height - 6}\" text-anchor=\"end\">{Number(maxX)}</text>");
        svg.Append(Invariant, $"<text x=\"{left + plotWidth / 2}\" y=\"{height - 6}\" text-anchor=\"middle\">threshold</text>");
        var legend = 0;
        foreach (var sweep in sweeps)
        {
            var color = Palette[Math.Max(0, languages.IndexOf(sweep.Language)) % Palette.Length];
            var points = string.Join(" ", sweep.Points.Select(p => string.Create(Invariant, $"{X(p.Threshold):F1},{Y(p.Share):F1}")));
            svg.Append(Invariant, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{points}\"/>");
            foreach (var p in sweep.Points)
            {
                svg.Append(Invariant, $"<circle cx=\"{X(p.Threshold):F1}\" cy=\"{Y(p.Share):F1}\" r=\"2.5\" fill=\"{color}\"><title>{Escape(sweep.Language)} {Number(p.Threshold)}: {Percent(p.Share)}</title></circle>");
            }
            svg.Append(Invariant, $"<line class=\"configured\" stroke=\"{color}\" x1=\"{X(sweep.Configured):F1}\" x2=\"{X(sweep.Configured):F1}\" y1=\"{top}\" y2=\"{top + plotHeight}\"/>");
            svg.Append(Invariant, $"<text x=\"{left + plotWidth + 8}\" y=\"{top + 12 + legend * 16}\" fill=\"{color}\">{Escape(sweep.Language)} ({Number(sweep.Configured)})</text>");
            legend++;
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Percent(double share) => (share * 100).ToString("0.0", Invariant) + "%";

    private static string Number(double value) =>
        double.IsInfinity(value) ? value > 0 ? "inf" : "-inf" : value.ToString(Math.Abs(value) >= 100 ? "0" : "0.###", Invariant);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
