using System.Globalization;
using System.Net;
using System.Text;

namespace DataPrep.Reports;

/// <summary>Horizontal bar charts as inline SVG: no script, no network, readable in any browser and in print.</summary>
internal static class SvgBarChart
{
    /// <summary>One bar: a label, a value and an optional second value drawn as a lighter bar behind it (e.g. in vs out).</summary>
    /// <param name="Label">Text left of the bar.</param>
    /// <param name="Value">The bar's value.</param>
    /// <param name="Background">A larger value drawn behind (e.g. documents in), or null.</param>
    public sealed record Bar(string Label, double Value, double? Background = null);

    /// <summary>Renders <paramref name="bars"/> as an SVG element.</summary>
    public static string Render(IReadOnlyList<Bar> bars, string title, string unit, string cssClass = "chart")
    {
        const int labelWidth = 260, barWidth = 420, rowHeight = 22, top = 28;
        var max = bars.Count == 0 ? 1 : Math.Max(1e-9, bars.Max(b => Math.Max(b.Value, b.Background ?? 0)));
        var height = top + bars.Count * rowHeight + 10;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"{cssClass}\" role=\"img\" aria-label=\"{Escape(title)}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + barWidth + 140}\" height=\"{height}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"16\" class=\"title\">{Escape(title)}</text>");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = top + i * rowHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\" class=\"label\">{Escape(bar.Label)}</text>");
            if (bar.Background is { } background)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{Width(background, max, barWidth):F1}\" height=\"{rowHeight - 6}\" class=\"bg\"/>");
            }
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{Width(bar.Value, max, barWidth):F1}\" height=\"{rowHeight - 6}\" class=\"bar\" data-value=\"{bar.Value.ToString(CultureInfo.InvariantCulture)}\"><title>{Escape(bar.Label)}: {Format(bar.Value)} {Escape(unit)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + Width(Math.Max(bar.Value, bar.Background ?? 0), max, barWidth) + 6:F1}\" y=\"{y + 15}\" class=\"value\">{Format(bar.Value)}{(bar.Background is { } b ? " / " + Format(b) : "")} {Escape(unit)}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static double Width(double value, double max, int barWidth) => Math.Max(value > 0 ? 1 : 0, value / max * barWidth);

    /// <summary>A number for people: thousands separators, at most two decimals.</summary>
    public static string Format(double value) =>
        Math.Abs(value - Math.Round(value)) < 1e-9 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>HTML-escapes text.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);
}
