namespace DataPrep.Stages.Mixing;

/// <summary>
/// The sampling plan of one cell (one source's documents in one language): every document is written
/// <see cref="FullPasses"/> times, plus once more when its coin (<see cref="MixHash"/>) is below <see cref="Threshold"/>.
/// </summary>
/// <param name="Source">Source name.</param>
/// <param name="Language">Language of the cell's documents.</param>
/// <param name="Target">Target key the cell counts towards (the language or the source), or null when it has no
/// target (its documents are left out of the mix).</param>
/// <param name="Documents">Documents available.</param>
/// <param name="Tokens">Tokens available in one pass.</param>
/// <param name="MaxEpochs">The source's epoch cap.</param>
/// <param name="Rate">Planned tokens ÷ available tokens: below 1 a sample, above 1 upsampling (epochs).</param>
/// <param name="FullPasses">Copies of every document (the whole part of the rate).</param>
/// <param name="Threshold">Coins below this value get one more copy (the fractional part, chosen on the token
/// histogram so the fraction holds the wanted tokens).</param>
/// <param name="ExpectedTokens">Tokens the plan expects to write.</param>
/// <param name="ExpectedDocuments">Distinct documents the plan expects to write at least once.</param>
/// <param name="ExpectedCopies">Document copies the plan expects to write.</param>
internal sealed record MixCellPlan(
    string Source,
    string Language,
    string? Target,
    long Documents,
    long Tokens,
    double MaxEpochs,
    double Rate,
    int FullPasses,
    ulong Threshold,
    double ExpectedTokens,
    double ExpectedDocuments,
    double ExpectedCopies)
{
    /// <summary>Copies of a document with coin <paramref name="coin"/>.</summary>
    public int CopiesOf(ulong coin) => FullPasses + (coin < Threshold ? 1 : 0);
}
