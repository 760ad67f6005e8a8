using System.IO.Compression;
using System.Text.Json.Serialization;
using DataPrep.Execution;
using DataPrep.IO;
using DataPrep.Stages.Dedup;
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
/// Binding code for every options record of a config file (input, output, execution and each built-in stage's
/// options), generated at compile time by System.Text.Json's source generator: config binding and
/// <c>dataprep schema</c> need no reflection, so they start fast and work in the native (AOT) binary.
/// A new stage adds its options record here (one <c>JsonSerializable</c> line) and, when it has an enum option,
/// that enum to <c>Converters</c>; <c>OptionsJsonContextTests</c> fails naming any record or enum left out.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true,
    Converters =
    [
        typeof(ConfigEnumConverter<CompressionLevel>),
        typeof(ConfigEnumConverter<DecontaminationMode>),
        typeof(ConfigEnumConverter<ExistingOutput>),
        typeof(ConfigEnumConverter<InputFormat>),
        typeof(ConfigEnumConverter<KeepRule>),
        typeof(ConfigEnumConverter<LineUnit>),
        typeof(ConfigEnumConverter<OutputCompression>),
        typeof(ConfigEnumConverter<OutputFormat>),
        typeof(ConfigEnumConverter<PiiAction>),
        typeof(ConfigEnumConverter<PiiTagPreset>),
        typeof(ConfigEnumConverter<ShingleUnit>),
        typeof(ConfigEnumConverter<SpanBoundary>),
        typeof(ConfigEnumConverter<SubstringUnit>),
    ])]
[JsonSerializable(typeof(InputOptions))]
[JsonSerializable(typeof(OutputOptions))]
[JsonSerializable(typeof(ExecutionOptions))]
[JsonSerializable(typeof(NormalizeOptions))]
[JsonSerializable(typeof(LanguageIdOptions))]
[JsonSerializable(typeof(LanguageFilterOptions))]
[JsonSerializable(typeof(ScriptQualityOptions))]
[JsonSerializable(typeof(BlocklistOptions))]
[JsonSerializable(typeof(GopherRepetitionOptions))]
[JsonSerializable(typeof(GopherQualityOptions))]
[JsonSerializable(typeof(C4QualityOptions))]
[JsonSerializable(typeof(FineWebQualityOptions))]
[JsonSerializable(typeof(QualityClassifierOptions))]
[JsonSerializable(typeof(ExactDedupOptions))]
[JsonSerializable(typeof(StreamingExactDedupOptions))]
[JsonSerializable(typeof(MinHashDedupOptions))]
[JsonSerializable(typeof(LineDedupOptions))]
[JsonSerializable(typeof(DecontaminationOptions))]
[JsonSerializable(typeof(SubstringDedupOptions))]
[JsonSerializable(typeof(PiiScrubOptions))]
[JsonSerializable(typeof(TokenizeOptions))]
[JsonSerializable(typeof(IndexedDatasetOptions))]
[JsonSerializable(typeof(TokenRatioStageOptions))]
internal sealed partial class OptionsJsonContext : JsonSerializerContext
{
}
