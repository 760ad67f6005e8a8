using DataPrep.Documents;

namespace DataPrep.Pipeline;

/// <summary>
/// A step of a pipeline: takes a stream of documents and returns a stream of documents. Filters drop
/// some, transforms rewrite text, annotators add metadata. Most stages derive from
/// <see cref="DocumentStage"/> (one document at a time, run on all cores by the runner); a stage that
/// keeps state across documents implements this interface directly and runs on the ordered stream.
/// </summary>
public interface IStage
{
    /// <summary>Stable id used in stats, rejects and logs: <c>family.rule[.pass]</c>, e.g. <c>quality.gopher</c>.</summary>
    string Id { get; }

    /// <summary>Runs the stage over <paramref name="input"/>, in order.</summary>
    IAsyncEnumerable<Document> RunAsync(
        IAsyncEnumerable<Document> input, StageContext context, CancellationToken cancellationToken);
}
