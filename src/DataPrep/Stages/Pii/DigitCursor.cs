namespace DataPrep.Stages.Pii;

/// <summary>
/// Walks the digits of a text for a number detector: <see cref="NextNumber"/> is <see cref="PiiChars.NextDigit"/> (the
/// first digit at or after a position), answered from the scan's <see cref="DigitRunIndex"/> when there is one, which
/// also lets it skip the runs no number detector can start on.
/// </summary>
internal ref struct DigitCursor
{
    private readonly ReadOnlySpan<char> _text;
    private readonly DigitRunIndex? _index;
    private int _numberRun;

    public DigitCursor(ReadOnlySpan<char> text)
    {
        _text = text;
        _index = DigitRunIndex.For(text);
        Wide = _index?.Wide ?? PiiChars.HasWideDigits(text);
    }

    /// <summary>True when the text has a full-width digit.</summary>
    public bool Wide { get; }

    /// <summary>Index of the first digit at or after <paramref name="from"/> (<paramref name="from"/> never decreases),
    /// or −1, skipping the starts of runs that cannot begin a number of
    /// <see cref="DigitRunIndex.MinNumberDigits"/> or more digits (<see cref="DigitRunIndex.NumberStarts"/>). For a
    /// detector whose match attempt fails at once on such a run (it tests <see cref="PiiChars.RunCanStart"/> with a
    /// minimum of at least <see cref="DigitRunIndex.MinNumberDigits"/> first, '+' and '(' aside) and which then goes on
    /// after the run: it sees the same candidates minus the ones it would reject, so it finds the same matches.</summary>
    public int NextNumber(int from)
    {
        if (_index is null)
        {
            return PiiChars.NextDigit(_text, from, Wide);
        }
        if (from >= _text.Length)
        {
            return -1;
        }
        if (PiiChars.IsDigit(_text[from]))
        {
            return from;
        }
        var starts = _index.NumberStarts;
        while (_numberRun < starts.Length && starts[_numberRun] < from)
        {
            _numberRun++;
        }
        return _numberRun < starts.Length ? starts[_numberRun] : -1;
    }
}
