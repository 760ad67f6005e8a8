using System.Buffers;

namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds secrets assigned to a secret-like name: <c>password = "…"</c>, <c>api_key: …</c>, <c>"client_secret": "…"</c>,
/// <c>token=…</c>, and the Korean labels <c>비밀번호</c>, <c>패스워드</c>, <c>비번</c>, <c>암호</c> (not <c>암호화</c>).
/// Only the value is reported, so the name stays readable. The value must look generated: high Shannon entropy,
/// or for password-like names a mix of letters and digits.
/// </summary>
/// <remarks>
/// gitleaks' <c>generic-api-key</c> idea (keyword, assignment, entropy ≥ 3.5 bits/char; korean.md §2.1) and FluxGuard's
/// Korean labels. BigCode measured single-digit precision for bare entropy rules on code, so the keyword is required,
/// placeholders (<c>${VAR}</c>, <c>&lt;password&gt;</c>, <c>****</c>, <c>your_password</c>, function calls) are rejected,
/// and hex digests of 32/40/64 characters on a line that mentions a hash are left alone.
/// </remarks>
internal sealed class SecretAssignmentDetector : IPiiDetector
{
    private const int Priority = 20;
    private const int MaxName = 48;
    private const int MinValue = 8;
    private const int MaxValue = 200;

    /// <summary>Characters outside ASCII that ignoring case turns into an ASCII letter (dotless ı, long ſ, the Kelvin sign):
    /// an ASCII keyword can match through them, so the search windows take them in with the name characters.</summary>
    private static readonly SearchValues<char> AsciiLookalikes = SearchValues.Create(FindAsciiLookalikes());

    // A loop, not LINQ over 65,408 chars: it runs once per process at start-up, precompiled, instead of through LINQ
    // iterators over char that were compiled for it and ran unoptimised (bench/results/startup.md, Session 11).
    private static char[] FindAsciiLookalikes()
    {
        var lookalikes = new List<char>();
        for (var c = (char)128; ; c++)
        {
            if (char.ToUpperInvariant(c) < 128 || char.ToLowerInvariant(c) < 128)
            {
                lookalikes.Add(c);
            }
            if (c == char.MaxValue)
            {
                return [.. lookalikes];
            }
        }
    }

    /// <summary>How far after a name's end <see cref="ProseValue"/> looks for a token to start (24), and one more.</summary>
    private const int ProseWindow = 25;

    private static readonly string[] PasswordNames = ["password", "passwd", "pwd", "pass", "비밀번호", "패스워드", "비번", "암호"];

    private static readonly KeywordSet Keywords = PiiContext.Words(
        "password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "api-key", "access_key", "accesskey", "auth",
        "credential", "creds", "private_key", "privatekey", "비밀번호", "패스워드", "비번", "암호");

    private static readonly KeywordSet HashWords = PiiContext.Words("sha", "md5", "hash", "digest", "checksum", "commit");

    /// <inheritdoc />
    public PiiTrigger Triggers => PiiTrigger.LongToken | PiiTrigger.Assignment;

    /// <inheritdoc />
    public PiiType Type => PiiType.Key;

    /// <inheritdoc />
    /// <remarks>Searches the keywords only inside the names that can lead to a value (<see cref="LiveNameRuns"/>): a
    /// name followed by ':' or '=', or near a long token. The names are whole runs of name characters, which every
    /// keyword is made of, so the keywords found in them, and the order and skips of the search, are those of the
    /// search over the whole text (<see cref="DetectWholeText"/>) minus the ones that cannot give a value.</remarks>
    public void Detect(ReadOnlySpan<char> text, List<PiiMatch> matches)
    {
        var pos = 0;
        var live = new LiveNameRuns(text);
        while (live.Next(out var runStart, out var runEnd))
        {
            if (runEnd <= pos)
            {
                continue;
            }
            var from = Math.Max(pos, runStart);
            while (from < runEnd)
            {
                var found = Keywords.IndexIn(text[from..runEnd]);
                if (found < 0)
                {
                    break;
                }
                pos = TryKeyword(text, from + found, matches);
                from = pos;
            }
        }
    }

