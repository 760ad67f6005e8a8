using System.Runtime.CompilerServices;
using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>
/// Drops documents that contain blocked words or phrases (by count or per-word ratio) or whose
/// <c>url</c> metadata points into a blocked domain.
/// </summary>
/// <remarks>
/// <para>Sources: C4's bad-words rule (Raffel et al. 2020 §2.2: any word of the LDNOOBW list drops the page;
/// datatrove <c>C4BadWordsFilter</c>), data-juicer's <c>flagged_words_filter</c> (ratio 0.045), and
/// RefinedWeb's URL blocklist (Penedo et al. 2023 §G.1; datatrove <c>URLFilter</c>). Defaults: any match
/// rejects (C4), the ratio rule is off, and the domain list is empty (supply UT1 or your own).</para>
/// <para>Matching: entries made of Latin letters match whole words (word cores, ignoring case), phrases
/// match word sequences; Hangul entries match as substrings, because particles and endings attach to the
/// word (병신이, 씨발놈아). Obfuscation by inserted digits (시1발) is not undone.</para>
/// </remarks>
[Stage("Blocklist", typeof(BlocklistOptions), Family = 1,
    Description = "Word/phrase blocklists (small default Korean+English lists, user files) by count or ratio; domain blocklist on url metadata.")]
public sealed class BlocklistFilter : FilterStage, IQualityRules
{
    /// <summary>Too many blocklist matches.</summary>
    public static readonly RejectionReason WordCount = new("quality.blocklist.word_count", "At least minMatches blocklist words or phrases.");

    /// <summary>Blocklist matches per word above the ratio.</summary>
    public static readonly RejectionReason WordRatio = new("quality.blocklist.word_ratio", "Blocklist matches per word above maxMatchRatio.");

    /// <summary>URL in a blocked domain.</summary>
    public static readonly RejectionReason Url = new("quality.blocklist.url", "The url metadata is in a blocked domain.");

    // Latin entries keyed by their (first) word: one lookup per word finds single words and the
    // phrases that start with it. Hangul entries are found in one multi-string pass over the text.
    private readonly Dictionary<string, Entry> _latin = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _latinLookup;
    private readonly string[] _hangul;

    // Cheap prefilters, so a document costs almost nothing unless it may hold an entry: which
    // (first letter, length) pairs start a Latin entry, and the entries by their first Hangul character.
    private readonly ulong[] _latinFirstLetterLengths = new ulong[26];
    private readonly bool _latinOther;
    private readonly BlocklistWordPrefilter _latinPrefilter;
    // For each char, 1 + the index in _hangulGroups of the entries starting with it; 0 when none does.
    private readonly byte[] _hangulFirst = new byte[char.MaxValue + 1];
    private readonly string[][] _hangulGroups;
    private readonly BlocklistHangulPrefilter _hangulPrefilter;
    private readonly HashSet<string> _domains = new(StringComparer.OrdinalIgnoreCase);
    private readonly QualityRuleTable _rules;

    /// <summary>Creates the filter with paths resolved against the current directory.</summary>
    public BlocklistFilter(BlocklistOptions options) : this(options, StageBuildContext.Default)
    {
    }

