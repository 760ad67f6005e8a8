using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>
/// One pass, many thresholds: measures every signal of the quality rules in a pipeline once per document
/// (through the shared <c>DocumentAnalysis</c>) and counts, for each rule and language, how many
/// documents each threshold of a sweep around the configured one would drop, with sample ids. Use it to
/// tune thresholds before a run (<c>dataprep quality report</c>).
/// </summary>
/// <remarks>
/// <para>Covered stages: <c>GopherQuality</c>, <c>GopherRepetition</c>, <c>FineWebQuality</c>, <c>C4Quality</c>
/// (lorem ipsum, '{', and a sweep of the minimum sentences), <c>ScriptQuality</c>, <c>Language</c>, <c>Blocklist</c>
/// (blocked url, and sweeps of the match count and match ratio) and <c>QualityClassifier</c>. Each rule is measured exactly as its
/// stage measures it (the same thresholds per language, the same mixed Korean/English leniency), so the
/// share at the configured threshold is what that rule alone drops, and a stage's summary is what the stage
/// alone rejects. Rules are counted independently: a document failing two rules counts for both, unlike a
/// run, where the first failing rule (and the first rejecting stage) takes it.</para>
/// <para>Transforms (<c>Normalize</c>) and <c>LanguageId</c> that come before the last covered stage run
/// first, in config order, so rules see the text and language a run would give them; other filters do not
/// run, so every rule sees every document. Other stages
/// (dedup, PII, tokenization) are listed as not covered.</para>
/// </remarks>
internal sealed class QualityWhatIfReport
{
    private readonly List<DocumentStage> _preparation = [];
    private readonly List<Rule> _rules = [];
    private readonly List<string> _stageIds = [];
    private readonly List<string> _notCovered = [];
    private readonly QualityWhatIfOptions _options;

