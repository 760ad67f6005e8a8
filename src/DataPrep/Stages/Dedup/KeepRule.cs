namespace DataPrep.Stages.Dedup;

/// <summary>Which document of a duplicate cluster is kept.</summary>
public enum KeepRule
{
    /// <summary>The first seen: smallest global input order (file, then record), independent of sharding.</summary>
    First,

    /// <summary>The longest text (in characters); ties go to the first seen.</summary>
    Longest,

    /// <summary>The highest numeric <c>quality_score</c> metadata value (documents without one rank last); ties go to the first seen.</summary>
    HighestQuality,
}
