namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds Korean passport numbers next to a passport keyword (여권, passport): one letter of M, S, R, O, D, G or T
/// followed by eight digits (<c>M12345678</c>), or the next-generation form letter, three digits, letter, four
/// digits (<c>M123A4567</c>); case-insensitive. Only the 40 characters after a keyword and 12 before it are searched.
/// </summary>
/// <remarks>Formats from Microsoft Purview's South Korea passport definition and Presidio's recognizer (korean.md §1.8).
/// The bare <c>M123A4567</c> shape is common in part and order codes (FluxGuard v0.25.0), hence the keyword gate.</remarks>
internal sealed class PassportNumberDetector : IPiiDetector
{
    private const int Priority = 40;
    private const int WindowAfter = 40;
    private const int WindowBefore = 12;

    private static readonly KeywordSet Keywords = PiiContext.Words("여권", "passport");

    /// <inheritdoc />
    public PiiTrigger Triggers => PiiTrigger.Digit;

    /// <inheritdoc />
    public PiiType Type => PiiType.Passport;

    /// <inheritdoc />
    public void Detect(ReadOnlySpan<char> text, List<PiiMatch> matches)
    {
        var pos = 0;
        var scannedTo = 0;
        var cursor = default(KeywordSet.Cursor);
        while (pos < text.Length)
        {
            var keyword = Keywords.Next(text, pos, ref cursor);
            if (keyword < 0)
            {
                return;
            }
            var from = Math.Max(scannedTo, keyword - WindowBefore);
            var to = Math.Min(text.Length, keyword + WindowAfter);
            for (var i = from; i < to; i++)
            {
                var end = TryAt(text, i);
                if (end > 0)
                {
                    matches.Add(new PiiMatch(i, end - i, PiiType.Passport, Priority));
                    i = end - 1;
                    scannedTo = end;
                }
            }
            scannedTo = Math.Max(scannedTo, to);
            pos = keyword + 1;
        }
    }

    private static int TryAt(ReadOnlySpan<char> text, int i)
    {
        if (i + 9 > text.Length || (char.ToUpperInvariant(text[i]) is not ('M' or 'S' or 'R' or 'O' or 'D' or 'G' or 'T'))
            || (i > 0 && PiiChars.IsAsciiLetterOrDigit(text[i - 1])))
        {
            return -1;
        }
        var candidate = text.Slice(i + 1, 8);
        var oldForm = true;
        var newForm = true;
        for (var k = 0; k < 8; k++)
        {
            var c = candidate[k];
            oldForm &= char.IsAsciiDigit(c);
            newForm &= k == 3 ? char.IsAsciiLetter(c) : char.IsAsciiDigit(c);
        }
        if (!oldForm && !newForm)
        {
            return -1;
        }
        var end = i + 9;
        return end < text.Length && PiiChars.IsAsciiLetterOrDigit(text[end]) ? -1 : end;
    }
}
