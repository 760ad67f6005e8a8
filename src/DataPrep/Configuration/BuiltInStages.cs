using DataPrep.Pipeline;
using DataPrep.Stages.Dedup.Decontamination;
using DataPrep.Stages.Dedup.Exact;
using DataPrep.Stages.Dedup.Lines;
using DataPrep.Stages.Dedup.MinHash;
using DataPrep.Stages.Dedup.Substring;
using DataPrep.Stages.Normalize;
using DataPrep.Stages.Pii;
using DataPrep.Stages.Quality;
using DataPrep.Stages.Tokenization;

namespace DataPrep.Configuration;

/// <summary>
/// Every stage built into DataPrep, one line each, in the paper's order. An explicit list rather than a scan of the
/// assembly for <see cref="StageAttribute"/>: the native (AOT) binary cannot enumerate types, and naming each stage
/// keeps its constructor and rejection reasons in a trimmed build. A new stage adds one <c>.Add&lt;TheStage&gt;()</c>
/// line here (and its options record to <c>OptionsJsonContext</c>); <c>BuiltInStagesTests</c> fails naming any
/// <see cref="StageAttribute"/> class that is missing.
/// </summary>
internal static class BuiltInStages
{
    public static StageRegistry AddTo(StageRegistry registry) => registry
        // 0. normalisation
        .Add<NormalizeStage>()
        // 1. quality filtering
        .Add<LanguageIdAnnotator>()
        .Add<LanguageFilter>()
        .Add<ScriptQualityFilter>()
        .Add<BlocklistFilter>()
        .Add<GopherRepetitionFilter>()
        .Add<GopherQualityFilter>()
        .Add<C4QualityFilter>()
        .Add<FineWebQualityFilter>()
        .Add<QualityClassifierFilter>()
        // 2. deduplication
        .Add<ExactDedupStage>()
        .Add<StreamingExactDedupStage>()
        .Add<MinHashDedupStage>()
        .Add<LineDedupStage>()
        .Add<DecontaminationStage>()
        .Add<SubstringDedupStage>()
        // 3. PII scrubbing
        .Add<PiiScrubber>()
        // 4. tokenization
        .Add<TokenizeStage>()
        .Add<IndexedDatasetWriter>()
        .Add<TokenRatioStage>();
}
