using System.Collections.Concurrent;
using DataPrep.Documents;
using DataPrep.Pipeline;
using Lingua;

namespace DataPrep.Stages.Quality;

/// <summary>
/// Writes the document's language (<c>language</c>, ISO 639-1, or <c>und</c>) and a confidence
/// (<c>language_score</c>, 0–1) into metadata. Script statistics decide first; Lingua, restricted to the
/// configured languages, only sees the ambiguous documents. Never rejects.
/// </summary>
/// <remarks>
/// <para>Peer systems run fastText lid.176 or GlotLID on every document (datatrove, FineWeb-2). Here most
/// documents are decided by counting scripts, which costs nothing beyond the shared per-document analysis:
/// each script's weight is the UTF-8 bytes of its letters (Hangul, Han and Kana 3 per character,
/// Cyrillic 2, Latin 1), so a syllable weighs about what its romanisation would. When one script holds
/// at least <c>minScriptShare</c> (0.8) of the weight and exactly one configured language is written in
/// it, that language is assigned with the share as its score.</para>
/// <para>Ambiguous documents go to SearchPioneer.Lingua: mixed scripts (Korean with much English), or a
/// script shared by several configured languages (en and fr). The detector is built once per set of
/// languages and shared by all stages and threads; it reads at most <c>maxLinguaChars</c> characters.
/// Lingua's confidence among the candidate languages (the configured ones whose script holds ≥ 10% of the
/// weight) becomes the score.</para>
/// <para>A language that is not configured but shares a script with one that is (French text when only
/// en is listed) gets that language: script statistics cannot tell them apart. List the languages you
/// expect in the input to have Lingua separate them. Text with no letters, or only letters of scripts no
/// configured language uses, gets <c>und</c> with score 0.</para>
/// </remarks>
[Stage("LanguageId", typeof(LanguageIdOptions), Family = 1,
    Description = "Language identification: script statistics first, Lingua (restricted to the configured languages) for ambiguous documents; writes language and language_score.")]
public sealed class LanguageIdAnnotator : DocumentStage
{
    /// <summary>The language written when nothing can be identified.</summary>
    public const string Undetermined = "und";

    private const double CandidateScriptShare = 0.1;

    private static readonly ConcurrentDictionary<string, Lazy<LanguageDetector>> s_detectors = new(StringComparer.Ordinal);

    private readonly (string Code, Language Language, ScriptBucket Script)[] _languages;
    private readonly Lazy<LanguageDetector>? _detector;

    /// <summary>Creates the annotator; the Lingua detector is built on first use and shared.</summary>
    /// <exception cref="ArgumentException">A language code is not ISO 639-1 or not known to Lingua.</exception>
    public LanguageIdAnnotator(LanguageIdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var latin = LanguageInfo.AllWithLatinScript();
        var cyrillic = LanguageInfo.AllWithCyrillicScript();
        // Plain loops, not LINQ over these tuples (value types): construction runs once per run, and LINQ's iterators over
        // value types cannot be precompiled, so each was compiled at start-up (bench/results/startup.md, Session 11).
        var distinct = new List<(string Code, Language Language, ScriptBucket Script)>(options.Languages.Length);
        foreach (var code in options.Languages)
        {
            if (!LanguageIdOptions.TryParse(code, out var language))
            {
                throw new ArgumentException($"'{code}' is not an ISO 639-1 code Lingua knows.", nameof(options));
            }
            var script = language switch
            {
                Language.Korean => ScriptBucket.Hangul,
                Language.Japanese => ScriptBucket.Kana,
                Language.Chinese => ScriptBucket.Han,
                _ when latin.Contains(language) => ScriptBucket.Latin,
                _ when cyrillic.Contains(language) => ScriptBucket.Cyrillic,
                _ => ScriptBucket.Other,
            };
            // The first code of a language wins (two codes may name one language).
            if (!distinct.Exists(l => l.Language == language))
            {
                distinct.Add((code.ToLowerInvariant(), language, script));
            }
        }
        _languages = [.. distinct];
        if (options.UseLingua && _languages.Length >= 2)
        {
            var codes = new string[_languages.Length];
            var languages = new Language[_languages.Length];
            for (var i = 0; i < _languages.Length; i++)
            {
                codes[i] = _languages[i].Code;
                languages[i] = _languages[i].Language;
            }
            Array.Sort(codes, StringComparer.Ordinal);
            var key = string.Join(',', codes);
            _detector = s_detectors.GetOrAdd(key, _ => new Lazy<LanguageDetector>(
                () => LanguageDetectorBuilder.FromLanguages(languages).Build(), LazyThreadSafetyMode.ExecutionAndPublication));
        }
    }

    /// <summary>The options in effect.</summary>
    public LanguageIdOptions Options { get; }

    /// <inheritdoc />
    public override string Id => "quality.language_id";

