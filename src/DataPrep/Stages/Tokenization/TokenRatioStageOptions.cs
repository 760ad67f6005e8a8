using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Tokenization;

/// <summary>Options of <see cref="TokenRatioStage"/> (config name <c>TokenRatio</c>).</summary>
public sealed record TokenRatioStageOptions : IValidatableOptions
{
    /// <summary>Tokenizers to compare: encoding names or paths. Default <c>[o200k_base]</c>.</summary>
    [Description("Tokenizers to compare: encoding names (r50k_base, gpt2, cl100k_base, o200k_base) or paths to a .model, a tokenizer.json or a folder.")]
    public IReadOnlyList<string> Tokenizers { get; init; } = ["o200k_base"];

    /// <summary>Path prefix of the report files (<c>PREFIX.json</c>, <c>PREFIX.html</c>, <c>PREFIX.txt</c>), relative to
    /// the working directory unless absolute; <c>_rank-NNNNN</c> is appended when the run has several shards.
    /// Default <c>reports/token-ratio</c>, inside the run's output folder.</summary>
    [Description("Path prefix of the report files (.json, .html, .txt), relative to the run's output folder; '_rank-NNNNN' is appended when the run has several shards.")]
    public string OutputPrefix { get; init; } = "reports/token-ratio";

    /// <summary>Normalise to NFC before counting (default false: counted as given, with a warning on decomposed Hangul).</summary>
    [Description("Normalise text to NFC before counting; by default text is counted as given and decomposed Hangul is reported as a warning.")]
    public bool NormalizeNfc { get; init; }

    /// <summary>Metadata field with a parallel English text. Default <c>text_en</c>.</summary>
    [Description("Metadata field holding a parallel English text (for the Korean/English token ratio).")]
    public string ParallelField { get; init; } = "text_en";

    /// <summary>Documents counted together on all cores. Default 512.</summary>
    [Description("Documents counted together on all cores.")]
    public int BatchSize { get; init; } = 512;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (Tokenizers.Count == 0 || Tokenizers.Any(string.IsNullOrWhiteSpace))
        {
            yield return new OptionProblem("tokenizers", "tokenizers must list at least one encoding name or tokenizer path, none empty.");
        }
        if (string.IsNullOrWhiteSpace(OutputPrefix))
        {
            yield return new OptionProblem("outputPrefix", "outputPrefix must not be empty: the path prefix of the report files (e.g. out/reports/token-ratio).");
        }
        if (BatchSize < 1)
        {
            yield return new OptionProblem("batchSize", $"batchSize must be at least 1 (got {BatchSize}).");
        }
    }
}