    /// <summary>Prepares the report for the stages of a pipeline, in order.</summary>
    /// <exception cref="ArgumentException">No stage has a rule this report covers.</exception>
    public QualityWhatIfReport(IEnumerable<IStage> stages, QualityWhatIfOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stages);
        _options = options ?? new QualityWhatIfOptions();
        var list = stages.ToList();
        var lastCovered = list.FindLastIndex(IsCovered);
        if (lastCovered < 0)
        {
            throw new ArgumentException("the pipeline has no stage the what-if report covers (GopherQuality, GopherRepetition, FineWebQuality, C4Quality, ScriptQuality, Language, Blocklist, QualityClassifier).");
        }
        for (var i = 0; i < list.Count; i++)
        {
            var stage = list[i];
            if (stage is IQualityRules covered)
            {
                var table = covered.QualityRules;
                foreach (var rule in table.Rules)
                {
                    _rules.Add(new Rule(stage.Id, table, rule));
                }
            }
            else if (stage is TransformStage or LanguageIdAnnotator && i < lastCovered)
            {
                _preparation.Add((DocumentStage)stage);
            }
            else
            {
                _notCovered.Add(stage.Id);
            }
            if (IsCovered(stage))
            {
                _stageIds.Add(stage.Id);
            }
        }
    }

    private static bool IsCovered(IStage stage) => stage is IQualityRules;

    /// <summary>Measures <paramref name="documents"/> and returns the sweeps.</summary>
    public QualityWhatIfResult Run(IEnumerable<Document> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var contexts = _preparation.Select(s => new StageContext(s.Id, ShardSpec.Single)).ToList();
        var byLanguage = new SortedDictionary<string, Group>(StringComparer.Ordinal);
        var values = new double?[_rules.Count];
        var failingStages = new HashSet<string>(StringComparer.Ordinal);
        long total = 0, droppedBefore = 0;
        foreach (var document in documents)
        {
            total++;
            var kept = true;
            for (var s = 0; s < _preparation.Count && kept; s++)
            {
                kept = _preparation[s].Process(document, contexts[s]);
            }
            if (!kept)
            {
                droppedBefore++;
                continue;
            }
            var a = DocumentAnalysis.Of(document.Text);
            var profile = QualityProfile.Of(document, a);
            var label = document.Metadata.GetString(MetadataKeys.Language) ?? (profile.Korean ? "ko" : "und");
            if (!byLanguage.TryGetValue(label, out var group))
            {
                group = new Group(_rules, profile.Korean, _options);
                byLanguage.Add(label, group);
            }
            group.Documents++;
            var input = new QualityInput(document, a, profile, profile.Korean);
            failingStages.Clear();
            for (var r = 0; r < _rules.Count; r++)
            {
                var rule = _rules[r];
                var value = QualityRuleTable.SweptValue(rule.Row, in input);
                if (value is null || double.IsNaN(value.Value))
                {
                    continue;
                }
                var accumulator = group.Accumulators[r];
                accumulator.Measured++;
                var grid = accumulator.Grid;
                for (var t = 0; t < grid.Length; t++)
                {
                    if (rule.Fails(value.Value, grid[t]))
                    {
                        accumulator.Dropped[t]++;
                        if (accumulator.Samples[t].Count < _options.SamplesPerThreshold)
                        {
                            accumulator.Samples[t].Add(document.Id);
                        }
                    }
                }
                if (rule.Fails(value.Value, accumulator.Configured))
                {
                    failingStages.Add(rule.Stage);
                }
            }
            foreach (var stage in failingStages)
            {
                group.StageRejected[stage] = group.StageRejected.GetValueOrDefault(stage) + 1;
            }
        }

        var sweeps = new List<QualityWhatIfRuleSweep>();
        var summaries = new List<QualityWhatIfStageSummary>();
        foreach (var stage in _stageIds)
        {
            foreach (var (label, group) in byLanguage)
            {
                summaries.Add(new QualityWhatIfStageSummary(stage, label, group.Documents, group.StageRejected.GetValueOrDefault(stage)));
            }
        }
        for (var r = 0; r < _rules.Count; r++)
        {
            var rule = _rules[r];
            foreach (var (label, group) in byLanguage)
            {
                var accumulator = group.Accumulators[r];
                var points = accumulator.Grid.Select((threshold, t) => new QualityWhatIfPoint(
                    threshold, accumulator.Dropped[t], group.Documents == 0 ? 0 : (double)accumulator.Dropped[t] / group.Documents,
                    accumulator.Samples[t].ToArray())).ToArray();
                sweeps.Add(new QualityWhatIfRuleSweep(rule.Stage, rule.Code, rule.Option(group.Korean), rule.Direction, label,
                    group.Documents, accumulator.Measured, accumulator.Configured, points));
            }
        }
        return new QualityWhatIfResult(total, droppedBefore, byLanguage.ToDictionary(kv => kv.Key, kv => kv.Value.Documents, StringComparer.Ordinal),
            sweeps, summaries, [.. _notCovered]);
    }

    /// <summary>A row of a stage's rule table, with what the report needs to name and sweep it.</summary>
    private sealed record Rule(string Stage, QualityRuleTable Table, QualityRule Row)
    {
        public string Code => Row.Reason.Code;

        public string Direction => Row.Kind == QualityRuleKind.Flag ? "flag" : Row.Comparison switch
        {
            QualityComparison.Below => "min",
            QualityComparison.AtLeast => "atLeast",
            _ => "max",
        };

        public string Option(bool korean) =>
            Row.KoreanOption is not null ? korean ? Row.KoreanOption : Row.Option
            : Row.Kind == QualityRuleKind.Flag || !Table.PerLanguage ? Row.Option : (korean ? "korean." : "english.") + Row.Option;

        public double Configured(bool korean) => Row.Threshold(korean);

        public bool Fails(double value, double threshold) => Row.Fails(value, threshold);

        public double[] Grid(bool korean, IReadOnlyList<double> factors)
        {
            var configured = Configured(korean);
            var values = new SortedSet<double> { configured };
            if (Row.SweepGrid is not null)
            {
                values.UnionWith(Row.SweepGrid);
                return [.. values];
            }
            switch (Row.Kind)
            {
                case QualityRuleKind.Flag:
                    break;
                case QualityRuleKind.Count when configured <= 10:
                    for (var k = 0; k <= Math.Max(12, configured + 6); k++)
                    {
                        values.Add(k);
                    }
                    break;
                case QualityRuleKind.Count:
                    foreach (var factor in factors)
                    {
                        values.Add(Math.Round(configured * factor));
                    }
                    break;
                default:
                    if (configured == 0)
                    {
                        for (var k = 0; k <= 12; k++)
                        {
                            values.Add(k * 0.025);
                        }
                        break;
                    }
                    foreach (var factor in factors)
                    {
                        var value = configured * factor;
                        values.Add(Row.Kind == QualityRuleKind.Fraction ? Math.Min(1, value) : value);
                    }
                    break;
            }
            return [.. values];
        }
    }

    private sealed class Accumulator(double configured, double[] grid)
    {
        public double Configured { get; } = configured;

        public double[] Grid { get; } = grid;

        public long[] Dropped { get; } = new long[grid.Length];

        public List<string>[] Samples { get; } = grid.Select(_ => new List<string>()).ToArray();

        public long Measured { get; set; }
    }

    private sealed class Group(List<Rule> rules, bool korean, QualityWhatIfOptions options)
    {
        public bool Korean { get; } = korean;

        public long Documents { get; set; }

        public Accumulator[] Accumulators { get; } = rules.Select(r => new Accumulator(r.Configured(korean), r.Grid(korean, options.Factors))).ToArray();

        public Dictionary<string, long> StageRejected { get; } = new(StringComparer.Ordinal);
    }
}
