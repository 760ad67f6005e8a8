using System.Buffers;
using System.Buffers.Text;

namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds JSON Web Tokens: <c>eyJ…</c> (base64url of <c>{"</c>) header, '.', a payload starting <c>ey</c>, and an
/// optional '.' signature, each part base64url, header and payload at least 10 characters.
/// </summary>
/// <remarks>gitleaks' <c>jwt</c> rule shape (korean.md §2.1), scanned by hand. Each token is read once and the search
/// resumes after it, so a multi-megabyte base64 blob full of <c>eyJ</c> stays linear.</remarks>
internal sealed class JwtDetector : IPiiDetector
{
    private const int Priority = 100;
    private const int MaxPart = 16_384;

    /// <inheritdoc />
    public PiiTrigger Triggers => PiiTrigger.None;

    /// <inheritdoc />
    public PiiType Type => PiiType.Key;

    /// <inheritdoc />
    public void Detect(ReadOnlySpan<char> text, List<PiiMatch> matches)
    {
        var pos = 0;
        while (pos < text.Length)
        {
            var found = text[pos..].IndexOf("eyJ", StringComparison.Ordinal);
            if (found < 0)
            {
                return;
            }
            var start = pos + found;
            if (start > 0 && IsPartChar(text[start - 1]))
            {
                pos = SkipPart(text, start);
                continue;
            }
            var headerEnd = SkipPart(text, start);
            pos = headerEnd;
            if (headerEnd - start < 10 || headerEnd - start > MaxPart || headerEnd + 3 >= text.Length || text[headerEnd] != '.'
                || text[headerEnd + 1] != 'e' || text[headerEnd + 2] != 'y')
            {
                continue;
            }
            if (!HeaderIsJson(text[start..headerEnd]))
            {
                continue;
            }
            var payloadEnd = SkipPart(text, headerEnd + 1);
            pos = payloadEnd;
            if (payloadEnd - headerEnd - 1 < 10 || payloadEnd - headerEnd - 1 > MaxPart)
            {
                continue;
            }
            var end = payloadEnd;
            if (end + 1 < text.Length && text[end] == '.' && IsPartChar(text[end + 1]))
            {
                end = SkipPart(text, end + 1);
            }
            // Base64 padding sometimes survives on the signature.
            while (end < text.Length && text[end] == '=' && end - payloadEnd < MaxPart)
            {
                end++;
            }
            matches.Add(new PiiMatch(start, end - start, PiiType.Key, Priority));
            pos = end;
        }
    }

    /// <summary>The header must decode (base64url) to a JSON object naming an algorithm or a type, as every JWT header does.</summary>
    private static bool HeaderIsJson(ReadOnlySpan<char> header)
    {
        Span<byte> decoded = stackalloc byte[1024];
        if (header.Length > 1300 || Base64Url.DecodeFromChars(header, decoded, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }
        var json = decoded[..written];
        return json.Length > 2 && json[0] == (byte)'{'
            && (json.IndexOf("\"alg\""u8) >= 0 || json.IndexOf("\"typ\""u8) >= 0 || json.IndexOf("\"kid\""u8) >= 0);
    }

    private static bool IsPartChar(char c) => PiiChars.IsAsciiWord(c) || c == '-';

    private static int SkipPart(ReadOnlySpan<char> text, int from)
    {
        var i = from;
        while (i < text.Length && IsPartChar(text[i]))
        {
            i++;
        }
        return i;
    }
}
