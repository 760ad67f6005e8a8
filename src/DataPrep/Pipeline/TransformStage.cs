using DataPrep.Documents;

namespace DataPrep.Pipeline;

/// <summary>
/// A stage that rewrites document text. When the new text is empty (or only white space) and
/// <see cref="EmptyReason"/> is set, the document is rejected with that reason.
/// </summary>
public abstract class TransformStage : DocumentStage
{
    /// <summary>Reason used when the transform leaves no text; <c>null</c> keeps empty documents.</summary>
    protected virtual RejectionReason? EmptyReason => null;

    /// <summary>Returns the new text, or the same string instance when nothing changed. Must be thread-safe.</summary>
    protected abstract string Transform(Document document, StageStats stats);

    /// <inheritdoc />
    /// <remarks>A transform that can work on the document's UTF-8 bytes (see <see cref="Document.TryGetUtf8Text"/>) may
    /// override this to skip the string, as long as it gives the same text and verdict as <see cref="Transform"/>.</remarks>
    protected override Verdict Evaluate(Document document, StageContext context)
    {
        var text = Transform(document, context.Stats);
        document.Text = text;
        if (EmptyReason is { } reason && string.IsNullOrWhiteSpace(text))
        {
            return reason;
        }
        return Verdict.Keep;
    }
}
