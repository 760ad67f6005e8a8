namespace DataPrep.Stages.Dedup.Lines;

/// <summary>What <see cref="LineDedupStage"/> counts and removes.</summary>
public enum LineUnit
{
    /// <summary>Single lines (split on line breaks). The default.</summary>
    Lines,

    /// <summary>Paragraphs: runs of non-blank lines separated by blank lines (CCNet's unit).</summary>
    Paragraphs,
}
