namespace DataPrep.Stages.Mixing;

/// <summary>
/// Turns pass-1 measurements into sampling rates. For each target key (a language, or a source) the wanted tokens
/// are share × budget; the cells that count towards it (every source's documents in that language, or the source's
/// documents) share one rate — so each target's mix keeps the natural proportions of its sources — except where a
/// source's epoch cap binds: that cell stays at its cap and the others rise to make up the tokens (water-filling).
/// When even every cell at its cap is not enough, the target is short (see <see cref="MixPlan.Shortfalls"/>) and its
/// cells are planned at their caps. Each cell's fractional pass is a coin threshold read off its token histogram, so the
/// planned tokens are hit to within part of one histogram bucket, independently of reading order or sharding.
/// </summary>
/// <remarks>
/// Shares are shares of tokens, not documents: the Korean-first models of the survey (§4.1.1) set their Korean share in
/// tokens, and a Korean document costs 1.5–5× the tokens of an English one of the same content (docs/tokenization.md).
/// </remarks>
public static class MixSolver
{
    /// <summary>Solves the rates for <paramref name="options"/> over <paramref name="sources"/> (measured with
    /// <paramref name="tokenizerName"/>, in the order of <see cref="MixOptions.Sources"/>).</summary>
    public static MixPlan Solve(MixOptions options, string tokenizerName, IReadOnlyList<MixSourceMeasurement> sources)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sources);
        var cells = new List<(MixCellMeasurement Cell, double Cap, string? Target)>();
        for (var s = 0; s < sources.Count; s++)
        {
            var cap = options.EpochCapOf(options.Sources[s]);
            foreach (var cell in sources[s].Cells.Values)
            {
                var key = options.TargetsBy == MixTargetKind.Language ? cell.Language : cell.Source;
                cells.Add((cell, cap, options.Targets.ContainsKey(key) ? key : null));
            }
        }
        var rates = new double[cells.Count];
        var targets = new List<MixTargetPlan>();
        foreach (var (key, share) in options.Targets)
        {
            var wanted = share * options.TokenBudget;
            var members = Enumerable.Range(0, cells.Count).Where(i => cells[i].Target == key && cells[i].Cell.Tokens > 0).ToList();
            var available = members.Sum(i => cells[i].Cell.Tokens);
            var most = members.Sum(i => cells[i].Cap * cells[i].Cell.Tokens);
            var rate = WaterLevel(members.Select(i => (cells[i].Cap, (double)cells[i].Cell.Tokens)).ToList(), Math.Min(wanted, most));
            foreach (var i in members)
            {
                rates[i] = Math.Min(rate, cells[i].Cap);
            }
            targets.Add(new MixTargetPlan(key, share, wanted, available, most, Math.Min(wanted, most)));
        }
        var plans = new List<MixCellPlan>(cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            plans.Add(PlanCell(cells[i].Cell, cells[i].Cap, cells[i].Target, rates[i]));
        }
        return new MixPlan(options, tokenizerName, sources, targets, plans);
    }

    // The common rate r with Σ min(r, cap) · tokens = wanted (wanted never exceeds Σ cap · tokens here).
    private static double WaterLevel(List<(double Cap, double Tokens)> members, double wanted)
    {
        if (members.Count == 0 || wanted <= 0)
        {
            return 0;
        }
        members.Sort((a, b) => a.Cap.CompareTo(b.Cap));
        double capped = 0, free = members.Sum(m => m.Tokens);
        foreach (var (cap, tokens) in members)
        {
            var rate = (wanted - capped) / free;
            if (rate <= cap)
            {
                return rate;
            }
            capped += cap * tokens;
            free -= tokens;
        }
        return members[^1].Cap;
    }

    private static MixCellPlan PlanCell(MixCellMeasurement cell, double cap, string? target, double rate)
    {
        if (target is null || rate <= 0 || cell.Tokens == 0)
        {
            return new MixCellPlan(cell.Source, cell.Language, target, cell.Documents, cell.Tokens, cap, 0, 0, 0, 0, 0, 0);
        }
        var wanted = rate * cell.Tokens;
        var full = (int)Math.Floor(rate);
        var remainder = wanted - ((double)full * cell.Tokens);
        var (threshold, fractionTokens, fractionDocuments) = cell.Histogram.ThresholdFor(remainder);
        var expectedDocuments = full > 0 ? cell.Documents : fractionDocuments;
        return new MixCellPlan(cell.Source, cell.Language, target, cell.Documents, cell.Tokens, cap, rate, full, threshold,
            ((double)full * cell.Tokens) + fractionTokens, expectedDocuments, ((double)full * cell.Documents) + fractionDocuments);
    }
}
