using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.IO.Readers;

/// <summary>The reader of a file whose name promises a format its bytes do not have: one bad-input record naming the
/// file and what it starts with, no documents.</summary>
internal sealed class MislabelledFileReader(RejectionReason reason, string detail) : IDocumentReader
{
    /// <inheritdoc />
    public IEnumerable<Document> Read(InputFile file, InputContext context, CancellationToken cancellationToken)
    {
        context.ReportBadRecord(reason, file, 0, detail);
        return [];
    }
}
