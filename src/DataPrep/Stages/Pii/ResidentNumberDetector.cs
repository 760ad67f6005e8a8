namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds Korean resident (주민등록번호, <see cref="PiiType.Rrn"/>) and foreigner (외국인등록번호,
/// <see cref="PiiType.Frn"/>) registration numbers: <c>YYMMDD-GXXXXXC</c>, with '-', a space or nothing
/// between the halves. The first six digits must be a real date for the century the 7th digit (G) gives.
/// </summary>
/// <remarks>
/// Rules from korean.md §1.2–1.5 (stdnum <c>kr/rrn.py</c>, Presidio's KR recognizers, ko-pii). Since October 2020
/// the last six digits are random, so a failed checksum never clears a candidate on its own; a candidate is
/// reported when (a) the checksum passes (RRN weights 2–9,2–5, mod 11; for FRNs either published variant),
/// (b) the birth date is on or after 2020-10-01, or (c) a registration keyword is near. Without a keyword, a
/// number whose corporate (법인등록번호) checksum passes while the RRN checksum fails is left alone, as is
/// G ∈ {9, 0} (born in the 1800s), and an order/tracking keyword vetoes a checksum-only match.
/// </remarks>
internal sealed class ResidentNumberDetector : IPiiDetector
{
    private const int Priority = 80;

    private static readonly KeywordSet Keywords = PiiContext.Words(
        "주민등록", "주민번호", "주민 번호", "외국인등록", "외국인번호", "생년월일", "RRN", "FRN", "resident registration",
        "registration number", "alien registration");

    private static readonly KeywordSet VetoWords = PiiContext.Words(
        "주문", "송장", "운송장", "접수번호", "일련번호", "관리번호", "법인", "order", "tracking", "invoice", "serial", "ticket");

    private readonly int _currentYear;

    /// <summary>Creates the detector; birth dates after the current year are not dates of birth.</summary>
    public ResidentNumberDetector()
        : this(DateTime.UtcNow.Year)
    {
    }

    /// <summary>Creates the detector with an explicit current year (tests).</summary>
    public ResidentNumberDetector(int currentYear) => _currentYear = currentYear;

    /// <inheritdoc />
    public PiiTrigger Triggers => PiiTrigger.Digit;

    /// <inheritdoc />
    public PiiType Type => PiiType.Rrn;

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
            var end = TryMatch(text, start, out var type);
            if (end > 0)
            {
                matches.Add(new PiiMatch(start, end - start, type, Priority));
                pos = end;
            }
            else
            {
                pos = PiiChars.SkipDigits(text, start);
            }
        }
    }

    private static bool IsSeparator(char c) => c == ' ' || PiiChars.IsHyphen(c);

    private int TryMatch(ReadOnlySpan<char> text, int start, out PiiType type)
    {
        type = PiiType.Rrn;
        if (!PiiChars.RunCanStart(text, start, 13, 13))
        {
            return -1;
        }
        if (PiiChars.ContinuesWordOrNumber(text, start))
        {
            return -1;
        }
        var groups = DigitGroups.Read(text, start, IsSeparator);
        Span<int> d = stackalloc int[13];
        int end;
        if (groups.Length(0) == 13 && groups.StandsAlone(1))
        {
            end = start + 13;
            for (var i = 0; i < 13; i++)
            {
                d[i] = PiiChars.Digit(text[start + i]);
            }
        }
        else if (groups.Length(0) == 6 && groups.Count >= 2 && groups.Length(1) == 7 && groups.StandsAlone(2))
        {
            end = groups.End(1);
            for (var i = 0; i < 6; i++)
            {
                d[i] = PiiChars.Digit(text[start + i]);
            }
            for (var i = 0; i < 7; i++)
            {
                d[6 + i] = PiiChars.Digit(text[groups.Start(1) + i]);
            }
        }
        else
        {
            return -1;
        }
        if (end < text.Length && PiiChars.IsAsciiLetter(text[end]))
        {
            return -1;
        }
        var g = d[6];
        var century = g switch
        {
            9 or 0 => 1800,
            1 or 2 or 5 or 6 => 1900,
            _ => 2000,
        };
        type = g is >= 5 and <= 8 ? PiiType.Frn : PiiType.Rrn;
        var year = century + d[0] * 10 + d[1];
        var month = d[2] * 10 + d[3];
        var day = d[4] * 10 + d[5];
        if (month is < 1 or > 12 || day < 1 || year > _currentYear || day > DateTime.DaysInMonth(year, month))
        {
            return -1;
        }
        if (PiiContext.Near(text, start, end, Keywords, 24, 6))
        {
            return end;
        }
        if (century == 1800)
        {
            return -1;
        }
        var rrnChecksum = RrnCheckDigit(d) == d[12];
        var checksum = rrnChecksum || (type == PiiType.Frn && FrnAlternateCheckDigit(d) == d[12]);
        if (!checksum && CorporateCheckDigit(d) == d[12])
        {
            return -1; // a 법인등록번호 shape, not a person
        }
        var issuedAfterReform = year > 2020 || (year == 2020 && month >= 10);
        if (!checksum && !issuedAfterReform)
        {
            return -1;
        }
        return PiiContext.Near(text, start, end, VetoWords, 20, 0) ? -1 : end;
    }

    private static int WeightedSum(ReadOnlySpan<int> d)
    {
        ReadOnlySpan<int> weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += d[i] * weights[i];
        }
        return sum;
    }

    /// <summary>RRN check digit: (11 − Σ wᵢdᵢ mod 11) mod 10 (stdnum, Presidio).</summary>
    internal static int RrnCheckDigit(ReadOnlySpan<int> d) => (11 - WeightedSum(d) % 11) % 10;

    /// <summary>Presidio's FRN variant: (13 − Σ wᵢdᵢ mod 11) mod 10.</summary>
    internal static int FrnAlternateCheckDigit(ReadOnlySpan<int> d) => (13 - WeightedSum(d) % 11) % 10;

    /// <summary>법인등록번호 check digit: (10 − Σ dᵢ·(1,2,1,2,…) mod 10) mod 10.</summary>
    internal static int CorporateCheckDigit(ReadOnlySpan<int> d)
    {
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += d[i] * (i % 2 == 0 ? 1 : 2);
        }
        return (10 - sum % 10) % 10;
    }
}
