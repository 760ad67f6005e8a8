namespace DataPrep.Stages.Mixing;

/// <summary>
/// Turns pass-1 measurements into sampling rates. For each target key (a language, or a source) the wanted tokens
/// are share × budget; the cells that count towards it (every source's documents in that language, or the source's
/// documents) share one rate — so each target's mix keeps the natural proportions of its sources — except where a
/// source's epoch cap binds: that cell stays at its cap and the others rise to make up the tokens (water-filling).
/// When even every cell at its cap is not enough, the target is short (see <see cref="MixPlan.Shortfalls"/>) and its
/// cells are planned at their caps. Each cell's fractional pass is a coin threshold on a boundary of its token
/// histogram, so pass 2 writes exactly the planned tokens whatever the reading order or sharding, and a target misses
/// its wanted tokens by at most half a histogram bucket (rounding differences are carried from cell to cell).
/// </summary>
/// <remarks>
/// Shares are shares of tokens, not documents: the Korean-first models of the survey (§4.1.1) set their Korean share in
/// tokens, and a Korean document costs 1.5–5× the tokens of an English one of the same content (docs/tokenization.md).
/// </remarks>
internal static class MixSolver
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
        var plans = new MixCellPlan?[cells.Count];
        var targets = new List<MixTargetPlan>();
        foreach (var (key, share) in options.Targets)
        {
            var wanted = share * options.TokenBudget;
            var members = Enumerable.Range(0, cells.Count).Where(i => cells[i].Target == key && cells[i].Cell.Tokens > 0).ToList();
            var available = members.Sum(i => cells[i].Cell.Tokens);
            var most = members.Sum(i => cells[i].Cap * cells[i].Cell.Tokens);
            var rate = WaterLevel(members.Select(i => (cells[i].Cap, (double)cells[i].Cell.Tokens)).ToList(), Math.Min(wanted, most));
            // Each cell's fractional pass ends on a histogram bucket boundary, a little above or below its share; the
            // difference is carried to the next cell of the target, and the cell with the most documents (the finest
            // buckets) goes last, so the target as a whole misses by at most half a bucket of that cell.
            var carry = 0.0;
            foreach (var i in members.OrderBy(i => cells[i].Cell.Documents).ThenBy(i => i))
            {
                var (cell, cap, _) = cells[i];
                var cellWanted = Math.Clamp((Math.Min(rate, cap) * cell.Tokens) + carry, 0, cap * cell.Tokens);
                plans[i] = PlanCell(cell, cap, key, cellWanted);
                carry = (Math.Min(rate, cap) * cell.Tokens) + carry - plans[i]!.ExpectedTokens;
            }
            targets.Add(new MixTargetPlan(key, share, wanted, available, most, Math.Min(wanted, most)));
        }
        var result = new List<MixCellPlan>(cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            result.Add(plans[i] ?? PlanCell(cells[i].Cell, cells[i].Cap, cells[i].Target, 0));
        }
        return new MixPlan(options, tokenizerName, sources, targets, result);
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

    private static MixCellPlan PlanCell(MixCellMeasurement cell, double cap, string? target, double wantedTokens)
    {
        if (target is null || wantedTokens <= 0 || cell.Tokens == 0)
        {
            return new MixCellPlan(cell.Source, cell.Language, target, cell.Documents, cell.Tokens, cap, 0, 0, 0, 0, 0, 0);
        }
        var full = (int)Math.Floor(wantedTokens / cell.Tokens);
        var (threshold, fractionTokens, fractionDocuments) = cell.Histogram.ThresholdFor(wantedTokens - ((double)full * cell.Tokens));
        var tokens = ((double)full * cell.Tokens) + fractionTokens;
        var expectedDocuments = full > 0 ? cell.Documents : fractionDocuments;
        return new MixCellPlan(cell.Source, cell.Language, target, cell.Documents, cell.Tokens, cap, tokens / cell.Tokens, full, threshold,
            tokens, expectedDocuments, ((double)full * cell.Documents) + fractionDocuments);
    }
}
