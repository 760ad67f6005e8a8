using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Tests.Support;

/// <summary>What one stage did to a list of documents.</summary>
public sealed record StageResult(IReadOnlyList<Document> Kept, IReadOnlyList<Rejection> Rejections, StageStats Stats)
{
    /// <summary>The single rejection's code; fails when there is not exactly one rejection.</summary>
    public string SingleCode => Assert.Single(Rejections).Reason.Code;

    public IReadOnlyList<string> KeptIds => Kept.Select(d => d.Id).ToList();
}
