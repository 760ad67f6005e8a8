using System.ComponentModel;

namespace DataPrep.Stages.Pii;

/// <summary>Settings for one PII type in <see cref="PiiScrubOptions"/>; unset values fall back to the stage-wide ones.</summary>
public sealed record PiiTypeOptions
{
    /// <summary>Whether the type is detected at all. Default true.</summary>
    [Description("Detect this type at all.")]
    public bool Enabled { get; init; } = true;

    /// <summary>What to do with a match; null uses the stage's <see cref="PiiScrubOptions.Action"/>.</summary>
    [Description("tag | mask | hash | reject | keep; unset uses the stage-wide action.")]
    public PiiAction? Action { get; init; }

    /// <summary>The replacement tag; null uses the preset's tag (<c>&lt;EMAIL&gt;</c>, <c>&lt;|tel|&gt;</c>, …). May be empty (delete).</summary>
    [Description("Replacement tag; unset uses the preset's tag.")]
    public string? Tag { get; init; }
}
