using System.Globalization;

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

    /// <summary>
    /// Reject because a measured value broke a threshold; the detail reads <c>name=value{comparison}limit</c>
    /// (<c>words=12&lt;50</c>), numbers in the invariant culture with at most three decimals.
    /// </summary>
    /// <param name="reason">The rule's reason.</param>
    /// <param name="name">What was measured, lower snake case (<c>mean_word_length</c>).</param>
    /// <param name="value">The measured value.</param>
    /// <param name="comparison">The comparison that failed: <c>&lt;</c>, <c>&gt;</c> or <c>&gt;=</c>.</param>
    /// <param name="limit">The threshold it was compared with.</param>
    public static Verdict Reject(RejectionReason reason, string name, double value, string comparison, double limit) =>
        new(reason, string.Create(CultureInfo.InvariantCulture, $"{name}={value:0.###}{comparison}{limit:0.###}"));

    /// <summary>Lets a rule return its <see cref="RejectionReason"/> (or <c>null</c> to keep) directly.</summary>
    public static implicit operator Verdict(RejectionReason? reason) => new(reason);
}
