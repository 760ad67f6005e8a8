namespace DataPrep.Stages.Pii;

/// <summary>
/// What a text must contain for a detector to find anything in it: the scanner looks for each trigger once per
/// document and runs a detector only when the text has at least one of the detector's triggers.
/// </summary>
[Flags]
internal enum PiiTrigger
{
    /// <summary>No precondition: the detector always runs (its own search is its trigger).</summary>
    None = 0,

    /// <summary>An ASCII or full-width digit.</summary>
    Digit = 1,

    /// <summary>A run of at least <see cref="TokenRun.MinLength"/> token characters (<see cref="TokenRun"/>).</summary>
    LongToken = 2,

    /// <summary>An assignment sign, ':' or '='.</summary>
    Assignment = 4,
}
