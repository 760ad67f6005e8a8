namespace DataPrep.Stages.Pii;

/// <summary>
/// Walks the digits of a text for a number detector: <see cref="Next"/> is <see cref="PiiChars.NextDigit"/> (the first
/// digit at or after a position), answered from the scan's <see cref="DigitRunIndex"/> when there is one.
/// </summary>
internal ref struct DigitCursor
{
    private readonly ReadOnlySpan<char> _text;
    private readonly DigitRunIndex? _index;
    private int _run;

    public DigitCursor(ReadOnlySpan<char> text)
    {
        _text = text;
        _index = DigitRunIndex.For(text);
        Wide = _index?.Wide ?? PiiChars.HasWideDigits(text);
    }

    /// <summary>True when the text has a full-width digit.</summary>
    public bool Wide { get; }

    /// <summary>Index of the first digit at or after <paramref name="from"/>, or −1; <paramref name="from"/> never decreases.</summary>
    public int Next(int from)
    {
        if (_index is null)
        {
            return PiiChars.NextDigit(_text, from, Wide);
        }
        if (from >= _text.Length)
        {
            return -1;
        }
        // Inside a run (a match may end mid-run) the next digit is right here; otherwise it starts the next run.
        if (PiiChars.IsDigit(_text[from]))
        {
            return from;
        }
        var starts = _index.Starts;
        while (_run < starts.Length && starts[_run] < from)
        {
            _run++;
        }
        return _run < starts.Length ? starts[_run] : -1;
    }
}