    /// <summary>Creates the filter, reading the listed files.</summary>
    /// <exception cref="IOException">A word or domain file cannot be read.</exception>
    public BlocklistFilter(BlocklistOptions options, StageBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        Options = options;
        var entries = new List<string>(options.Words);
        if (options.UseDefaultLists)
        {
            entries.AddRange(DefaultBlocklists.English);
            entries.AddRange(DefaultBlocklists.Korean);
        }
        foreach (var file in options.WordFiles)
        {
            entries.AddRange(ReadList(context.ResolvePath(file)));
        }
        var hangul = new List<string>();
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }
            if (ContainsHangul(entry))
            {
                hangul.Add(entry);
                continue;
            }
            var words = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var existing = _latin.GetValueOrDefault(words[0]) ?? new Entry();
            if (words.Length == 1)
            {
                existing.IsWord = true;
            }
            else
            {
                existing.Phrases.Add(words);
            }
            _latin[words[0]] = existing;
        }
        _latinLookup = _latin.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var key in _latin.Keys)
        {
            var first = (char)(key[0] | 0x20);
            if (first is >= 'a' and <= 'z' && key.Length < 64)
            {
                _latinFirstLetterLengths[first - 'a'] |= 1UL << key.Length;
            }
            else
            {
                _latinOther = true;
            }
        }
        _latinPrefilter = new BlocklistWordPrefilter(_latin.Keys);
        _hangul = LongestFirst(hangul);
        _hangulGroups = IndexHangulFirsts(_hangul, _hangulFirst);
        _hangulPrefilter = new BlocklistHangulPrefilter(_hangul);
        foreach (var domain in options.Domains.Concat(options.DomainFiles.SelectMany(f => ReadList(context.ResolvePath(f)))))
        {
            var trimmed = domain.Trim().TrimEnd('.');
            if (trimmed.Length > 0)
            {
                _domains.Add(trimmed);
            }
        }
        _rules = Rules();
    }

    /// <summary>The options in effect.</summary>
    public BlocklistOptions Options { get; }

    /// <inheritdoc />
    public override string Id => "quality.blocklist";

    QualityRuleTable IQualityRules.QualityRules => _rules;

    /// <inheritdoc />
    protected override Verdict Evaluate(Document document, StageStats stats)
    {
        if (HasBlockedUrl(document))
        {
            return Url;
        }
        var a = DocumentAnalysis.Of(document);
        var matches = CountMatches(a);
        if (matches == 0)
        {
            return Verdict.Keep;
        }
        stats.Increment("matches", matches);
        // Counted once: the match rules of the table judge this count rather than measuring it again.
        var count = Options.MinMatches > 0 ? _rules.Rules[^2].Check(matches) : Verdict.Keep;
        return count.IsKept ? _rules.Rules[^1].Check(MatchRatio(matches, a)) : count;
    }

    // The url rule (with blocked domains) comes first, then the match count (when minMatches is set) and the match
    // ratio, which skip documents whose url is blocked.
    private QualityRuleTable Rules()
    {
        var o = Options;
        var rules = new List<QualityRule>();
        if (HasDomains)
        {
            rules.Add(QualityRule.Flag(Url, "domains", (in x) => HasBlockedUrl(x.Document) ? 1 : 0));
        }
        if (o.MinMatches > 0)
        {
            // The stage rejects at minMatches or more.
            rules.Add(new(WordCount, "minMatches", "matches", QualityRuleKind.Count, QualityComparison.AtLeast, o.MinMatches, o.MinMatches,
                (in x) => HasBlockedUrl(x.Document) ? null : CountMatches(x.A)));
        }
        rules.Add(new(WordRatio, "maxMatchRatio", "match_ratio", QualityRuleKind.Fraction, QualityComparison.Above, o.MaxMatchRatio, o.MaxMatchRatio,
            (in x) => HasBlockedUrl(x.Document) ? null : MatchRatio(CountMatches(x.A), x.A))
        {
            // Off by default (1); the what-if grid then shows what data-juicer's 0.045 and its neighbours would drop.
            SweepGrid = o.MaxMatchRatio >= 1 ? [0.005, 0.01, 0.02, 0.03, 0.045, 0.06, 0.1, 0.2, 0.5] : null,
        });
        return new QualityRuleTable(perLanguage: false, [.. rules]);
    }

    private static double MatchRatio(int matches, DocumentAnalysis a) => (double)matches / Math.Max(1, a.WordCount);

    /// <summary>True when domains are blocked (options or files).</summary>
    internal bool HasDomains => _domains.Count > 0;

    /// <summary>True when the document's url metadata is in a blocked domain.</summary>
    internal bool HasBlockedUrl(Document document) =>
        _domains.Count > 0 && document.Metadata.GetString(MetadataKeys.Url) is { } url && IsBlockedUrl(url);

    /// <summary>Blocklist matches in an analysed text (shared with the what-if report, which sweeps minMatches).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int CountMatches(DocumentAnalysis a)
    {
        var text = a.Text;
        var words = a.Words;
        var matches = 0;
        // Only words with a Latin letter are looked up, and a text without Latin letters has none.
        if (_latin.Count > 0 && a.LatinLetters > 0)
        {
            for (var i = 0; i < words.Length; i++)
            {
                var word = words[i];
                if ((word.Flags & WordFlags.HasLatin) == 0 || word.CoreLength == 0 || !MayBeLatinEntry(text[word.CoreStart], word.CoreLength)
                    || !_latinPrefilter.MayBeKey(text, word.CoreStart, word.CoreLength)
                    || !_latinLookup.TryGetValue(text.Slice(word.CoreStart, word.CoreLength), out var entry))
                {
                    continue;
                }
                if (entry.IsWord)
                {
                    matches++;
                    continue;
                }
                foreach (var phrase in entry.Phrases)
                {
                    if (MatchesPhrase(text, words, i, phrase))
                    {
                        matches++;
                        break;
                    }
                }
            }
        }
        if (_hangul.Length > 0 && a.HangulSyllables + a.CompatibilityJamo > 0 && _hangulPrefilter.MayHoldEntry(text))
        {
            for (var i = 0; i < words.Length; i++)
            {
                var word = words[i];
                if ((word.Flags & WordFlags.HasHangul) == 0)
                {
                    continue;
                }
                var end = word.Start + word.Length;
                for (var k = word.Start; k < end; k++)
                {
                    var group = _hangulFirst[text[k]];
                    if (group == 0)
                    {
                        continue;
                    }
                    foreach (var candidate in _hangulGroups[group - 1])
                    {
                        // The second char first: common first syllables (지, 사, 시) mostly start other words.
                        if (candidate.Length > 1 && (k + 1 >= text.Length || text[k + 1] != candidate[1]))
                        {
                            continue;
                        }
                        if (text[k..].StartsWith(candidate, StringComparison.Ordinal))
                        {
                            matches++;
                            k += candidate.Length - 1;
                            break;
                        }
                    }
                }
            }
        }
        return matches;
    }

    // Numbers the first chars of the Hangul entries (longest first) and groups the entries by them, each group longest
    // first. Past 255 first chars (rare) the last group takes every further entry: one that starts with another char
    // never matches where the search tries it, and those of one first char keep their order.
    private static string[][] IndexHangulFirsts(string[] longestFirst, byte[] index)
    {
        var groups = new List<List<string>>();
        foreach (var entry in longestFirst)
        {
            if (index[entry[0]] == 0)
            {
                if (groups.Count < byte.MaxValue)
                {
                    groups.Add([]);
                }
                index[entry[0]] = (byte)groups.Count;
            }
            groups[index[entry[0]] - 1].Add(entry);
        }
        var result = new string[groups.Count][];
        for (var g = 0; g < groups.Count; g++)
        {
            result[g] = [.. groups[g]];
        }
        return result;
    }

    private bool MayBeLatinEntry(char first, int length)
    {
        var letter = (uint)((first | 0x20) - 'a');
        if (letter < 26)
        {
            return length < 64 && (_latinFirstLetterLengths[letter] & (1UL << length)) != 0;
        }
        return _latinOther;
    }

    private static bool MatchesPhrase(ReadOnlySpan<char> text, ReadOnlySpan<WordSpan> words, int start, string[] phrase)
    {
        if (start + phrase.Length > words.Length)
        {
            return false;
        }
        for (var k = 0; k < phrase.Length; k++)
        {
            var word = words[start + k];
            if (!text.Slice(word.CoreStart, word.CoreLength).Equals(phrase[k], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        return true;
    }

    private bool IsBlockedUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) && !Uri.TryCreate("http://" + url, UriKind.Absolute, out uri))
        {
            return false;
        }
        var host = uri.Host.AsSpan().TrimEnd('.');
        var lookup = _domains.GetAlternateLookup<ReadOnlySpan<char>>();
        while (true)
        {
            if (lookup.Contains(host))
            {
                return true;
            }
            var dot = host.IndexOf('.');
            if (dot < 0)
            {
                return false;
            }
            host = host[(dot + 1)..];
        }
    }

    private sealed class Entry
    {
        public bool IsWord;
        public List<string[]> Phrases { get; } = [];
    }

    // Construction helpers are plain loops, not LINQ over chars and int keys: those instantiations cannot be precompiled,
    // so each was compiled at start-up (bench/results/startup.md, Session 11).
    private static bool ContainsHangul(string entry)
    {
        foreach (var c in entry)
        {
            if (DataPrep.Text.Scripts.IsHangul(c))
            {
                return true;
            }
        }
        return false;
    }

    // The distinct entries (ordinal), longest first; entries of one length keep their order (a stable sort).
    private static string[] LongestFirst(List<string> entries)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sorted = new List<string>(entries.Count);
        foreach (var entry in entries)
        {
            if (!seen.Add(entry))
            {
                continue;
            }
            var at = sorted.Count;
            while (at > 0 && sorted[at - 1].Length < entry.Length)
            {
                at--;
            }
            sorted.Insert(at, entry);
        }
        return [.. sorted];
    }

    private static IEnumerable<string> ReadList(string path) =>
        File.ReadLines(path).Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'));
}
