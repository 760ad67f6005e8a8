namespace DataPrep.Stages.Quality;

/// <summary>A stage whose rejections are its table of quality rules; the what-if report sweeps the same table.</summary>
internal interface IQualityRules
{
    /// <summary>The stage's rules, in the order it checks them, with the thresholds in effect.</summary>
    QualityRuleTable QualityRules { get; }
}