    /// <inheritdoc />
    protected override Verdict Evaluate(Document document, StageContext context)
    {
        var (language, score, usedLingua) = Identify(DocumentAnalysis.Of(document));
        document.Metadata[MetadataKeys.Language] = language;
        document.Metadata[MetadataKeys.LanguageScore] = Math.Round(score, 4);
        context.Stats.Increment(CounterKey(language));
        if (usedLingua)
        {
            context.Stats.Increment("lingua.calls");
        }
        return Verdict.Keep;
    }

    /// <summary>Identifies the language of <paramref name="text"/>: ISO 639-1 code (or <c>und</c>), score 0–1,
    /// and whether Lingua was asked.</summary>
    public (string Language, double Score, bool UsedLingua) Identify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Identify(DocumentAnalysis.Of(text));
    }

    private (string Language, double Score, bool UsedLingua) Identify(DocumentAnalysis a)
    {
        Span<double> weight = stackalloc double[(int)ScriptBucket.Count];
        weight[(int)ScriptBucket.Hangul] = 3.0 * (a.HangulSyllables + a.CompatibilityJamo);
        weight[(int)ScriptBucket.Han] = 3.0 * a.HanLetters;
        weight[(int)ScriptBucket.Kana] = 3.0 * a.KanaLetters;
        weight[(int)ScriptBucket.Cyrillic] = 2.0 * a.CyrillicLetters;
        weight[(int)ScriptBucket.Latin] = a.LatinLetters;
        var other = a.Letters - a.HangulSyllables - a.CompatibilityJamo - a.HanLetters - a.KanaLetters - a.CyrillicLetters - a.LatinLetters;
        weight[(int)ScriptBucket.Other] = 2.0 * Math.Max(0, other);
        // Japanese is written in kana and kanji together: with kana present, Han counts for Japanese.
        if (a.KanaLetters > 0 && HasLanguageIn(ScriptBucket.Kana))
        {
            weight[(int)ScriptBucket.Kana] += weight[(int)ScriptBucket.Han];
            weight[(int)ScriptBucket.Han] = 0;
        }
        var total = 0.0;
        var best = 0;
        for (var i = 0; i < weight.Length; i++)
        {
            total += weight[i];
            if (weight[i] > weight[best])
            {
                best = i;
            }
        }
        if (total == 0)
        {
            return (Undetermined, 0, false);
        }
        var bestShare = weight[best] / total;
        var inBest = CountIn((ScriptBucket)best, out var onlyInBest);
        if (bestShare >= Options.MinScriptShare && inBest == 1)
        {
            return (onlyInBest, bestShare, false);
        }

        // Ambiguous: candidates are the configured languages of every script with a real share.
        var candidates = 0;
        string? single = null;
        var singleShare = 0.0;
        foreach (var (code, _, script) in _languages)
        {
            var share = weight[(int)script] / total;
            if (share >= CandidateScriptShare)
            {
                candidates++;
                if (share > singleShare)
                {
                    single = code;
                    singleShare = share;
                }
            }
        }
        if (candidates == 0)
        {
            return (Undetermined, 0, false);
        }
        if (candidates == 1 || _detector is null)
        {
            return (single!, singleShare, false);
        }
        // Lingua reads strings: only the ambiguous documents that get this far pay for one.
        var text = a.Text;
        var sample = (text.Length > Options.MaxLinguaChars ? text[..Options.MaxLinguaChars] : text).ToString();
        var confidences = _detector.Value.ComputeLanguageConfidenceValues(sample);
        string? bestCode = null;
        var bestConfidence = -1.0;
        foreach (var (code, language, script) in _languages)
        {
            if (weight[(int)script] / total < CandidateScriptShare)
            {
                continue;
            }
            var confidence = confidences.TryGetValue(language, out var value) ? value : 0;
            if (confidence > bestConfidence)
            {
                bestConfidence = confidence;
                bestCode = code;
            }
        }
        return (bestCode!, Math.Max(bestConfidence, 0), true);
    }

    // The per-language counter key, made once per language rather than concatenated for every document.
    private static string CounterKey(string language) =>
        s_counterKeys.TryGetValue(language, out var key) ? key : s_counterKeys.GetOrAdd(language, static l => "language." + l);

    private static readonly ConcurrentDictionary<string, string> s_counterKeys = new(StringComparer.Ordinal);

    private bool HasLanguageIn(ScriptBucket script)
    {
        foreach (var l in _languages)
        {
            if (l.Script == script)
            {
                return true;
            }
        }
        return false;
    }

    private int CountIn(ScriptBucket script, out string code)
    {
        var count = 0;
        code = Undetermined;
        foreach (var l in _languages)
        {
            if (l.Script == script)
            {
                count++;
                code = l.Code;
            }
        }
        return count;
    }

    private enum ScriptBucket
    {
        Hangul,
        Han,
        Kana,
        Cyrillic,
        Latin,
        Other,
        Count,
    }
}
