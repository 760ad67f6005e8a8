
namespace DataPrep.Pipeline;

/// <summary>What a per-document stage decided: keep (the default), or reject with a reason.</summary>
/// <param name="Reason">The rejection reason; <c>null</c> keeps the document.</param>
/// <param name="Detail">A short detail for the rejects file (a measured value); never document text.</param>
/// <param name="DuplicateOf">For duplicates: the id of the document kept instead.</param>
public readonly record struct Verdict(RejectionReason? Reason, string? Detail = null, string? DuplicateOf = null)
{
    /// <summary>Keep the document.</summary>
    public static Verdict Keep => default;

    /// <summary>True when the document is kept.</summary>
    public bool IsKept => Reason is null;

    /// <summary>Reject with a reason and an optional detail.</summary>
    public static Verdict Reject(RejectionReason reason, string? detail = null) => new(reason, detail);

    /// <summary>Lets a rule return its <see cref="RejectionReason"/> (or <c>null</c> to keep) directly.</summary>
    public static implicit operator Verdict(RejectionReason? reason) => new(reason);
}
