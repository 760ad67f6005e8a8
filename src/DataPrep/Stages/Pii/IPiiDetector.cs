namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds values of one kind in text. Implementations are stateless, thread-safe and run in time linear
/// in the text length (hand-written scanners over vectorised searches; no backtracking regex).
/// </summary>
internal interface IPiiDetector
{
    /// <summary>The kind of value this detector reports (a detector may report a related type too, e.g. RRN and FRN).</summary>
    PiiType Type { get; }

    /// <summary>True when every value this detector finds contains an ASCII or full-width digit; the scanner then
    /// skips it for texts without digits (most short reviews and comments).</summary>
    bool RequiresDigits { get; }

    /// <summary>Appends every match in <paramref name="text"/> to <paramref name="matches"/>; matches of one detector
    /// do not overlap each other, but may overlap other detectors' (the scanner resolves that).</summary>
    void Detect(ReadOnlySpan<char> text, List<PiiMatch> matches);
}
