using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DataPrep.Stages.Mixing;

/// <summary>What <see cref="MixSolver"/> decided: per target the wanted, available and planned tokens, per cell the
/// sampling rate, and the shortfalls (targets the epoch caps cannot meet). <c>dataprep mix plan</c> prints it; mix.json
/// records it beside what was actually written.</summary>
internal sealed class MixPlan
{
    /// <summary>Creates a plan.</summary>
    public MixPlan(MixOptions options, string tokenizerName, IReadOnlyList<MixSourceMeasurement> sources,
        IReadOnlyList<MixTargetPlan> targets, IReadOnlyList<MixCellPlan> cells)
    {
        Options = options;
        TokenizerName = tokenizerName;
        Sources = sources;
        Targets = targets;
        Cells = cells;
    }

    /// <summary>The mix options the plan was made for.</summary>
    public MixOptions Options { get; }

    /// <summary>Name of the tokenizer that measured the tokens.</summary>
    public string TokenizerName { get; }

    /// <summary>Pass-1 measurements, per source.</summary>
    public IReadOnlyList<MixSourceMeasurement> Sources { get; }

    /// <summary>Per target key.</summary>
    public IReadOnlyList<MixTargetPlan> Targets { get; }

    /// <summary>Per (source, language) cell, in source order.</summary>
    public IReadOnlyList<MixCellPlan> Cells { get; }

    /// <summary>True when some target cannot be met within the epoch caps.</summary>
    public bool HasShortfall => Targets.Any(t => t.IsShort);

    /// <summary>One sentence per target that cannot be met: which, how many tokens are missing and what would fix it.</summary>
    public IReadOnlyList<string> Shortfalls => Targets.Where(t => t.IsShort).Select(t => FormattableString.Invariant(
        $"target '{t.Key}' wants {t.WantedTokens:N0} tokens ({t.Share:P1} of {Options.TokenBudget:N0}) but its sources hold {t.AvailableTokens:N0} and the epoch caps allow {t.MaxTokens:N0} ({t.ShortfallTokens:N0} short): raise maxEpochs, add sources, lower the budget or the share, or set allowShortfall: true to take what exists.")).ToList();

    /// <summary>The cell of (<paramref name="source"/>, <paramref name="language"/>), or null when pass 1 saw no such document.</summary>
    public MixCellPlan? CellOf(string source, string language)
    {
        foreach (var cell in Cells)
        {
            if (cell.Source == source && cell.Language == language)
            {
                return cell;
            }
        }
        return null;
    }

    /// <summary>The plan as a table for the console.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Mix plan: {Options.TokenBudget:N0} {TokenizerName} tokens, targets by {Options.TargetsBy.ToString().ToLowerInvariant()}, seed {Options.Seed}");
        text.AppendLine();
        text.AppendLine();
        text.AppendLine($"{"target",-14} {"share",7} {"wanted",14} {"available",14} {"cap allows",14} {"planned",14}");
        foreach (var t in Targets)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{t.Key,-14} {t.Share,7:P1} {t.WantedTokens,14:N0} {t.AvailableTokens,14:N0} {t.MaxTokens,14:N0} {t.PlannedTokens,14:N0}{(t.IsShort ? "  SHORT" : "")}"));
        }
        text.AppendLine();
        text.AppendLine($"{"source",-22} {"lang",-5} {"documents",11} {"tokens",13} {"rate",7} {"max ep",6} {"exp. tokens",13} {"exp. docs",11}");
        foreach (var c in Cells)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{Shorten(c.Source, 22),-22} {c.Language,-5} {c.Documents,11:N0} {c.Tokens,13:N0} {c.Rate,7:0.000} {c.MaxEpochs,6:0.##} {c.ExpectedTokens,13:N0} {c.ExpectedDocuments,11:N0}{(c.Target is null ? "  (no target: left out)" : "")}"));
        }
        foreach (var s in Sources.Where(s => s.BadRecords.Count > 0))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"source {s.Source}: unreadable records left out: {string.Join(", ", s.BadRecords.Select(b => $"{b.Key} {b.Value:N0}"))}"));
        }
        foreach (var shortfall in Shortfalls)
        {
            text.AppendLine();
            text.Append("SHORTFALL: ").AppendLine(shortfall);
        }
        return text.ToString();
    }

    /// <summary>Writes the plan as a JSON object (the <c>plan</c> of mix.json).</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("tokenizer", TokenizerName);
        writer.WriteNumber("token_budget", Options.TokenBudget);
        writer.WriteNumber("seed", Options.Seed);
        writer.WriteString("targets_by", Options.TargetsBy.ToString().ToLowerInvariant());
        writer.WriteBoolean("allow_shortfall", Options.AllowShortfall);
        writer.WriteStartArray("targets");
        foreach (var t in Targets)
        {
            writer.WriteStartObject();
            writer.WriteString("key", t.Key);
            writer.WriteNumber("share", t.Share);
            writer.WriteNumber("wanted_tokens", Math.Round(t.WantedTokens));
            writer.WriteNumber("available_tokens", t.AvailableTokens);
            writer.WriteNumber("max_tokens_within_caps", Math.Round(t.MaxTokens));
            writer.WriteNumber("planned_tokens", Math.Round(t.PlannedTokens));
            writer.WriteNumber("shortfall_tokens", Math.Round(t.ShortfallTokens));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("cells");
        foreach (var c in Cells)
        {
            writer.WriteStartObject();
            writer.WriteString("source", c.Source);
            writer.WriteString("language", c.Language);
            if (c.Target is null)
            {
                writer.WriteNull("target");
            }
            else
            {
                writer.WriteString("target", c.Target);
            }
            writer.WriteNumber("documents", c.Documents);
            writer.WriteNumber("tokens", c.Tokens);
            writer.WriteNumber("max_epochs", c.MaxEpochs);
            writer.WriteNumber("rate", Math.Round(c.Rate, 6));
            writer.WriteNumber("full_passes", c.FullPasses);
            writer.WriteNumber("fraction_threshold", c.Threshold == ulong.MaxValue ? 1.0 : Math.Round(c.Threshold / 18446744073709551616.0, 9));
            writer.WriteNumber("expected_tokens", Math.Round(c.ExpectedTokens));
            writer.WriteNumber("expected_documents", Math.Round(c.ExpectedDocuments));
            writer.WriteNumber("expected_copies", Math.Round(c.ExpectedCopies));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("shortfalls");
        foreach (var shortfall in Shortfalls)
        {
            writer.WriteStringValue(shortfall);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string Shorten(string s, int length) => s.Length <= length ? s : s[..(length - 1)] + "…";
}