    /// <summary>The same search over the whole text, keyword by keyword: the specification <see cref="Detect"/> is
    /// tested against.</summary>
    internal static void DetectWholeText(ReadOnlySpan<char> text, List<PiiMatch> matches)
    {
        var pos = 0;
        var cursor = default(KeywordSet.Cursor);
        while (pos < text.Length)
        {
            var at = Keywords.Next(text, pos, ref cursor);
            if (at < 0)
            {
                return;
            }
            pos = TryKeyword(text, at, matches);
        }
    }

    /// <summary>Looks for a value after the name around the keyword at <paramref name="at"/>; returns where the search
    /// goes on (after the value, or after the name).</summary>
    private static int TryKeyword(ReadOnlySpan<char> text, int at, List<PiiMatch> matches)
    {
        var pos = at + 1;
        // The whole name around the keyword: my_api_key, DB_PASSWORD, "client_secret".
        var nameStart = at;
        while (nameStart > 0 && at - nameStart < MaxName && IsNameChar(text[nameStart - 1]))
        {
            nameStart--;
        }
        var nameEnd = at;
        while (nameEnd < text.Length && nameEnd - at < MaxName && IsNameChar(text[nameEnd]))
        {
            nameEnd++;
        }
        pos = Math.Max(pos, nameEnd);
        var name = text[nameStart..nameEnd];
        if (name.Contains("암호화", StringComparison.Ordinal))
        {
            return pos;
        }
        var valueStart = AssignmentValueStart(text, nameEnd);
        if (valueStart < 0)
        {
            // Prose: "its secret key, HfBw…", "the token is Xy9…": a long random-looking token right after the name.
            var (proseStart, proseLength) = ProseValue(text, nameEnd);
            if (proseLength > 0)
            {
                matches.Add(new PiiMatch(proseStart, proseLength, PiiType.Key, Priority));
                pos = proseStart + proseLength;
            }
            return pos;
        }
        var quote = valueStart > 0 && text[valueStart - 1] is '"' or '\'' or '`' ? text[valueStart - 1] : '\0';
        var valueEnd = valueStart;
        while (valueEnd < text.Length && valueEnd - valueStart <= MaxValue && IsValueChar(text[valueEnd], quote))
        {
            valueEnd++;
        }
        var value = text[valueStart..valueEnd];
        // Trailing punctuation that ends a sentence or a statement is not part of the value.
        while (value.Length > 0 && quote == '\0' && value[^1] is '.' or ',' or ';' or ')' or ']' or '}')
        {
            value = value[..^1];
        }
        if (value.Length is < MinValue or > MaxValue || !LooksGenerated(text, nameStart, name, value))
        {
            return pos;
        }
        matches.Add(new PiiMatch(valueStart, value.Length, PiiType.Key, Priority));
        return valueStart + value.Length;
    }

