using DataPrep.IO.Readers;
using DataPrep.IO.Writers;

namespace DataPrep.Execution;

/// <summary>What <see cref="ShardWriter"/> needs to take checkpoints and resume from one: where an earlier attempt's output
/// stood and the documents it had not yet written, what to do when a checkpoint mark has been written, and what to do
/// just before the outputs are renamed into place.</summary>
/// <param name="ResumeOutput">The output files of the checkpoint to resume from, or null to start fresh.</param>
/// <param name="Pending">Documents of that checkpoint that open the first block.</param>
/// <param name="Take">Called on the writer's thread when everything before a mark is written (output flushed to disk).</param>
/// <param name="BeforeCommit">Called before the outputs are renamed into place (the checkpoint must not outlive them).</param>
internal sealed record WriterCheckpointing(
    DocumentWriterCheckpoint? ResumeOutput,
    PendingDocuments Pending,
    Action<InputPosition, DocumentWriterCheckpoint, PendingDocuments> Take,
    Action BeforeCommit);
