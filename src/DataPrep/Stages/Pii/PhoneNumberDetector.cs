namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds phone numbers: Korean mobile (<c>010-1234-5678</c>, legacy 011/016–019), landline (<c>02-123-4567</c>,
/// <c>(031) 123-4567</c>), VoIP and personal numbers (070, 050X), 080 toll-free, representative numbers
/// (<c>1588-1234</c>, only next to a phone keyword), <c>+82</c>/<c>0082</c> forms, international E.164
/// (<c>+44 20 7123 4567</c>, 8–15 digits after '+'), and North American numbers (<c>(415) 555-0132</c>, <c>415-555-0132</c>).
/// </summary>
/// <remarks>
/// Formats from the Korean numbering plan as summarised in korean.md §1.6 (area codes 02, 031–033, 041–044,
/// 051–055, 061–064; libphonenumber's representative-number prefixes). Separator-less runs are taken only for
/// 010 mobiles (11 digits) unless a phone keyword is near, because bare 9–11 digit runs are more often ids.
/// Digit boundaries are explicit, so a particle right after the number (<c>…5678로</c>) does not hide it.
/// </remarks>
internal sealed class PhoneNumberDetector : IPiiDetector
{
    private const int Priority = 50;

    private static readonly KeywordSet PhoneWords = PiiContext.Words(
        "전화", "연락", "휴대폰", "핸드폰", "휴대전화", "폰번호", "번호", "문의", "상담", "고객센터", "콜센터", "대표번호", "팩스",
        "tel", "phone", "mobile", "call", "fax", "contact", "hp", "☎", "☏", "📞");

    /// <inheritdoc />
    public PiiTrigger Triggers => PiiTrigger.Digit;

    /// <inheritdoc />
    public PiiType Type => PiiType.Phone;

    /// <inheritdoc />
    public void Detect(ReadOnlySpan<char> text, List<PiiMatch> matches)
    {
        var pos = 0;
        var digits = new DigitCursor(text);
        while (pos < text.Length)
        {
            var start = digits.NextNumber(pos);
            if (start < 0)
            {
                return;
            }
            var end = TryMatch(text, start, out var matchStart);
            if (end > 0)
            {
                matches.Add(new PiiMatch(matchStart, end - matchStart, PiiType.Phone, Priority));
                pos = end;
            }
            else
            {
                pos = PiiChars.SkipDigits(text, start);
            }
        }
    }

    private static bool IsSeparator(char c) => c is ' ' or '.' || PiiChars.IsHyphen(c);

    private static bool IsDashOrDot(char c) => c == '.' || PiiChars.IsHyphen(c);

    /// <summary>Returns the end of a phone number starting at the digit run at <paramref name="start"/>, or −1.</summary>
    private static int TryMatch(ReadOnlySpan<char> text, int start, out int matchStart)
    {
        matchStart = start;
        var before = start > 0 ? text[start - 1] : '\0';
        if (before is not ('+' or '(') && !PiiChars.RunCanStart(text, start, 9, 12))
        {
            return -1;
        }
        if (PiiChars.IsAsciiLetter(before) || before == '_')
        {
            return -1;
        }
        if (before == '+')
        {
            if (start > 1 && (PiiChars.IsAsciiWord(text[start - 2]) || PiiChars.IsDigit(text[start - 2])))
            {
                return -1;
            }
            matchStart = start - 1;
            return International(text, start);
        }
        if (before == '(')
        {
            matchStart = start - 1;
            return Parenthesised(text, start);
        }
        if ((before == '.' || PiiChars.IsHyphen(before)) && start > 1 && PiiChars.IsDigit(text[start - 2]))
        {
            return -1; // the middle of a longer dotted or dashed number
        }
        var groups = DigitGroups.Read(text, start, IsSeparator);
        var g0 = groups.Length(0);
        // "02) 1234-5678": the area code closed by ')' without an opening one, common in signatures and forms.
        var afterArea = start + g0;
        if (g0 is 2 or 3 && afterArea < text.Length && text[afterArea] == ')' && PrefixLength(text, start, g0) == g0)
        {
            return AfterArea(text, start, g0, afterArea + 1);
        }
        // 0082-10-1234-5678 and 00 82 10 …: the international prefix dialled from Korea.
        if (g0 == 4 && PiiChars.Number(text, start, 4) == 82 && groups.Count >= 3)
        {
            return KoreanNational(text, groups, 1, requireTrunk: false);
        }
        if (g0 >= 9)
        {
            return groups.StandsAlone(1) ? Contiguous(text, start, g0) : -1;
        }
        if (PiiChars.Digit(text[start]) == 0)
        {
            return KoreanNational(text, groups, 0, requireTrunk: true);
        }
        // Representative numbers (15XX/16XX/18XX-XXXX) are business lines; they share their shape with
        // model numbers and year ranges ("1588-2024 모델", "1800-1850"), so a phone keyword must be near.
        if (g0 == 4 && groups.Length(1) == 4 && groups.StandsAlone(2) && PiiChars.IsHyphen(groups.SeparatorAfter(0))
            && IsRepresentativePrefix(PiiChars.Number(text, start, 4))
            && PiiContext.Near(text, start, groups.End(1), PhoneWords, 20, 8))
        {
            return groups.End(1);
        }
        // North American 3-3-4 with '-' or '.', area and exchange codes starting 2–9.
        if (g0 == 3 && groups.Count >= 3 && groups.Length(1) == 3 && groups.Length(2) == 4 && groups.StandsAlone(3)
            && IsDashOrDot(groups.SeparatorAfter(0)) && PiiChars.Digit(text[start]) >= 2
            && PiiChars.Digit(text[groups.Start(1)]) >= 2)
        {
            return groups.End(2);
        }
        return -1;
    }

    private static int Contiguous(ReadOnlySpan<char> text, int start, int length)
    {
        if (length is < 9 or > 12 || PiiChars.Digit(text[start]) != 0)
        {
            return -1;
        }
        var end = start + length;
        var national = NationalLayout(text, start, length);
        if (national == 0)
        {
            return -1;
        }
        // 010 + 8 digits is unambiguous; every other bare run needs a phone keyword.
        var isModernMobile = length == 11 && PiiChars.Number(text, start, 3) == 10;
        return isModernMobile || PiiContext.Near(text, start, end, PhoneWords, 20, 8) ? end : -1;
    }

    /// <summary>Checks a separator-less Korean national number; returns the prefix length, or 0.</summary>
    private static int NationalLayout(ReadOnlySpan<char> text, int start, int length)
    {
        var prefix = PrefixLength(text, start, length);
        if (prefix == 0)
        {
            return 0;
        }
        var rest = length - prefix;
        return rest is 7 or 8 ? prefix : 0;
    }

    /// <summary>Length of a valid Korean trunk prefix (0 included) at <paramref name="start"/>, or 0.</summary>
    private static int PrefixLength(ReadOnlySpan<char> text, int start, int available)
    {
        if (available < 2 || PiiChars.Digit(text[start]) != 0)
        {
            return 0;
        }
        var d1 = PiiChars.Digit(text[start + 1]);
        if (d1 == 2)
        {
            return 2;
        }
        if (available < 3)
        {
            return 0;
        }
        var d2 = PiiChars.Digit(text[start + 2]);
        return (d1, d2) switch
        {
            (1, 0 or 1 or 6 or 7 or 8 or 9) => 3,
            (3, >= 1 and <= 3) or (4, >= 1 and <= 4) or (5, >= 1 and <= 5) or (6, >= 1 and <= 4) => 3,
            (7, 0) or (8, 0) => 3,
            (5, 0) when available >= 4 && PiiChars.Digit(text[start + 3]) is >= 2 and <= 8 => 4,
            _ => 0,
        };
    }

    /// <summary>A Korean number written in groups from group <paramref name="first"/>: with its trunk 0
    /// (<c>010-1234-5678</c>) or, after +82, without it (<c>10-1234-5678</c>).</summary>
    private static int KoreanNational(ReadOnlySpan<char> text, in DigitGroups groups, int first, bool requireTrunk)
    {
        if (groups.Count < first + 3)
        {
            return -1;
        }
        // The three groups share one separator; whatever follows must be joined differently.
        var separator = groups.SeparatorAfter(first);
        if (groups.SeparatorAfter(first + 1) != separator)
        {
            return -1;
        }
        if (groups.Count > first + 3 ? groups.SeparatorAfter(first + 2) == separator || char.IsWhiteSpace(separator) : groups.More)
        {
            return -1;
        }
        var a = groups.Length(first);
        var b = groups.Length(first + 1);
        var c = groups.Length(first + 2);
        if (b is < 3 or > 4 || c != 4)
        {
            return -1;
        }
        var s = groups.Start(first);
        var prefixOk = requireTrunk ? PrefixLength(text, s, a) == a : TrunklessPrefixOk(text, s, a);
        if (!prefixOk)
        {
            return -1;
        }
        // Modern mobiles (010) and VoIP (070) always have four digits in the middle.
        var head = requireTrunk ? PiiChars.Number(text, s, Math.Min(a, 3)) : PiiChars.Number(text, s, Math.Min(a, 2));
        if (a == (requireTrunk ? 3 : 2) && head is 10 or 70 && b != 4)
        {
            return -1;
        }
        return groups.End(first + 2);
    }

    private static bool TrunklessPrefixOk(ReadOnlySpan<char> text, int start, int length)
    {
        // After +82 the trunk 0 is dropped: 10, 2, 31, 70, 505 …; a written "(0)" is handled by the caller's groups.
        if (length is < 1 or > 3)
        {
            return false;
        }
        Span<char> withTrunk = stackalloc char[4];
        withTrunk[0] = '0';
        text.Slice(start, length).CopyTo(withTrunk[1..]);
        return PrefixLength(withTrunk[..(length + 1)], 0, length + 1) == length + 1;
    }

    private static int Parenthesised(ReadOnlySpan<char> text, int start)
    {
        // (02) 123-4567, (031)123-4567, (415) 555-0132
        var areaLength = PiiChars.CountDigits(text, start, 4);
        var pos = start + areaLength;
        if (areaLength is < 2 or > 4 || pos >= text.Length || text[pos] != ')')
        {
            return -1;
        }
        return AfterArea(text, start, areaLength, pos + 1);
    }

    /// <summary>The subscriber part after a closed area code: <c>[space]NNN(N)-NNNN</c>.</summary>
    private static int AfterArea(ReadOnlySpan<char> text, int start, int areaLength, int pos)
    {
        if (pos < text.Length && text[pos] == ' ')
        {
            pos++;
        }
        if (pos >= text.Length || !PiiChars.IsDigit(text[pos]))
        {
            return -1;
        }
        var groups = DigitGroups.Read(text, pos, c => PiiChars.IsHyphen(c) || c is '.' or ' ');
        if (groups.Count < 2 || !groups.StandsAlone(2) || groups.Length(0) is < 3 or > 4 || groups.Length(1) != 4)
        {
            return -1;
        }
        var koreanArea = PrefixLength(text, start, areaLength) == areaLength;
        var northAmerican = areaLength == 3 && PiiChars.Digit(text[start]) >= 2 && groups.Length(0) == 3
            && PiiChars.Digit(text[pos]) >= 2;
        return koreanArea || northAmerican ? groups.End(1) : -1;
    }

    private static int International(ReadOnlySpan<char> text, int start)
    {
        // '+' then 8–15 digits in groups joined by one space, '-', '.', or a parenthesised group: +44 (20) 7123 4567.
        var pos = start;
        var digits = 0;
        var groupCount = 0;
        var end = -1;
        while (pos < text.Length && groupCount < 8)
        {
            var length = PiiChars.CountDigits(text, pos, 15);
            if (length == 0)
            {
                break;
            }
            digits += length;
            groupCount++;
            pos += length;
            end = pos;
            if (pos < text.Length && text[pos] == ')')
            {
                pos++;
            }
            var gap = 0;
            while (pos < text.Length && gap < 2 && (text[pos] is ' ' or '.' or '(' || PiiChars.IsHyphen(text[pos])))
            {
                pos++;
                gap++;
            }
            if (gap == 0 || pos >= text.Length || !PiiChars.IsDigit(text[pos]))
            {
                break;
            }
        }
        if (digits is < 8 or > 15 || PiiChars.Digit(text[start]) == 0 || (end < text.Length && PiiChars.IsDigit(text[end])))
        {
            return -1;
        }
        return end;
    }

    private static bool IsRepresentativePrefix(int prefix) => prefix / 100 is 15 or 16 or 18;
}
