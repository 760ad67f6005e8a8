namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds e-mail addresses: an ASCII local part (letters, digits, <c>. _ % + - '</c>), '@', and a domain of at least
/// two labels whose last label is alphabetic (or punycode <c>xn--</c>). Korean text right before or after the
/// address (<c>메일은abc@naver.com으로</c>) does not hide it.
/// </summary>
/// <remarks>
/// A hand-written scanner around each '@' (found by a vectorised search): the local part is read backwards at most
/// 64 characters and the domain forwards at most 255 (RFC 5321 limits), so hostile input such as millions of '@'
/// stays linear. Rejected look-alikes: <c>python@2.7</c> and <c>react@18.2.0</c> (numeric last label),
/// <c>icon@2x.png</c> (file extension as last label), <c>@decorators</c> and <c>@handles</c> (no local part).
/// </remarks>
internal sealed class EmailDetector : IPiiDetector
{
    private const int Priority = 60;
    private const int MaxLocal = 64;
    private const int MaxDomain = 255;

    private static readonly string[] FileExtensions =
        ["png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "js", "mjs", "css", "scss", "json", "jsx", "tsx", "html", "htm",
         "php", "yml", "yaml", "xml", "lock", "zip", "gz", "tgz", "tar", "pdf", "mp3", "mp4", "wav", "txt", "csv", "exe", "dll"];

    /// <inheritdoc />
    public PiiTrigger Triggers => PiiTrigger.None;

    /// <inheritdoc />
    public PiiType Type => PiiType.Email;

    /// <inheritdoc />
    public void Detect(ReadOnlySpan<char> text, List<PiiMatch> matches)
    {
        var pos = 0;
        var lastEnd = 0;
        while (pos < text.Length)
        {
            var found = text[pos..].IndexOf('@');
            if (found < 0)
            {
                return;
            }
            var at = pos + found;
            pos = at + 1;
            var start = LocalStart(text, at, lastEnd);
            if (start < 0)
            {
                continue;
            }
            var end = DomainEnd(text, at + 1);
            if (end < 0)
            {
                continue;
            }
            matches.Add(new PiiMatch(start, end - start, PiiType.Email, Priority));
            lastEnd = end;
            pos = end;
        }
    }

    private static bool IsLocalChar(char c) =>
        PiiChars.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-' or '\'';

    private static bool IsDomainChar(char c) => PiiChars.IsAsciiLetterOrDigit(c) || c is '-' or '.';

    private static int LocalStart(ReadOnlySpan<char> text, int at, int floor)
    {
        var i = at;
        var limit = Math.Max(floor, at - MaxLocal - 1);
        while (i > limit && IsLocalChar(text[i - 1]))
        {
            i--;
        }
        if (i == limit && limit > floor && IsLocalChar(text[i - 1]))
        {
            return -1; // longer than any real local part
        }
        // Quotes and dots can open a sentence or a quotation; they are not part of the address.
        while (i < at && text[i] is '.' or '\'' or '-' or '+')
        {
            i++;
        }
        if (i == at || text[at - 1] == '.')
        {
            return -1;
        }
        return i;
    }

    private static int DomainEnd(ReadOnlySpan<char> text, int from)
    {
        var i = from;
        var limit = Math.Min(text.Length, from + MaxDomain + 1);
        while (i < limit && IsDomainChar(text[i]))
        {
            i++;
        }
        if (i == limit && limit < text.Length && IsDomainChar(text[i]))
        {
            return -1;
        }
        // A sentence may end right after the address: drop trailing dots and hyphens.
        while (i > from && text[i - 1] is '.' or '-')
        {
            i--;
        }
        var domain = text[from..i];
        if (domain.Length < 3 || domain[0] is '.' or '-' || domain.Contains("..", StringComparison.Ordinal))
        {
            return -1;
        }
        var lastDot = domain.LastIndexOf('.');
        if (lastDot <= 0)
        {
            return -1;
        }
        var tld = domain[(lastDot + 1)..];
        if (!ValidTopLevel(tld))
        {
            return -1;
        }
        foreach (var extension in FileExtensions)
        {
            if (tld.Equals(extension, StringComparison.OrdinalIgnoreCase))
            {
                return -1;
            }
        }
        return from + domain.Length;
    }

    private static bool ValidTopLevel(ReadOnlySpan<char> tld)
    {
        if (tld.StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return tld.Length > 4;
        }
        if (tld.Length is < 2 or > 24)
        {
            return false;
        }
        foreach (var c in tld)
        {
            if (!PiiChars.IsAsciiLetter(c))
            {
                return false;
            }
        }
        return true;
    }
}
