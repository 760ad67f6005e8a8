using DataPrep.Documents;
using DataPrep.IO.Readers;

namespace DataPrep.Execution;

/// <summary>The documents a parallel stage group kept from one input batch, in order, and the checkpoint mark the batch
/// carried: where reading resumes once everything up to and including this batch is written.</summary>
/// <param name="Documents">The kept documents (empty for a batch that carries only a checkpoint).</param>
/// <param name="Checkpoint">Set when the runner takes a checkpoint after this batch.</param>
internal readonly record struct KeptBatch(List<Document> Documents, InputPosition? Checkpoint);
