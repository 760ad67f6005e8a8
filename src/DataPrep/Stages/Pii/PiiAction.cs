namespace DataPrep.Stages.Pii;

/// <summary>What <see cref="PiiScrubber"/> does with a match of one type.</summary>
public enum PiiAction
{
    /// <summary>Replace the value with the type's tag (<c>&lt;EMAIL&gt;</c>).</summary>
    Tag,

    /// <summary>Replace every letter and digit with the mask character, keeping length and separators (<c>***-****-****</c>).</summary>
    Mask,

    /// <summary>Replace the value with a salted-hash pseudonym inside the tag (<c>&lt;EMAIL:1f2e3d4c5b&gt;</c>):
    /// the same value gets the same pseudonym wherever the same salt is used.</summary>
    Hash,

    /// <summary>Reject the whole document when it contains a match of this type (reason <c>pii.scrub.forbidden_type</c>).</summary>
    Reject,

    /// <summary>Leave matches of this type in place (they still count towards the count and density limits).</summary>
    Keep,
}
