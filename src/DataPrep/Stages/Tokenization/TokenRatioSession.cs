using DataPrep.Documents;
using DataPrep.Tokenizers;

namespace DataPrep.Stages.Tokenization;

/// <summary>An incremental <see cref="TokenRatioReport"/>: documents are added in batches (each batch on all cores),
/// then <see cref="Complete"/> gives the result. Not for concurrent <see cref="Add"/> calls.</summary>
internal sealed class TokenRatioSession
{
    private readonly TokenRatioReport _report;

    internal TokenRatioSession(TokenRatioReport report, ITextTokenizer[] tokenizers, TokenRatioAccumulator total)
    {
        _report = report;
        Tokenizers = tokenizers;
        Total = total;
    }

    internal ITextTokenizer[] Tokenizers { get; }

    internal TokenRatioAccumulator Total { get; }

    /// <summary>Counts a batch of documents.</summary>
    public void Add(IReadOnlyList<Document> batch) => _report.AddBatch(this, batch);

    /// <summary>The report over every document added so far.</summary>
    public TokenRatioResult Complete() => _report.Build(Tokenizers, Total);
}
