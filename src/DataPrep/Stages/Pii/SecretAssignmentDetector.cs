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
    public void Detect(ReadOnlySpan<char> text, List<PiiMatch> matches)
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
            pos = at + 1;
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
            if (name.StartsWith("암호화", StringComparison.Ordinal) || name.Contains("암호화", StringComparison.Ordinal))
            {
                continue;
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
                continue;
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
                continue;
            }
            matches.Add(new PiiMatch(valueStart, value.Length, PiiType.Key, Priority));
            pos = valueStart + value.Length;
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
