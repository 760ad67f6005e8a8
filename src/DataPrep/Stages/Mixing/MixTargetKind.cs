namespace DataPrep.Stages.Mixing;

/// <summary>What the keys of <c>mix.targets</c> name.</summary>
internal enum MixTargetKind
{
    /// <summary>Document languages (<c>ko</c>, <c>en</c>, <c>other</c>): each language's share of the mix's tokens.</summary>
    Language,

    /// <summary>Source names: each source's share of the mix's tokens.</summary>
    Source,
}
