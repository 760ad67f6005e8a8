using System.Buffers;

namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds vendor API keys and tokens by their fixed prefixes: AWS access key ids (<c>AKIA…</c>, <c>ASIA…</c>, …),
/// GitHub tokens (<c>ghp_</c>, <c>gho_</c>, <c>ghu_</c>, <c>ghs_</c>, <c>ghr_</c>, fine-grained <c>github_pat_</c>),
/// Slack tokens (<c>xoxb-</c>, <c>xoxp-</c>, …, <c>xapp-</c>) and webhook URLs, Google API keys (<c>AIza…</c>),
/// OpenAI (<c>sk-…T3BlbkFJ…</c>, <c>sk-proj-…</c>), Anthropic (<c>sk-ant-…AA</c>), Stripe secret and restricted keys
/// (<c>sk_live_</c>, <c>rk_test_</c>, …), GitLab (<c>glpat-</c>), Hugging Face (<c>hf_</c>) and npm (<c>npm_</c>) tokens.
/// </summary>
/// <remarks>
/// Shapes follow gitleaks' rules (korean.md §2.1) rewritten as a scanner: one vectorised multi-prefix search, then a
/// bounded read of the token body with ASCII-only character classes. Placeholders (<c>ghp_xxxx…</c>,
/// <c>AKIAXXXXXXXXXXXXXXXX</c>) are rejected by requiring several distinct characters in the body.
/// </remarks>
internal sealed class ApiKeyDetector : IPiiDetector
{
    private const int Priority = 100;
    private const int MaxToken = 512;

    private static readonly Rule[] Rules =
    [
        new("AKIA", Body.UpperBase32, 16, 16, 5),
        new("ASIA", Body.UpperBase32, 16, 16, 5),
        new("ABIA", Body.UpperBase32, 16, 16, 5),
        new("ACCA", Body.UpperBase32, 16, 16, 5),
        new("A3T", Body.UpperAlnumThenBase32, 17, 17, 5),
        new("ghp_", Body.Alnum, 36, 36, 8),
        new("gho_", Body.Alnum, 36, 36, 8),
        new("ghu_", Body.Alnum, 36, 36, 8),
        new("ghs_", Body.Alnum, 36, 36, 8),
        new("ghr_", Body.Alnum, 36, 36, 8),
        new("github_pat_", Body.Word, 70, 100, 8),
        new("xoxb-", Body.Slack, 20, 200, 6),
        new("xoxp-", Body.Slack, 20, 200, 6),
        new("xoxa-", Body.Slack, 20, 200, 6),
        new("xoxr-", Body.Slack, 20, 200, 6),
        new("xoxs-", Body.Slack, 20, 200, 6),
        new("xoxe-", Body.Slack, 20, 200, 6),
        new("xoxo-", Body.Slack, 20, 200, 6),
        new("xoxe.xoxp-", Body.Slack, 20, 300, 6),
        new("xoxe.xoxb-", Body.Slack, 20, 300, 6),
        new("xapp-", Body.Slack, 20, 200, 6),
        new("hooks.slack.com/services/", Body.WebhookPath, 20, 120, 8),
        new("hooks.slack.com/workflows/", Body.WebhookPath, 20, 120, 8),
        new("hooks.slack.com/triggers/", Body.WebhookPath, 20, 120, 8),
        new("AIza", Body.UrlSafe, 35, 35, 8),
        new("sk-ant-", Body.UrlSafe, 90, 200, 8),
        new("sk-", Body.UrlSafe, 40, 400, 8),
        new("sk_live_", Body.Alnum, 10, 99, 6),
        new("sk_test_", Body.Alnum, 10, 99, 6),
        new("sk_prod_", Body.Alnum, 10, 99, 6),
        new("rk_live_", Body.Alnum, 10, 99, 6),
        new("rk_test_", Body.Alnum, 10, 99, 6),
        new("rk_prod_", Body.Alnum, 10, 99, 6),
        new("glpat-", Body.UrlSafe, 20, 20, 6),
        new("hf_", Body.Letters, 34, 34, 8),
        new("npm_", Body.Alnum, 36, 36, 8),
    ];

    /// <summary>The shortest run of <see cref="TokenRun"/> characters any key holds: each body is made of token
    /// characters, and so is the end of its prefix after the last other character (<c>xoxe.</c><b><c>xoxp-</c></b>,
    /// <c>hooks.slack.</c><b><c>com/services/</c></b>). The scanner runs this detector only on texts with a run of
    /// <see cref="TokenRun.MinLength"/>, which must not exceed this.</summary>
    internal static readonly int ShortestTokenRun = FindShortestTokenRun();

    // A loop rather than LINQ's Min over int, which cannot be precompiled and was compiled at start-up (bench/results/startup.md, Session 11).
    private static int FindShortestTokenRun()
    {
        var shortest = int.MaxValue;
        foreach (var rule in Rules)
        {
            shortest = Math.Min(shortest, rule.Min + TokenTailLength(rule.Prefix));
        }
        return shortest;
    }

    private static readonly SearchValues<string> Prefixes =
        SearchValues.Create(Rules.Select(r => r.Prefix).Distinct().ToArray(), StringComparison.Ordinal);

    /// <inheritdoc />
    public PiiTrigger Triggers => PiiTrigger.LongToken;

    /// <inheritdoc />
    public PiiType Type => PiiType.Key;

