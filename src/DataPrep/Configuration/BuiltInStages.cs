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
/// keeps its constructor and rejection reasons in a trimmed build. A new stage adds one
/// <c>.AddBuiltIn("ConfigName", () => StageDescriptor.For&lt;TheStage&gt;())</c> line here (and its options record to <c>OptionsJsonContext</c>);
/// <c>BuiltInStagesTests</c> fails naming any <see cref="StageAttribute"/> class that is missing or listed under another name.
/// </summary>
/// <remarks>The config name is written here as well as in the attribute so that finding a stage by name loads no stage
/// class: a run describes only the stages its config uses (loading all twenty classes, reading their attributes and running
/// their static constructors cost ~40 ms of every start-up of the precompiled tool).</remarks>
internal static class BuiltInStages
{
    public static StageRegistry AddTo(StageRegistry registry) => registry
        // 0. normalisation
        .AddBuiltIn("Normalize", () => StageDescriptor.For<NormalizeStage>())
        // 1. quality filtering
        .AddBuiltIn("LanguageId", () => StageDescriptor.For<LanguageIdAnnotator>())
        .AddBuiltIn("Language", () => StageDescriptor.For<LanguageFilter>())
        .AddBuiltIn("ScriptQuality", () => StageDescriptor.For<ScriptQualityFilter>())
        .AddBuiltIn("Blocklist", () => StageDescriptor.For<BlocklistFilter>())
        .AddBuiltIn("GopherRepetition", () => StageDescriptor.For<GopherRepetitionFilter>())
        .AddBuiltIn("GopherQuality", () => StageDescriptor.For<GopherQualityFilter>())
        .AddBuiltIn("C4Quality", () => StageDescriptor.For<C4QualityFilter>())
        .AddBuiltIn("FineWebQuality", () => StageDescriptor.For<FineWebQualityFilter>())
        .AddBuiltIn("QualityClassifier", () => StageDescriptor.For<QualityClassifierFilter>())
        // 2. deduplication
        .AddBuiltIn("ExactDedup", () => StageDescriptor.For<ExactDedupStage>())
        .AddBuiltIn("StreamingExactDedup", () => StageDescriptor.For<StreamingExactDedupStage>())
        .AddBuiltIn("MinHashDedup", () => StageDescriptor.For<MinHashDedupStage>())
        .AddBuiltIn("LineDedup", () => StageDescriptor.For<LineDedupStage>())
        .AddBuiltIn("Decontaminate", () => StageDescriptor.For<DecontaminationStage>())
        .AddBuiltIn("SubstringDedup", () => StageDescriptor.For<SubstringDedupStage>())
        // 3. PII scrubbing
        .AddBuiltIn("PiiScrub", () => StageDescriptor.For<PiiScrubber>())
        // 4. tokenization
        .AddBuiltIn("Tokenize", () => StageDescriptor.For<TokenizeStage>())
        .AddBuiltIn("IndexedDataset", () => StageDescriptor.For<IndexedDatasetWriter>())
        .AddBuiltIn("TokenRatio", () => StageDescriptor.For<TokenRatioStage>());
}
