namespace DataPrep.Stages.Dedup.Substring;

/// <summary>
/// Shrinks a byte range of UTF-8 text so that its ends fall on boundaries: character boundaries always (a
/// character is never cut in half), and with <see cref="SpanBoundary.Words"/> whitespace boundaries too, so
/// whole words and whole Korean eojeol are removed and no word is left truncated.
/// </summary>
internal static class SpanSnapping
{
    /// <summary>The largest range inside <c>[start, end)</c> whose ends are boundaries; empty when there is none.</summary>
    public static (int Start, int End) Snap(ReadOnlySpan<byte> text, int start, int end, SpanBoundary boundary)
    {
        if (boundary == SpanBoundary.Words)
        {
            while (start < end && start > 0 && !IsSpace(text[start - 1]))
            {
                start++;
            }
            while (end > start && end < text.Length && !IsSpace(text[end]))
            {
                end--;
            }
        }
        else
        {
            while (start < end && IsContinuation(text[start]))
            {
                start++;
            }
            while (end > start && end < text.Length && IsContinuation(text[end]))
            {
                end--;
            }
        }
        return start < end ? (start, end) : (start, start);
    }

    /// <summary>ASCII whitespace: the separators of words and eojeol after normalisation.</summary>
    public static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\t' or (byte)'\r' or 0x0B or 0x0C;

    private static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;
}
