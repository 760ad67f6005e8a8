namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds PEM/PGP private key blocks: <c>-----BEGIN … PRIVATE KEY[ BLOCK]-----</c>, at least 64 base64 characters of
/// body, up to the matching <c>-----END …-----</c> line (or, when the end line is missing, to the end of the base64
/// body, so a truncated paste is still removed). Public keys and certificates are left alone.
/// </summary>
/// <remarks>gitleaks' <c>private-key</c> rule shape (korean.md §2.1). The end-marker search result is reused for
/// every later BEGIN before it, so thousands of unterminated headers stay linear.</remarks>
internal sealed class PrivateKeyDetector : IPiiDetector
{
    private const int Priority = 110;
    private const int MinBody = 64;
    private const int MaxHeader = 80;

    /// <inheritdoc />
    public PiiTrigger Triggers => PiiTrigger.None;

    /// <inheritdoc />
    public PiiType Type => PiiType.Key;

    /// <inheritdoc />
    public void Detect(ReadOnlySpan<char> text, List<PiiMatch> matches)
    {
        var pos = 0;
        var endSearchedFrom = -1;
        var endMarker = -1;
        while (pos < text.Length)
        {
            var found = text[pos..].IndexOf("-----BEGIN ", StringComparison.Ordinal);
            if (found < 0)
            {
                return;
            }
            var start = pos + found;
            var headerFrom = start + 11;
            pos = headerFrom;
            var headerLimit = Math.Min(text.Length, headerFrom + MaxHeader);
            var close = text[headerFrom..headerLimit].IndexOf("-----", StringComparison.Ordinal);
            if (close < 0)
            {
                continue;
            }
            var label = text.Slice(headerFrom, close);
            if (!label.EndsWith("PRIVATE KEY", StringComparison.Ordinal) && !label.EndsWith("PRIVATE KEY BLOCK", StringComparison.Ordinal))
            {
                continue;
            }
            var bodyStart = headerFrom + close + 5;
            var cached = endSearchedFrom >= 0 && bodyStart >= endSearchedFrom && (endMarker < 0 || bodyStart <= endMarker);
            if (!cached)
            {
                var next = text[bodyStart..].IndexOf("-----END ", StringComparison.Ordinal);
                endSearchedFrom = bodyStart;
                endMarker = next < 0 ? -1 : bodyStart + next;
            }
            int bodyEnd;
            int end;
            if (endMarker >= 0)
            {
                bodyEnd = endMarker;
                var tail = text[(endMarker + 9)..];
                var tailClose = tail[..Math.Min(tail.Length, MaxHeader)].IndexOf("-----", StringComparison.Ordinal);
                end = tailClose < 0 ? endMarker + 9 : endMarker + 9 + tailClose + 5;
            }
            else
            {
                bodyEnd = bodyStart;
                while (bodyEnd < text.Length && IsBodyChar(text[bodyEnd]))
                {
                    bodyEnd++;
                }
                end = bodyEnd;
            }
            if (CountBase64(text[bodyStart..bodyEnd]) < MinBody)
            {
                continue;
            }
            matches.Add(new PiiMatch(start, end - start, PiiType.Key, Priority));
            pos = end;
        }
    }

    private static bool IsBodyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '\n' or '\r' or ' ' or ':' or '-' or ',';

    private static int CountBase64(ReadOnlySpan<char> body)
    {
        var count = 0;
        foreach (var c in body)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')
            {
                count++;
                if (count >= MinBody)
                {
                    break; // enough; keeps many headers before one end marker linear
                }
            }
        }
        return count;
    }
}
