namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds values of one kind in text. Implementations are stateless, thread-safe and run in time linear
/// in the text length (hand-written scanners over vectorised searches; no backtracking regex).
/// </summary>
internal interface IPiiDetector
{
    /// <summary>The kind of value this detector reports (a detector may report a related type too, e.g. RRN and FRN).</summary>
    PiiType Type { get; }

    /// <summary>What every value this detector finds contains (any one of the flags; <see cref="PiiTrigger.None"/> for
    /// no precondition): the scanner skips the detector for texts with none of them — texts without digits for the
    /// number detectors (most short reviews and comments), texts without a long token for the API keys.</summary>
    PiiTrigger Triggers { get; }

    /// <summary>Appends every match in <paramref name="text"/> to <paramref name="matches"/>; matches of one detector
    /// do not overlap each other, but may overlap other detectors' (the scanner resolves that).</summary>
    void Detect(ReadOnlySpan<char> text, List<PiiMatch> matches);
}