    /// <inheritdoc />
    public void Detect(ReadOnlySpan<char> text, List<PiiMatch> matches)
    {
        var pos = 0;
        while (pos < text.Length)
        {
            var found = text[pos..].IndexOfAny(Prefixes);
            if (found < 0)
            {
                return;
            }
            var at = pos + found;
            var end = -1;
            var start = at;
            foreach (var rule in Rules)
            {
                if (text[at..].StartsWith(rule.Prefix, StringComparison.Ordinal))
                {
                    end = TryRule(text, at, rule, out start);
                    if (end > 0)
                    {
                        break;
                    }
                }
            }
            if (end > 0)
            {
                matches.Add(new PiiMatch(start, end - start, PiiType.Key, Priority));
                pos = end;
            }
            else
            {
                // Skip the token this prefix sits in: its inner prefixes are not at a token start either.
                pos = SkipToken(text, at + 1);
            }
        }
    }

    private static int TokenTailLength(string prefix)
    {
        var length = 0;
        while (length < prefix.Length && TokenRun.IsTokenChar(prefix[^(length + 1)]))
        {
            length++;
        }
        return length;
    }

    /// <summary>True when <paramref name="c"/> can be character <paramref name="index"/> of a key body of the given kind
    /// (<paramref name="kind"/> is a <c>Body</c> value; for tests).</summary>
    internal static bool CanBeInBody(int kind, char c, int index) => InBody((Body)kind, c, index);

    /// <summary>Number of body kinds (for tests).</summary>
    internal static int BodyKinds => Enum.GetValues<Body>().Length;

    private static int SkipToken(ReadOnlySpan<char> text, int from)
    {
        var i = from;
        var limit = Math.Min(text.Length, from + MaxToken);
        while (i < limit && (PiiChars.IsAsciiWord(text[i]) || text[i] == '-'))
        {
            i++;
        }
        return i == from ? from : i;
    }

    private static int TryRule(ReadOnlySpan<char> text, int at, Rule rule, out int start)
    {
        start = at;
        var webhook = rule.Body == Body.WebhookPath;
        if (at > 0)
        {
            var before = text[at - 1];
            if (webhook)
            {
                // Take the scheme with the URL when it is there.
                if (before == '/' && at >= 8 && text[(at - 8)..at].SequenceEqual("https://"))
                {
                    start = at - 8;
                }
                else if (before == '/' && at >= 7 && text[(at - 7)..at].SequenceEqual("http://"))
                {
                    start = at - 7;
                }
                else if (PiiChars.IsAsciiWord(before) || before == '.')
                {
                    return -1;
                }
            }
            else if (PiiChars.IsAsciiWord(before) || before == '-' || before == '.')
            {
                return -1;
            }
        }
        var bodyStart = at + rule.Prefix.Length;
        var i = bodyStart;
        var limit = Math.Min(text.Length, bodyStart + rule.Max + 1);
        while (i < limit && InBody(rule.Body, text[i], i - bodyStart))
        {
            i++;
        }
        var length = i - bodyStart;
        if (length < rule.Min || length > rule.Max)
        {
            return -1;
        }
        if (i < text.Length && (PiiChars.IsAsciiWord(text[i]) || (text[i] == '-' && rule.Body != Body.WebhookPath)))
        {
            return -1;
        }
        var body = text[bodyStart..i];
        if (Distinct(body) < rule.MinDistinct)
        {
            return -1;
        }
        return Specific(rule, body) ? i : -1;
    }

    private static bool Specific(Rule rule, ReadOnlySpan<char> body)
    {
        switch (rule.Prefix)
        {
            case "sk-ant-":
                return body.EndsWith("AA", StringComparison.Ordinal) && (body.StartsWith("api", StringComparison.Ordinal) || body.StartsWith("admin", StringComparison.Ordinal));
            case "sk-":
                // OpenAI keys carry the base64 of "OpenAI" (T3BlbkFJ); newer project/service keys are long instead.
                return body.Contains("T3BlbkFJ", StringComparison.Ordinal)
                    || ((body.StartsWith("proj-", StringComparison.Ordinal) || body.StartsWith("svcacct-", StringComparison.Ordinal)
                         || body.StartsWith("admin-", StringComparison.Ordinal)) && body.Length >= 100);
            default:
                if (rule.Body == Body.Slack)
                {
                    // Real Slack tokens carry long numeric ids: xoxb-781236542736-2364535789652-…
                    var digits = 0;
                    foreach (var c in body)
                    {
                        digits += char.IsAsciiDigit(c) ? 1 : 0;
                    }
                    return digits >= 8;
                }
                return true;
        }
    }

    private static int Distinct(ReadOnlySpan<char> body)
    {
        Span<bool> seen = stackalloc bool[128];
        var count = 0;
        foreach (var c in body)
        {
            if (c < 128 && !seen[c])
            {
                seen[c] = true;
                count++;
            }
        }
        return count;
    }

    private static bool InBody(Body kind, char c, int index) => kind switch
    {
        Body.UpperBase32 => char.IsAsciiLetterUpper(c) || c is >= '2' and <= '7',
        Body.UpperAlnumThenBase32 => index == 0
            ? char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)
            : char.IsAsciiLetterUpper(c) || c is >= '2' and <= '7',
        Body.Alnum => char.IsAsciiLetterOrDigit(c),
        Body.Letters => char.IsAsciiLetter(c),
        Body.Word => PiiChars.IsAsciiWord(c),
        Body.UrlSafe => PiiChars.IsAsciiWord(c) || c == '-',
        Body.Slack => char.IsAsciiLetterOrDigit(c) || c == '-',
        Body.WebhookPath => PiiChars.IsAsciiWord(c) || c is '-' or '/' or '+',
        _ => false,
    };

    private enum Body
    {
        UpperBase32,
        UpperAlnumThenBase32,
        Alnum,
        Letters,
        Word,
        UrlSafe,
        Slack,
        WebhookPath,
    }

    private sealed record Rule(string Prefix, Body Body, int Min, int Max, int MinDistinct);
}
