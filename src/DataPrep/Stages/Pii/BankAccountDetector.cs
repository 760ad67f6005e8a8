namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds bank account numbers next to a banking keyword (계좌, 입금, 예금주, 송금, 통장, bank names, "account number"):
/// 10–14 digits, written together or in two to four groups of 2–7 digits joined by '-' or spaces. Mobile-number
/// shapes are left to <see cref="PhoneNumberDetector"/>.
/// </summary>
/// <remarks>Korean banks use different groupings and publish no check digit (korean.md §1.7), so the keyword is what
/// separates an account from an order number: it must be within 30 characters before the number or 10 after.</remarks>
internal sealed class BankAccountDetector : IPiiDetector
{
    private const int Priority = 55;

    private static readonly KeywordSet Keywords = PiiContext.Words(
        "계좌", "입금", "예금주", "송금", "통장", "은행", "농협", "신한", "카카오뱅크", "케이뱅크", "토스뱅크",
        "새마을금고", "우체국", "수협", "신협", "account number", "account no", "acct", "bank account", "iban");

    /// <inheritdoc />
    public PiiTrigger Triggers => PiiTrigger.Digit;

    /// <inheritdoc />
    public PiiType Type => PiiType.BankAccount;

    /// <inheritdoc />
    public unsafe void Detect(ReadOnlySpan<char> text, List<PiiMatch> matches) =>
        PiiChars.ScanDigitRuns(text, matches, PiiType.BankAccount, Priority, &TryMatch);

    private static bool IsSeparator(char c) => c == ' ' || PiiChars.IsHyphen(c);

    private static int TryMatch(ReadOnlySpan<char> text, int start)
    {
        if (!PiiChars.RunCanStart(text, start, 10, 14))
        {
            return -1;
        }
        if (PiiChars.ContinuesWordOrNumber(text, start))
        {
            return -1;
        }
        var groups = DigitGroups.Read(text, start, IsSeparator);
        var best = -1;
        var digits = 0;
        for (var n = 1; n <= Math.Min(groups.Count, 4); n++)
        {
            var length = groups.Length(n - 1);
            if (length is < 2 or > 14 || (n > 1 && length > 7))
            {
                break;
            }
            digits += length;
            if (digits is >= 10 and <= 14 && groups.StandsAlone(n) && !(n > 1 && char.IsWhiteSpace(groups.SeparatorAfter(0)) && n < 3))
            {
                best = groups.End(n - 1);
            }
        }
        if (best < 0 || (best < text.Length && PiiChars.IsAsciiLetter(text[best])))
        {
            return -1;
        }
        if (LooksLikeMobile(text, start, best))
        {
            return -1;
        }
        return PiiContext.Near(text, start, best, Keywords, 30, 10) ? best : -1;
    }

    private static bool LooksLikeMobile(ReadOnlySpan<char> text, int start, int end)
    {
        Span<int> d = stackalloc int[3];
        var n = 0;
        var total = 0;
        for (var i = start; i < end; i++)
        {
            var v = PiiChars.Digit(text[i]);
            if (v < 0)
            {
                continue;
            }
            if (n < 3)
            {
                d[n++] = v;
            }
            total++;
        }
        return total is 10 or 11 && d[0] == 0 && d[1] == 1 && d[2] is 0 or 1 or 6 or 7 or 8 or 9;
    }
}
