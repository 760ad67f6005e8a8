using System.Globalization;
using DataPrep.Execution;
using DataPrep.Pipeline;
using Spectre.Console;

namespace DataPrep.Cli.Commands;

/// <summary>The end-of-run summary table, made from the same <see cref="PipelineStats"/> that <c>stats.json</c> holds.</summary>
internal static class Summary
{
    public static void Print(PipelineStats stats, CliConsole console)
    {
        var table = new Table().Title("DataPrep run").AddColumns("stage", "pass", "docs in", "docs out", "rejected", "MB in", "MB out", "seconds");
        foreach (var entry in stats.Stages)
        {
            var s = entry.Stats;
            table.AddRow(
                Markup.Escape(entry.StageId), Markup.Escape(entry.Pass), N(s.Get(StageStats.DocsIn)), N(s.Get(StageStats.DocsOut)), N(s.Get(StageStats.DocsRejected)),
                Mb(s.Get(StageStats.BytesIn)), Mb(s.Get(StageStats.BytesOut)), s.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture));
        }
        console.Ansi.Write(table);
        var reasons = stats.SumRejectionsByReason();
        if (reasons.Count > 0)
        {
            var byReason = new Table().AddColumns("rejection reason", "documents");
            foreach (var (code, count) in reasons)
            {
                byReason.AddRow(Markup.Escape(code), N(count));
            }
            console.Ansi.Write(byReason);
        }
        var verdict = stats.Reconciled ? "reconciled" : "DOES NOT RECONCILE";
        console.Output.WriteLine(
            $"read {N(stats.Read)} = kept {N(stats.Kept)} + rejected {N(stats.Rejected)}: {verdict}; wall time {stats.WallSeconds.ToString("F1", CultureInfo.InvariantCulture)} s");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
}
