namespace DataPrep.Stages.Pii;

/// <summary>One value found by a detector: where it is and what it is.</summary>
/// <param name="Start">Offset of the first character.</param>
/// <param name="Length">Number of characters.</param>
/// <param name="Type">What kind of value it is.</param>
/// <param name="Priority">Which match wins when spans overlap: higher first, then longer, then earlier.</param>
internal readonly record struct PiiMatch(int Start, int Length, PiiType Type, int Priority)
{
    /// <summary>Offset just past the last character.</summary>
    public int End => Start + Length;
}
