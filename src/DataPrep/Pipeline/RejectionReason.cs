namespace DataPrep.Pipeline;

/// <summary>
/// Why a document was dropped. Declared once, as a static field next to the rule that uses it, so
/// tests, README and the rejects file all use the same value.
/// </summary>
/// <param name="Code">Lower snake case, dotted: <c>family.stage.rule</c> (e.g. <c>quality.gopher.too_few_words</c>).</param>
/// <param name="Description">One sentence for people reading <c>dataprep stages</c> and README.</param>
/// <param name="Sensitive">When true the document text is never written to the rejects file (e.g. a
/// document rejected for carrying too much PII).</param>
public sealed record RejectionReason(string Code, string Description, bool Sensitive = false)
{
    /// <inheritdoc />
    public override string ToString() => Code;
}
