namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds Korean business registration numbers (사업자등록번호) <c>XXX-XX-XXXXX</c> (hyphens or spaces) whose check digit is valid;
/// the ten digits without hyphens only next to a business-number keyword.
/// </summary>
/// <remarks>
/// Checksum from Presidio <c>kr_brn_recognizer.py</c> (korean.md §1.4): keys 1,3,7,1,3,7,1,3,5; the 9th digit also adds
/// ⌊5·d₉/10⌋; check = (10 − sum mod 10) mod 10. A bare 10-digit run passes by chance one time in ten, hence the keyword.
/// </remarks>
internal sealed class BusinessNumberDetector : IPiiDetector
{
    private const int Priority = 70;

    private static readonly KeywordSet Keywords = PiiContext.Words(
        "사업자", "등록번호", "사업자번호", "BRN", "business registration", "business number", "tax id");

    /// <inheritdoc />
    public PiiTrigger Triggers => PiiTrigger.Digit;

    /// <inheritdoc />
    public PiiType Type => PiiType.Brn;

    /// <inheritdoc />
    public unsafe void Detect(ReadOnlySpan<char> text, List<PiiMatch> matches) =>
        PiiChars.ScanDigitRuns(text, matches, PiiType.Brn, Priority, &TryMatch);

    private static int TryMatch(ReadOnlySpan<char> text, int start)
    {
        if (!PiiChars.RunCanStart(text, start, 10, 10))
        {
            return -1;
        }
        if (PiiChars.ContinuesWordOrNumber(text, start))
        {
            return -1;
        }
        var groups = DigitGroups.Read(text, start, c => c == ' ' || PiiChars.IsHyphen(c));
        Span<int> d = stackalloc int[10];
        int end;
        if (groups.Length(0) == 3 && groups.Count >= 3 && groups.Length(1) == 2 && groups.Length(2) == 5 && groups.StandsAlone(3))
        {
            end = groups.End(2);
            var k = 0;
            for (var g = 0; g < 3; g++)
            {
                for (var i = groups.Start(g); i < groups.End(g); i++)
                {
                    d[k++] = PiiChars.Digit(text[i]);
                }
            }
        }
        else if (groups.Length(0) == 10 && groups.StandsAlone(1) && PiiContext.Near(text, start, start + 10, Keywords, 24, 4))
        {
            end = start + 10;
            for (var i = 0; i < 10; i++)
            {
                d[i] = PiiChars.Digit(text[start + i]);
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
        return CheckDigit(d) == d[9] ? end : -1;
    }

    /// <summary>The BRN check digit of the first nine digits.</summary>
    internal static int CheckDigit(ReadOnlySpan<int> d)
    {
        ReadOnlySpan<int> keys = [1, 3, 7, 1, 3, 7, 1, 3, 5];
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += d[i] * keys[i];
        }
        sum += d[8] * 5 / 10;
        return (10 - sum % 10) % 10;
    }
}
