namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds payment card numbers: 13–19 digits written together or in the printed groupings (4-4-4-4, 4-6-5, 4-6-4,
/// 4-4-4-4-3) with one kind of separator, whose Luhn check passes and whose prefix belongs to an issuer
/// (Visa 4, Mastercard 51–55/2221–2720, Amex 34/37, Diners 30/36/38/39, JCB 35, Discover/UnionPay/Maestro 6,
/// Maestro 50/56–58, Korean domestic 9).
/// </summary>
/// <remarks>
/// Luhn alone passes one random number in ten; the issuer prefix and length table (ko-pii
/// <c>docs/pattern_analysis.md</c>: first digit in {2,3,4,5,6,9}) removes most order numbers and trivial strings.
/// </remarks>
internal sealed class CreditCardDetector : IPiiDetector
{
    private const int Priority = 90;

    /// <inheritdoc />
    public PiiTrigger Triggers => PiiTrigger.Digit;

    /// <inheritdoc />
    public PiiType Type => PiiType.Card;

    /// <inheritdoc />
    public unsafe void Detect(ReadOnlySpan<char> text, List<PiiMatch> matches) =>
        PiiChars.ScanDigitRuns(text, matches, PiiType.Card, Priority, &TryMatch);

    private static bool IsSeparator(char c) => c == ' ' || PiiChars.IsHyphen(c);

    private static int TryMatch(ReadOnlySpan<char> text, int start)
    {
        if (!PiiChars.RunCanStart(text, start, 13, 19))
        {
            return -1;
        }
        if (PiiChars.ContinuesWordOrNumber(text, start))
        {
            return -1;
        }
        var groups = DigitGroups.Read(text, start, IsSeparator);
        var g0 = groups.Length(0);
        var used = 0;
        if (g0 is >= 13 and <= 19 && groups.StandsAlone(1))
        {
            used = 1;
        }
        else if (g0 == 4)
        {
            used = Layout(groups);
        }
        if (used == 0)
        {
            return -1;
        }
        var end = groups.End(used - 1);
        if (end < text.Length && (PiiChars.IsAsciiLetter(text[end]) || (text[end] == '.' && end + 1 < text.Length && PiiChars.IsDigit(text[end + 1]))))
        {
            return -1;
        }
        Span<byte> digits = stackalloc byte[19];
        var n = 0;
        for (var g = 0; g < used; g++)
        {
            for (var i = groups.Start(g); i < groups.End(g); i++)
            {
                digits[n++] = (byte)PiiChars.Digit(text[i]);
            }
        }
        digits = digits[..n];
        return IssuerAccepts(digits) && Luhn(digits) ? end : -1;
    }

    private static int Layout(in DigitGroups groups)
    {
        Span<int> lengths = stackalloc int[DigitGroups.Capacity];
        for (var i = 0; i < groups.Count; i++)
        {
            lengths[i] = groups.Length(i);
        }
        if (groups.Count >= 5 && lengths[1] == 4 && lengths[2] == 4 && lengths[3] == 4 && lengths[4] == 3 && groups.StandsAlone(5))
        {
            return 5;
        }
        if (groups.Count >= 4 && lengths[1] == 4 && lengths[2] == 4 && lengths[3] == 4 && groups.StandsAlone(4))
        {
            return 4;
        }
        if (groups.Count >= 3 && lengths[1] == 6 && lengths[2] is 5 or 4 && groups.StandsAlone(3))
        {
            return 3;
        }
        return 0;
    }

    /// <summary>True when the number's prefix and length belong to a card issuer.</summary>
    internal static bool IssuerAccepts(ReadOnlySpan<byte> d)
    {
        var length = d.Length;
        var two = d[0] * 10 + d[1];
        var four = two * 100 + d[2] * 10 + d[3];
        return d[0] switch
        {
            4 => length is 13 or 16 or 19,
            2 => four is >= 2221 and <= 2720 && length == 16,
            3 => (two is 34 or 37 && length == 15)
                || (two == 35 && length is >= 16 and <= 19)
                || (two is 30 or 36 or 38 or 39 && length is >= 14 and <= 16),
            5 => (two is >= 51 and <= 55 && length == 16) || (two is 50 or >= 56 and <= 58 && length is >= 16 and <= 19),
            6 => length is >= 16 and <= 19,
            9 => length == 16,
            _ => false,
        };
    }

    /// <summary>The Luhn mod-10 check.</summary>
    internal static bool Luhn(ReadOnlySpan<byte> d)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = d.Length - 1; i >= 0; i--)
        {
            var v = d[i];
            if (doubleIt)
            {
                v *= 2;
                if (v > 9)
                {
                    v -= 9;
                }
            }
            sum += v;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
