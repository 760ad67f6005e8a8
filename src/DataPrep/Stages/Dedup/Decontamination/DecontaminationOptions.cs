using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;
using DataPrep.Stages.Dedup.MinHash;

namespace DataPrep.Stages.Dedup.Decontamination;

/// <summary>Options of <see cref="DecontaminationStage"/> (config name <c>Decontaminate</c>).</summary>
public sealed record DecontaminationOptions : IValidatableOptions
{
    /// <summary>Benchmark files: <c>.jsonl</c> (every string value of each record, or <see cref="Fields"/>),
    /// <c>.tsv</c> (every cell), anything else plain text (every line); <c>.gz</c> is read compressed. At least one is needed to build the stage.</summary>
    [Description("Benchmark files (jsonl: string values; tsv: cells; other: lines; .gz allowed) whose n-grams must not appear in the corpus.")]
    public IReadOnlyList<string> Benchmarks { get; init; } = [];

    /// <summary>JSONL fields to read; empty (default) reads every string value, including those inside arrays.</summary>
    [Description("JSONL fields to read from benchmark records; empty reads every string value.")]
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>n-gram unit: <c>words</c> (default) or <c>chars</c> (letters/digits, spacing ignored: for Korean, with ngramSize ≈ 20).</summary>
    [Description("n-gram unit: words (default) or chars (letters and digits, spacing ignored; use ngramSize about 20 for Korean).")]
    public ShingleUnit Unit { get; init; } = ShingleUnit.Words;

    /// <summary>Units per n-gram. Default 13 (GPT-3, NeMo Curator's maximum).</summary>
    [Description("Units per n-gram; a document sharing one n-gram with a benchmark is contaminated.")]
    public int NgramSize { get; init; } = 13;

    /// <summary><c>remove</c> (default) rejects the document; <c>cut</c> removes the matching spans.</summary>
    [Description("remove: reject the document; cut: remove the matching spans and keep the rest.")]
    public DecontaminationMode Mode { get; init; } = DecontaminationMode.Remove;

    /// <summary>In cut mode, a document left with fewer non-whitespace characters than this is rejected. Default 200.</summary>
    [Description("In cut mode, a document left with fewer non-whitespace characters than this is rejected.")]
    public int MinDocChars { get; init; } = 200;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (Benchmarks.Any(string.IsNullOrWhiteSpace))
        {
            yield return new OptionProblem("benchmarks", "benchmark file names must not be empty.");
        }
        if (NgramSize < 1)
        {
            yield return new OptionProblem("ngramSize", $"must be at least 1 (got {NgramSize}).");
        }
        if (MinDocChars < 0)
        {
            yield return new OptionProblem("minDocChars", $"must not be negative (got {MinDocChars}).");
        }
    }
}
