namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds Korean driver's licence numbers next to a licence keyword (운전면허, 면허번호, 면허증, driver's licence):
/// <c>RR-YY-NNNNNN-CC</c> with '-', spaces or nothing between the groups, region code RR in 11–28.
/// </summary>
/// <remarks>Layout from Presidio's and ko-pii's recognizers (korean.md §1.8). The check digits are unpublished, and any
/// 12-digit run fits the compact form, so every form needs the keyword within 40 characters before or 10 after.</remarks>
internal sealed class DriverLicenseDetector : IPiiDetector
{
    private const int Priority = 45;

    private static readonly KeywordSet Keywords = PiiContext.Words(
        "운전면허", "면허번호", "면허증", "driver's licen", "drivers licen", "driver licen", "driving licen", "license no", "licence no");

    /// <inheritdoc />
    public PiiTrigger Triggers => PiiTrigger.Digit;

    /// <inheritdoc />
    public PiiType Type => PiiType.DriverLicense;

    /// <inheritdoc />
    public unsafe void Detect(ReadOnlySpan<char> text, List<PiiMatch> matches) =>
        PiiChars.ScanDigitRuns(text, matches, PiiType.DriverLicense, Priority, &TryMatch);

    private static bool IsSeparator(char c) => c == ' ' || PiiChars.IsHyphen(c);

    private static int TryMatch(ReadOnlySpan<char> text, int start)
    {
        if (!PiiChars.RunCanStart(text, start, 12, 12))
        {
            return -1;
        }
        if (start > 0 && (PiiChars.IsAsciiWord(text[start - 1]) || PiiChars.IsHyphen(text[start - 1])))
        {
            return -1;
        }
        var groups = DigitGroups.Read(text, start, IsSeparator);
        int end;
        if (groups.Length(0) == 12 && groups.StandsAlone(1))
        {
            end = start + 12;
        }
        else if (groups.Count >= 4 && groups.Length(0) == 2 && groups.Length(1) == 2 && groups.Length(2) == 6 && groups.Length(3) == 2
            && groups.StandsAlone(4))
        {
            end = groups.End(3);
        }
        else
        {
            return -1;
        }
        var region = PiiChars.Number(text, start, 2);
        if (region is < 11 or > 28 || (end < text.Length && PiiChars.IsAsciiLetter(text[end])))
        {
            return -1;
        }
        return PiiContext.Near(text, start, end, Keywords, 40, 10) ? end : -1;
    }
}
