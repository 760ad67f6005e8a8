using System.Numerics;
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
public sealed class QualityWhatIfReport
{
    private readonly List<DocumentStage> _preparation = [];
    private readonly List<Rule> _rules = [];
    private readonly List<string> _stageIds = [];
    private readonly List<string> _notCovered = [];
    private readonly QualityWhatIfOptions _options;
    private readonly bool _needsRepetition;

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
            switch (stage)
            {
                case GopherQualityFilter gopher:
                    AddGopher(gopher);
                    break;
                case GopherRepetitionFilter repetition:
                    AddRepetition(repetition);
                    _needsRepetition = true;
                    break;
                case FineWebQualityFilter fineweb:
                    AddFineWeb(fineweb);
                    _needsRepetition = true;
                    break;
                case ScriptQualityFilter script:
                    AddScript(script);
                    break;
                case LanguageFilter language:
                    AddLanguage(language);
                    break;
                case QualityClassifierFilter classifier:
                    AddClassifier(classifier);
                    break;
                case C4QualityFilter c4:
                    AddC4(c4);
                    break;
                case BlocklistFilter blocklist:
                    AddBlocklist(blocklist);
                    break;
                case TransformStage or LanguageIdAnnotator when i < lastCovered:
                    _preparation.Add((DocumentStage)stage);
                    break;
                default:
                    _notCovered.Add(stage.Id);
                    break;
            }
            if (IsCovered(stage))
            {
                _stageIds.Add(stage.Id);
            }
        }
    }

    private static bool IsCovered(IStage stage) =>
        stage is GopherQualityFilter or GopherRepetitionFilter or FineWebQualityFilter or ScriptQualityFilter or LanguageFilter
            or QualityClassifierFilter or C4QualityFilter or BlocklistFilter;

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
            var measure = new Measure(document, a, profile, _needsRepetition && a.Length > 0);
            failingStages.Clear();
            for (var r = 0; r < _rules.Count; r++)
            {
                var rule = _rules[r];
                var value = rule.Value(measure);
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

    // ---- rules, measured as the stages measure them ----

    private void AddGopher(GopherQualityFilter stage)
    {
        var en = GopherQualityFilter.Limits.Resolve(stage.Options.English, GopherQualityFilter.EnglishDefaults);
        var ko = GopherQualityFilter.Limits.Resolve(stage.Options.Korean, GopherQualityFilter.KoreanDefaults);
        var id = stage.Id;
        Add(id, GopherQualityFilter.TooFewWords, "minWords", Kind.Count, true, k => (k ? ko : en).MinWords, m =>
        {
            // Mixed documents use the looser (smaller) minimum of the two sets.
            double words = m.A.NonSymbolWords;
            var other = m.Profile.Korean ? en.MinWords : ko.MinWords;
            return m.Profile.Mixed && words >= other ? double.PositiveInfinity : words;
        });
        Add(id, GopherQualityFilter.TooManyWords, "maxWords", Kind.Count, false, k => (k ? ko : en).MaxWords, m => m.A.NonSymbolWords);
        Add(id, GopherQualityFilter.ShortMeanWordLength, "minMeanWordLength", Kind.Ratio, true, k => (k ? ko : en).MinMeanWordLength, m =>
        {
            var mean = MeanLength(m.A);
            var other = m.Profile.Korean ? en.MinMeanWordLength : ko.MinMeanWordLength;
            return m.Profile.Mixed && mean >= other ? double.PositiveInfinity : mean;
        });
        Add(id, GopherQualityFilter.LongMeanWordLength, "maxMeanWordLength", Kind.Ratio, false, k => (k ? ko : en).MaxMeanWordLength, m =>
        {
            var mean = MeanLength(m.A);
            var other = m.Profile.Korean ? en.MaxMeanWordLength : ko.MaxMeanWordLength;
            return m.Profile.Mixed && mean <= other ? double.NegativeInfinity : mean;
        });
        Add(id, GopherQualityFilter.TooManyHashes, "maxHashToWordRatio", Kind.Ratio, false, k => (k ? ko : en).MaxHashToWordRatio,
            m => (double)m.A.HashChars / m.A.NonSymbolWords);
        Add(id, GopherQualityFilter.TooManyEllipses, "maxEllipsisToWordRatio", Kind.Ratio, false, k => (k ? ko : en).MaxEllipsisToWordRatio,
            m => (double)m.A.Ellipses / m.A.NonSymbolWords);
        Add(id, GopherQualityFilter.TooManyBulletLines, "maxBulletLineRatio", Kind.Fraction, false, k => (k ? ko : en).MaxBulletLineRatio,
            m => m.A.LineCount >= GopherQualityFilter.MinLinesForLineRatios ? (double)m.A.BulletLines / m.A.LineCount : null);
        Add(id, GopherQualityFilter.TooManyEllipsisLines, "maxEllipsisLineRatio", Kind.Fraction, false, k => (k ? ko : en).MaxEllipsisLineRatio,
            m => m.A.LineCount >= GopherQualityFilter.MinLinesForLineRatios ? (double)m.A.EllipsisLines / m.A.LineCount : null);
        Add(id, GopherQualityFilter.TooFewAlphaWords, "minAlphaWordRatio", Kind.Fraction, true, k => (k ? ko : en).MinAlphaWordRatio,
            m => m.A.WordCount == 0 ? 0 : (double)m.A.AlphaWords / m.A.WordCount);
        Add(id, GopherQualityFilter.TooFewStopWords, "minStopWords", Kind.Count, true, k => (k ? ko : en).MinStopWords, m =>
        {
            var particles = BitOperations.PopCount((uint)m.A.CaseParticleMask);
            var stops = m.A.EnglishStopWords;
            if (m.Profile.Mixed)
            {
                // Mixed documents pass on either language's evidence; the swept value is this set's.
                return m.Profile.Korean
                    ? stops >= en.MinStopWords ? double.PositiveInfinity : particles
                    : particles >= ko.MinStopWords ? double.PositiveInfinity : stops;
            }
            return m.Profile.Korean ? particles : stops;
        });
        Add(id, GopherQualityFilter.TooFewParticles, "minParticleRatio", Kind.Fraction, true, k => (k ? ko : en).MinParticleRatio,
            m => m.A.HangulWords > 0 ? (double)m.A.ParticleWords / m.A.HangulWords : null);
    }

    private static double? MeanLength(DocumentAnalysis a) => a.NonSymbolWords == 0 ? null : (double)a.NonSymbolCoreChars / a.NonSymbolWords;

    private void AddRepetition(GopherRepetitionFilter stage)
    {
        var en = GopherRepetitionFilter.Limits.Resolve(stage.Options.English, GopherRepetitionFilter.EnglishDefaults);
        var ko = GopherRepetitionFilter.Limits.Resolve(stage.Options.Korean, GopherRepetitionFilter.KoreanDefaults);
        var id = stage.Id;
        Add(id, GopherRepetitionFilter.DuplicateLines, "maxDuplicateLineRatio", Kind.Fraction, false, k => (k ? ko : en).MaxDuplicateLineRatio,
            m => m.Repetition && m.A.LineCount > 0 ? (double)m.A.DuplicateLines / m.A.LineCount : null);
        Add(id, GopherRepetitionFilter.DuplicateParagraphs, "maxDuplicateParagraphRatio", Kind.Fraction, false, k => (k ? ko : en).MaxDuplicateParagraphRatio,
            m => m.Repetition && m.A.LineCount > 0 ? m.A.ParagraphCount == 0 ? 0 : (double)m.A.DuplicateParagraphs / m.A.ParagraphCount : null);
        Add(id, GopherRepetitionFilter.DuplicateLineChars, "maxDuplicateLineCharRatio", Kind.Fraction, false, k => (k ? ko : en).MaxDuplicateLineCharRatio,
            m => m.Repetition && m.A.LineCount > 0 ? m.A.DuplicateLineChars / (double)m.A.Length : null);
        Add(id, GopherRepetitionFilter.DuplicateParagraphChars, "maxDuplicateParagraphCharRatio", Kind.Fraction, false, k => (k ? ko : en).MaxDuplicateParagraphCharRatio,
            m => m.Repetition && m.A.LineCount > 0 ? m.A.DuplicateParagraphChars / (double)m.A.Length : null);
        RejectionReason[] top = [GopherRepetitionFilter.Top2Gram, GopherRepetitionFilter.Top3Gram, GopherRepetitionFilter.Top4Gram];
        for (var n = 2; n <= 4; n++)
        {
            var size = n;
            Add(id, top[n - 2], $"maxTopNGramCharRatios[{n - 2}]", Kind.Fraction, false, k => (k ? ko : en).MaxTopNGramCharRatios[size - 2],
                m => m.Repetition ? m.A.TopNGramChars(size) / (double)m.A.Length : null);
        }
        RejectionReason[] duplicate =
        [
            GopherRepetitionFilter.Duplicate5Grams, GopherRepetitionFilter.Duplicate6Grams, GopherRepetitionFilter.Duplicate7Grams,
            GopherRepetitionFilter.Duplicate8Grams, GopherRepetitionFilter.Duplicate9Grams, GopherRepetitionFilter.Duplicate10Grams,
        ];
        for (var n = 5; n <= 10; n++)
        {
            var size = n;
            Add(id, duplicate[n - 5], $"maxDuplicateNGramCharRatios[{n - 5}]", Kind.Fraction, false, k => (k ? ko : en).MaxDuplicateNGramCharRatios[size - 5],
                m => m.Repetition ? m.A.DuplicateNGramChars(size) / (double)m.A.Length : null);
        }
    }

    private void AddFineWeb(FineWebQualityFilter stage)
    {
        var en = FineWebQualityFilter.Limits.Resolve(stage.Options.English, FineWebQualityFilter.EnglishDefaults);
        var ko = FineWebQualityFilter.Limits.Resolve(stage.Options.Korean, FineWebQualityFilter.KoreanDefaults);
        var id = stage.Id;
        Add(id, FineWebQualityFilter.Empty, "(no non-blank line)", Kind.Flag, false, _ => 0.5, m => m.A.LineCount == 0 ? 1 : 0);
        Add(id, FineWebQualityFilter.LinePunctuation, "minTerminalLineRatio", Kind.Fraction, true, k => (k ? ko : en).MinTerminalLineRatio,
            m => m.A.LineCount == 0 ? null : m.A.FineWebTerminalLines / (double)m.A.LineCount);
        Add(id, FineWebQualityFilter.ShortLines, "maxShortLineRatio", Kind.Fraction, false, k => (k ? ko : en).MaxShortLineRatio, m =>
        {
            if (m.A.LineCount == 0)
            {
                return null;
            }
            var shortLength = (m.Profile.Korean ? ko : en).ShortLineLength;
            var count = 0;
            foreach (ref readonly var line in m.A.Lines)
            {
                if (line.Length <= shortLength)
                {
                    count++;
                }
            }
            return count / (double)m.A.LineCount;
        });
        Add(id, FineWebQualityFilter.DuplicateLineChars, "maxDuplicateLineCharRatio", Kind.Fraction, false, k => (k ? ko : en).MaxDuplicateLineCharRatio, m =>
        {
            if (m.A.LineCount == 0)
            {
                return null;
            }
            var nonNewline = m.A.Length - m.A.Newlines;
            return nonNewline == 0 ? 0 : (double)m.A.DuplicateLineChars / nonNewline;
        });
        Add(id, FineWebQualityFilter.NewlineRatio, "maxNewlineToWordRatio", Kind.Ratio, false, k => (k ? ko : en).MaxNewlineToWordRatio,
            m => m.A.LineCount == 0 ? null : m.A.WordCount == 0 ? double.PositiveInfinity : (double)m.A.Newlines / m.A.WordCount);
    }

    private void AddScript(ScriptQualityFilter stage)
    {
        var o = stage.Options;
        var id = stage.Id;
        Add(id, ScriptQualityFilter.Mojibake, "maxMojibakeRatio", Kind.Fraction, false, _ => o.MaxMojibakeRatio,
            m => m.A.NonWhitespaceChars == 0 ? null : (double)(m.A.MojibakeChars + m.A.ReplacementChars) / m.A.NonWhitespaceChars);
        Add(id, ScriptQualityFilter.JamoSpam, "maxJamoRatio", Kind.Fraction, false, _ => o.MaxJamoRatio, m =>
        {
            var hangul = m.A.HangulSyllables + m.A.CompatibilityJamo;
            return m.A.NonWhitespaceChars == 0 || hangul == 0 ? null : (double)m.A.CompatibilityJamo / hangul;
        });
        Add(id, ScriptQualityFilter.LowHangulRatio, "minHangulRatio", Kind.Fraction, true, _ => o.MinHangulRatio,
            m => m.A.NonWhitespaceChars == 0 || m.Profile is not { Korean: true, Mixed: false } ? null : (double)m.A.HangulSyllables / m.A.NonWhitespaceChars);
    }

    private void AddLanguage(LanguageFilter stage)
    {
        var listed = new HashSet<string>(stage.Options.Languages, StringComparer.OrdinalIgnoreCase);
        var id = stage.Id;
        Add(id, LanguageFilter.Missing, "(language metadata)", Kind.Flag, false, _ => 0.5,
            m => m.Document.Metadata.GetString(MetadataKeys.Language) is null ? 1 : 0);
        Add(id, LanguageFilter.NotListed, "languages", Kind.Flag, false, _ => 0.5,
            m => m.Document.Metadata.GetString(MetadataKeys.Language) is { } language && !listed.Contains(language) ? 1 : 0);
        Add(id, LanguageFilter.LowScore, "minScore", Kind.Fraction, true, _ => stage.Options.MinScore,
            m => m.Document.Metadata.GetString(MetadataKeys.Language) is { } language && listed.Contains(language)
                ? m.Document.Metadata.GetNumber(MetadataKeys.LanguageScore) ?? 0 : null);
    }

    private void AddClassifier(QualityClassifierFilter stage)
    {
        var model = stage.Model;
        Add(stage.Id, QualityClassifierFilter.LowScore, "threshold", Kind.Fraction, true, _ => stage.Options.Threshold,
            m => model.Score(m.Document.Text));
    }

    private void AddC4(C4QualityFilter stage)
    {
        // C4's sentence count depends on which lines survive its line rules, and lorem ipsum and '{' are only
        // looked for in surviving lines: a copy of the stage that demands unreachably many sentences (and never
        // rewrites text) reports, for every document, either the lorem/curly rejection or the sentence count.
        var probe = new C4Probe(new C4QualityFilter(stage.Options with
        {
            MinSentences = int.MaxValue, MinSentencesKorean = int.MaxValue, RemoveLines = false,
        }));
        var o = stage.Options;
        Add(stage.Id, C4QualityFilter.LoremIpsum, "filterLoremIpsum", Kind.Flag, false, _ => 0.5,
            m => probe.Code(m.Document) == C4QualityFilter.LoremIpsum.Code ? 1 : 0);
        Add(stage.Id, C4QualityFilter.CurlyBracket, "filterCurlyBracket", Kind.Flag, false, _ => 0.5,
            m => probe.Code(m.Document) == C4QualityFilter.CurlyBracket.Code ? 1 : 0);
        Add(stage.Id, C4QualityFilter.TooFewSentences, "minSentences", Kind.Count, true, k => k ? o.MinSentencesKorean : o.MinSentences,
            m => probe.Code(m.Document) == C4QualityFilter.TooFewSentences.Code ? probe.Sentences : null, koreanOption: "minSentencesKorean");
    }

    private void AddBlocklist(BlocklistFilter stage)
    {
        var o = stage.Options;
        if (stage.HasDomains)
        {
            Add(stage.Id, BlocklistFilter.Url, "domains", Kind.Flag, false, _ => 0.5, m => stage.HasBlockedUrl(m.Document) ? 1 : 0);
        }
        if (o.MinMatches > 0)
        {
            // The stage rejects at minMatches or more; as a "max" rule that is more than minMatches - 1, shown as configured.
            Add(stage.Id, BlocklistFilter.WordCount, "minMatches", Kind.Count, false, _ => o.MinMatches,
                m => stage.HasBlockedUrl(m.Document) ? null : stage.CountMatches(m.A), atLeast: true);
        }
        // Off by default (1); the grid then shows what data-juicer's 0.045 and its neighbours would drop.
        Add(stage.Id, BlocklistFilter.WordRatio, "maxMatchRatio", Kind.Fraction, false, _ => o.MaxMatchRatio,
            m => stage.HasBlockedUrl(m.Document) ? null : stage.CountMatches(m.A) / (double)Math.Max(1, m.A.WordCount),
            grid: o.MaxMatchRatio >= 1 ? [0.005, 0.01, 0.02, 0.03, 0.045, 0.06, 0.1, 0.2, 0.5] : null);
    }

    private void Add(string stage, RejectionReason reason, string option, Kind kind, bool minimum, Func<bool, double> configured, Func<Measure, double?> value,
        string? koreanOption = null, bool atLeast = false, double[]? grid = null) =>
        _rules.Add(new Rule(stage, reason.Code, option, kind, minimum, configured, value, koreanOption, atLeast, grid));

    /// <summary>Runs a C4 copy once per document and keeps its verdict.</summary>
    private sealed class C4Probe(C4QualityFilter stage) : IRejectionSink
    {
        private readonly StageContext _context = new(stage.Id, ShardSpec.Single, rejections: null);
        private Document? _document;
        private Rejection? _last;

        public double Sentences { get; private set; }

        public string? Code(Document document)
        {
            if (!ReferenceEquals(document, _document))
            {
                _document = document;
                _last = null;
                var context = new StageContext(stage.Id, ShardSpec.Single, _context.Stats, rejections: this);
                stage.Process(document, context);
                Sentences = 0;
                if (_last is { Detail: { } detail } && _last.Reason == C4QualityFilter.TooFewSentences)
                {
                    // Detail is machine-made: "sentences=12<2147483647".
                    var from = detail.IndexOf('=', StringComparison.Ordinal) + 1;
                    var to = detail.IndexOf('<', StringComparison.Ordinal);
                    Sentences = double.Parse(detail.AsSpan(from, to - from), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            return _last?.Reason.Code;
        }

        public void Reject(Rejection rejection) => _last = rejection;
    }

    private enum Kind
    {
        /// <summary>A yes/no rule: the value is 0 or 1 against 0.5, no sweep.</summary>
        Flag,

        /// <summary>A whole number (words, stop words).</summary>
        Count,

        /// <summary>A non-negative ratio without upper bound.</summary>
        Ratio,

        /// <summary>A fraction between 0 and 1.</summary>
        Fraction,
    }

    private readonly record struct Measure(Document Document, DocumentAnalysis A, QualityProfile Profile, bool Repetition);

    private sealed record Rule(string Stage, string Code, string OptionName, Kind Kind, bool Minimum, Func<bool, double> Configured, Func<Measure, double?> Value,
        string? KoreanOptionName, bool AtLeast, double[]? FixedGrid)
    {
        public string Direction => Kind == Kind.Flag ? "flag" : Minimum ? "min" : AtLeast ? "atLeast" : "max";

        public string Option(bool korean) =>
            KoreanOptionName is not null ? korean ? KoreanOptionName : OptionName
            : Kind == Kind.Flag || !HasLanguageSets ? OptionName : (korean ? "korean." : "english.") + OptionName;

        private bool HasLanguageSets => Stage is "quality.gopher" or "quality.gopher_repetition" or "quality.fineweb";

        public bool Fails(double value, double threshold) => Minimum ? value < threshold : AtLeast ? value >= threshold : value > threshold;

        public double[] Grid(bool korean, IReadOnlyList<double> factors)
        {
            var configured = Configured(korean);
            var values = new SortedSet<double> { configured };
            if (FixedGrid is not null)
            {
                values.UnionWith(FixedGrid);
                return [.. values];
            }
            switch (Kind)
            {
                case Kind.Flag:
                    break;
                case Kind.Count when configured <= 10:
                    for (var k = 0; k <= Math.Max(12, configured + 6); k++)
                    {
                        values.Add(k);
                    }
                    break;
                case Kind.Count:
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
                        values.Add(Kind == Kind.Fraction ? Math.Min(1, value) : value);
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
