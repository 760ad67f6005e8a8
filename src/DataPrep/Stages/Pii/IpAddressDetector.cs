using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds IPv4 addresses (four decimal octets 0–255 without leading zeros, optional <c>/prefix</c>) and IPv6
/// addresses (parsed by <see cref="IPAddress.TryParse(ReadOnlySpan{char}, out IPAddress?)"/>, including
/// <c>::ffff:1.2.3.4</c> forms). By default only public (globally routable) addresses are reported, as datatrove does:
/// private, loopback, link-local, CGNAT, multicast, reserved and documentation ranges are kept.
/// </summary>
/// <remarks>
/// Look-alikes kept: version strings with five or more parts (<c>1.2.3.4.5</c>), numbers glued to letters
/// (<c>v1.2.3.4</c>), and — following BigCode's PII pipeline — seven-character dotted quads such as <c>1.2.3.4</c>
/// unless an address keyword (ip, server, dns, host, 주소, 서버) is within 30 characters.
/// </remarks>
internal sealed class IpAddressDetector : IPiiDetector
{
    private const int Priority = 30;
    private const int MaxIpv6Run = 64;

    private static readonly SearchValues<char> Ipv6Chars = SearchValues.Create("0123456789abcdefABCDEF:.");
    private static readonly KeywordSet AddressWords = PiiContext.Words(
        "ip", "server", "dns", "host", "address", "ping", "주소", "서버", "접속");

    private readonly bool _includePrivate;

    /// <summary>Creates the detector.</summary>
    /// <param name="includePrivate">Also report private, loopback, link-local and other non-public addresses.</param>
    public IpAddressDetector(bool includePrivate = false) => _includePrivate = includePrivate;

    /// <inheritdoc />
    public PiiTrigger Triggers => PiiTrigger.None;

    /// <inheritdoc />
    public PiiType Type => PiiType.Ip;

    /// <inheritdoc />
    public void Detect(ReadOnlySpan<char> text, List<PiiMatch> matches)
    {
        // An IPv4 match inside an IPv6 one (::ffff:8.8.8.8) overlaps it; the scanner keeps the longer span.
        DetectV4(text, matches);
        DetectV6(text, matches);
    }

    private void DetectV4(ReadOnlySpan<char> text, List<PiiMatch> matches)
    {
        var pos = 0;
        // An address starts on a run of at most three ASCII digits joined by '.' to a digit, so the digit-run index's
        // number starts hold every start that can succeed (the others fail at once and are skipped to the run's end).
        // Full-width digits are not octets but are digits to the index, so with them the search stays ASCII-only.
        var digits = new DigitCursor(text);
        while (pos < text.Length)
        {
            int start;
            if (digits.Wide)
            {
                var found = text[pos..].IndexOfAnyInRange('0', '9');
                start = found < 0 ? -1 : pos + found;
            }
            else
            {
                start = digits.NextNumber(pos);
            }
            if (start < 0)
            {
                return;
            }
            var end = TryV4(text, start);
            if (end > 0)
            {
                matches.Add(new PiiMatch(start, end - start, PiiType.Ip, Priority));
                pos = end;
            }
            else
            {
                pos = SkipDottedRun(text, start);
            }
        }
    }