    /// <summary>
    /// The runs of name characters (and ASCII look-alikes, <see cref="IsWindowChar"/>), in text order, inside which a
    /// keyword can lead to a value: (a) a run whose end is
    /// followed by an assignment (<see cref="AssignmentValueStart"/>: optional quote, up to four spaces, ':' or '='), the
    /// only place a value can follow a name (a name cut at <see cref="MaxName"/> ends on a name character, where no
    /// assignment starts); (b) a run that a run of at least <see cref="TokenRun.MinLength"/> token characters meets
    /// within <see cref="ProseWindow"/> characters after its end (<see cref="ProseValue"/> takes a token of 20 or more
    /// token characters starting less than that far after the name's end, and a cut name ends inside its run).
    /// Every other run gives nothing, and the search over the whole text leaves it without skipping into the next run.
    /// Linear: each run is measured at most once from each source.
    /// </summary>
    private ref struct LiveNameRuns
    {
        private readonly ReadOnlySpan<char> _text;
        private int _assignmentFrom;
        private bool _assignmentsDone;
        private int _pendingAssignmentStart;
        private int _pendingAssignmentEnd;
        private int _tokenFrom;
        private int _tokenEnd;
        private int _near;
        private bool _tokensDone;
        private int _pendingTokenStart;
        private int _pendingTokenEnd;
        private int _lastStart;

        public LiveNameRuns(ReadOnlySpan<char> text)
        {
            _text = text;
            _pendingAssignmentStart = -1;
            _pendingTokenStart = -1;
            _lastStart = -1;
        }

        public bool Next(out int start, out int end)
        {
            FillAssignment();
            FillToken();
            var a = _pendingAssignmentStart;
            var t = _pendingTokenStart;
            if (a < 0 && t < 0)
            {
                start = end = -1;
                return false;
            }
            if (t < 0 || (a >= 0 && a <= t))
            {
                (start, end) = (a, _pendingAssignmentEnd);
                _pendingAssignmentStart = -1;
                if (a == t)
                {
                    _pendingTokenStart = -1;
                }
            }
            else
            {
                (start, end) = (t, _pendingTokenEnd);
                _pendingTokenStart = -1;
            }
            _lastStart = start;
            return true;
        }

        /// <summary>The next run of source (a) after the last one given.</summary>
        private void FillAssignment()
        {
            while (_pendingAssignmentStart < 0 && !_assignmentsDone)
            {
                var found = _assignmentFrom < _text.Length ? _text[_assignmentFrom..].IndexOfAny(':', '=') : -1;
                if (found < 0)
                {
                    _assignmentsDone = true;
                    return;
                }
                var sign = _assignmentFrom + found;
                _assignmentFrom = sign + 1;
                // Back over the spaces and the quote AssignmentValueStart passes forwards.
                var end = sign;
                var spaces = 0;
                while (end > 0 && spaces < 4 && _text[end - 1] is ' ' or '\t')
                {
                    end--;
                    spaces++;
                }
                if (end > 0 && _text[end - 1] is '"' or '\'')
                {
                    end--;
                }
                if (end == 0 || !IsWindowChar(_text[end - 1]) || AssignmentValueStart(_text, end) < 0)
                {
                    continue;
                }
                var start = end - 1;
                while (start > 0 && IsWindowChar(_text[start - 1]))
                {
                    start--;
                }
                if (start > _lastStart)
                {
                    (_pendingAssignmentStart, _pendingAssignmentEnd) = (start, end);
                }
            }
        }

        /// <summary>The next run of source (b) after the last one given.</summary>
        private void FillToken()
        {
            while (_pendingTokenStart < 0 && !_tokensDone)
            {
                if (_near >= _tokenEnd)
                {
                    if (!TokenRun.Next(_text, _tokenFrom, out var tokenStart, out var tokenEnd))
                    {
                        _tokensDone = true;
                        return;
                    }
                    // Past the character that ends the run, so the next search does not count the run again.
                    _tokenFrom = tokenEnd + 1;
                    _tokenEnd = tokenEnd;
                    _near = Math.Max(_near, tokenStart - ProseWindow);
                    continue;
                }
                if (!IsWindowChar(_text[_near]))
                {
                    _near++;
                    continue;
                }
                var start = _near;
                while (start > 0 && IsWindowChar(_text[start - 1]))
                {
                    start--;
                }
                var end = _near + 1;
                while (end < _text.Length && IsWindowChar(_text[end]))
                {
                    end++;
                }
                _near = end;
                if (start > _lastStart)
                {
                    (_pendingTokenStart, _pendingTokenEnd) = (start, end);
                }
            }
        }
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '_' or '-';

    /// <summary>The first token of 20+ characters starting within 24 characters after the name (not past a line or
    /// sentence end) that looks machine-made: upper, lower and digits, entropy ≥ 4 bits per character.</summary>
    private static (int Start, int Length) ProseValue(ReadOnlySpan<char> text, int from)
    {
        var limit = Math.Min(text.Length, from + 24);
        var i = from;
        while (i < limit)
        {
            var c = text[i];
            if (c == '\n' || (c == '.' && i + 1 < text.Length && text[i + 1] == ' '))
            {
                return default;
            }
            if (!IsTokenChar(c))
            {
                i++;
                continue;
            }
            var end = i;
            while (end < text.Length && end - i <= MaxValue && IsTokenChar(text[end]))
            {
                end++;
            }
            var token = text[i..end];
            if (token.Length is >= 20 and <= MaxValue && token.IndexOfAnyInRange('a', 'z') >= 0 && token.IndexOfAnyInRange('A', 'Z') >= 0
                && token.IndexOfAnyInRange('0', '9') >= 0 && Entropy(token) >= 4.0)
            {
                return (i, token.Length);
            }
            i = end;
        }
        return default;
    }

    /// <summary>A character a keyword occurrence can hold: a name character or an ASCII look-alike.</summary>
    private static bool IsWindowChar(char c) => IsNameChar(c) || (c >= 128 && AsciiLookalikes.Contains(c));

    private static bool IsNameChar(char c) => PiiChars.IsAsciiWord(c) || c is '-' or '.' || (c >= '가' && c <= '힣');

    private static bool IsValueChar(char c, char quote) =>
        quote != '\0' ? c != quote && c is > ' ' and < '\u007f' : c is > ' ' and < '\u007f' && c is not '"' and not '\'' and not '`';

    /// <summary>Finds <c>name ["'] [spaces] (= | : | := | =&gt;) [spaces] ["']value</c>; returns where the value starts, or −1.</summary>
    private static int AssignmentValueStart(ReadOnlySpan<char> text, int i)
    {
        if (i < text.Length && text[i] is '"' or '\'')
        {
            i++;
        }
        var spaces = 0;
        while (i < text.Length && text[i] is ' ' or '\t' && spaces < 4)
        {
            i++;
            spaces++;
        }
        if (i >= text.Length || text[i] is not (':' or '='))
        {
            return -1;
        }
        i++;
        if (i < text.Length && text[i] is '=' or '>')
        {
            i++;
        }
        spaces = 0;
        while (i < text.Length && text[i] is ' ' or '\t' && spaces < 4)
        {
            i++;
            spaces++;
        }
        if (i < text.Length && text[i] is '"' or '\'' or '`')
        {
            i++;
        }
        return i < text.Length ? i : -1;
    }

    private static bool LooksGenerated(ReadOnlySpan<char> text, int nameStart, ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        if (value.IndexOfAny("(){}[]<>$%*") >= 0 || value.Contains("://", StringComparison.Ordinal))
        {
            return false; // calls, templates, placeholders, masks, URLs
        }
        int lower = 0, upper = 0, digits = 0, other = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterLower(c))
            {
                lower++;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                upper++;
            }
            else if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else
            {
                other++;
            }
        }
        if (digits == value.Length || lower + upper == 0 || Distinct(value) < 5)
        {
            return false;
        }
        var hex = IsHex(value);
        if (hex && value.Length is 32 or 40 or 64)
        {
            var lineStart = text[..nameStart].LastIndexOf('\n') + 1;
            var lineEnd = text[nameStart..].IndexOf('\n');
            var line = lineEnd < 0 ? text[lineStart..] : text[lineStart..(nameStart + lineEnd)];
            if (HashWords.IndexIn(line) >= 0)
            {
                return false;
            }
        }
        var entropy = Entropy(value);
        if (value.Length >= 16 && entropy >= 3.5)
        {
            return true;
        }
        var classes = (lower > 0 ? 1 : 0) + (upper > 0 ? 1 : 0) + (digits > 0 ? 1 : 0) + (other > 0 ? 1 : 0);
        var passwordName = false;
        foreach (var p in PasswordNames)
        {
            if (name.Contains(p, StringComparison.OrdinalIgnoreCase))
            {
                passwordName = true;
                break;
            }
        }
        if (passwordName)
        {
            // Passwords are short: letters and digits (or symbols) mixed, not one dictionary word.
            return digits > 0 && classes >= 2 && entropy >= 2.5;
        }
        return classes >= 3 && digits > 0 && entropy >= 3.0;
    }

    private static bool IsHex(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static int Distinct(ReadOnlySpan<char> value)
    {
        Span<bool> seen = stackalloc bool[128];
        var count = 0;
        foreach (var c in value)
        {
            if (c < 128 && !seen[c])
            {
                seen[c] = true;
                count++;
            }
        }
        return count;
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    internal static double Entropy(ReadOnlySpan<char> value)
    {
        Span<int> counts = stackalloc int[128];
        foreach (var c in value)
        {
            if (c < 128)
            {
                counts[c]++;
            }
        }
        var entropy = 0.0;
        foreach (var n in counts)
        {
            if (n > 0)
            {
                var p = (double)n / value.Length;
                entropy -= p * Math.Log2(p);
            }
        }
        return entropy;
    }
}
