using DataPrep.Documents;

namespace DataPrep.Pipeline;

/// <summary>A stage that keeps or drops documents without changing them.</summary>
public abstract class FilterStage : DocumentStage
{
    /// <summary>Decides about one document: <see cref="Verdict.Keep"/>, or a rejection (a
    /// <see cref="RejectionReason"/> converts implicitly). Must be thread-safe.</summary>
    protected abstract Verdict Evaluate(Document document, StageStats stats);

    /// <inheritdoc />
    protected sealed override Verdict Evaluate(Document document, StageContext context) =>
        Evaluate(document, context.Stats);
}