    private static int SkipDottedRun(ReadOnlySpan<char> text, int start)
    {
        // Skip the whole dotted-number run so a long "1.2.3.4.5.6…" chain is looked at once, not at every digit.
        var i = start;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || (text[i] == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))))
        {
            i++;
        }
        return Math.Max(i, start + 1);
    }

    private int TryV4(ReadOnlySpan<char> text, int start)
    {
        if (start > 0 && (PiiChars.IsAsciiWord(text[start - 1]) || text[start - 1] == '.'))
        {
            return -1;
        }
        Span<int> octets = stackalloc int[4];
        var pos = start;
        for (var k = 0; k < 4; k++)
        {
            var length = 0;
            var value = 0;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]) && length < 4)
            {
                value = value * 10 + (text[pos] - '0');
                pos++;
                length++;
            }
            if (length is 0 or > 3 || value > 255 || (length > 1 && text[pos - length] == '0'))
            {
                return -1;
            }
            octets[k] = value;
            if (k < 3)
            {
                if (pos >= text.Length || text[pos] != '.')
                {
                    return -1;
                }
                pos++;
            }
        }
        var end = pos;
        if (end < text.Length && (PiiChars.IsAsciiWord(text[end])
            || (text[end] == '.' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1]))))
        {
            return -1;
        }
        if (end - start == 7 && !PiiContext.Near(text, start, end, AddressWords, 30, 30))
        {
            return -1; // x.x.x.x: far more often a version or section number
        }
        if (!_includePrivate && !IsPublicV4(octets[0], octets[1], octets[2]))
        {
            return -1;
        }
        // An attached CIDR prefix belongs to the address.
        if (end + 1 < text.Length && text[end] == '/' && char.IsAsciiDigit(text[end + 1]))
        {
            var prefixLength = 0;
            while (end + 1 + prefixLength < text.Length && char.IsAsciiDigit(text[end + 1 + prefixLength]) && prefixLength < 3)
            {
                prefixLength++;
            }
            end += 1 + prefixLength;
        }
        return end;
    }

    /// <summary>True for globally routable IPv4 space (not 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12,
    /// 192.0.0/24, 192.0.2/24, 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, 224/3).</summary>
    internal static bool IsPublicV4(int a, int b, int c) => a switch
    {
        0 or 10 or 127 => false,
        >= 224 => false,
        100 => b is < 64 or > 127,
        169 => b != 254,
        172 => b is < 16 or > 31,
        192 => !(b == 168 || (b == 0 && c is 0 or 2)),
        198 => !(b is 18 or 19 || (b == 51 && c == 100)),
        203 => !(b == 0 && c == 113),
        _ => true,
    };

    private void DetectV6(ReadOnlySpan<char> text, List<PiiMatch> matches)
    {
        var pos = 0;
        while (pos < text.Length)
        {
            var found = text[pos..].IndexOf(':');
            if (found < 0)
            {
                return;
            }
            var colon = pos + found;
            var start = colon;
            while (start > 0 && colon - start < MaxIpv6Run && Ipv6Chars.Contains(text[start - 1]))
            {
                start--;
            }
            var end = colon + 1;
            while (end < text.Length && end - start < MaxIpv6Run && Ipv6Chars.Contains(text[end]))
            {
                end++;
            }
            pos = end;
            if (end - start >= MaxIpv6Run)
            {
                pos = SkipRun(text, end);
                continue;
            }
            // Trailing dots end sentences; a leading dot belongs to something else.
            while (end > start && text[end - 1] == '.')
            {
                end--;
            }
            var candidate = text[start..end];
            if (candidate.Count(':') < 2
                || (start > 0 && PiiChars.IsAsciiWord(text[start - 1]))
                || (end < text.Length && (PiiChars.IsAsciiWord(text[end]) && text[end] != '%')))
            {
                continue;
            }
            if (!IPAddress.TryParse(candidate, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                continue;
            }
            if (!_includePrivate && !IsPublicV6(address))
            {
                continue;
            }
            matches.Add(new PiiMatch(start, end - start, PiiType.Ip, Priority));
        }
    }

    private static int SkipRun(ReadOnlySpan<char> text, int from)
    {
        var i = from;
        while (i < text.Length && Ipv6Chars.Contains(text[i]))
        {
            i++;
        }
        return i;
    }

    private static bool IsPublicV6(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicV4(bytes[12], bytes[13], bytes[14]);
        }
        // Global unicast is 2000::/3; 2001:db8::/32 is documentation.
        if ((bytes[0] & 0xE0) != 0x20)
        {
            return false;
        }
        return !(bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8);
    }
}
