using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Dedup.MinHash;

/// <summary>Options of <see cref="MinHashDedupStage"/> (config name <c>MinHashDedup</c>).</summary>
/// <remarks>
/// Defaults: character 5-grams (spacing-insensitive, right for Korean), 128 permutations, 20 bands × 6
/// rows (LSH threshold ≈ (1/20)^(1/6) ≈ 0.61, so pairs at Jaccard 0.75 collide with probability 0.98 and
/// at 0.8 with 0.998), then every candidate verified by its estimated Jaccard ≥ 0.75 to cut the false
/// positives the low LSH threshold lets in. 0.75 rather than 0.8 because the 128-slot estimate has a
/// standard deviation of ≈ 0.03 near 0.85: 10% truncations (Jaccard ≈ 0.86–0.9) must not fall below the bar.
/// </remarks>
public sealed record MinHashDedupOptions : IValidatableOptions
{
    /// <summary>Shingle unit: <c>chars</c> (default; letters/digits only, spacing ignored) or <c>words</c>.</summary>
    [Description("Shingle unit: chars (letters and digits, spacing ignored; default, right for Korean) or words.")]
    public ShingleUnit ShingleUnit { get; init; } = ShingleUnit.Chars;

    /// <summary>Units per shingle. Default 5.</summary>
    [Description("Units (characters or words) per shingle.")]
    public int NgramSize { get; init; } = 5;

    /// <summary>MinHash permutations (signature length). Default 128.</summary>
    [Description("Number of MinHash permutations (signature length).")]
    public int NumPermutations { get; init; } = 128;

    /// <summary>LSH bands. Default 20.</summary>
    [Description("Number of LSH bands.")]
    public int Bands { get; init; } = 20;

    /// <summary>Signature rows per band. Default 6.</summary>
    [Description("Signature rows per LSH band; bands * rowsPerBand must not exceed numPermutations.")]
    public int RowsPerBand { get; init; } = 6;

    /// <summary>Seed of the permutations and shingle hashes; fixed so that every shard computes the same signatures. Default 1.</summary>
    [Description("Seed of the permutations and shingle hashes.")]
    public long Seed { get; init; } = 1;

    /// <summary>Jaccard similarity at or above which two documents are near-duplicates. Default 0.75.</summary>
    [Description("Jaccard similarity at or above which two documents are near-duplicates (used by verification).")]
    public double Threshold { get; init; } = 0.75;

    /// <summary>Verify each candidate pair by its estimated Jaccard (share of equal signature slots) ≥ threshold. Default true.</summary>
    [Description("Verify band-collision candidates by estimated Jaccard >= threshold before linking them.")]
    public bool Verify { get; init; } = true;

    /// <summary>Which document of a cluster is kept: <c>first</c> (default), <c>longest</c> or <c>highestQuality</c>.</summary>
    [Description("Which document of a cluster is kept: first, longest or highestQuality.")]
    public KeepRule Keep { get; init; } = KeepRule.First;

    /// <summary>Metadata key read by <c>keep: highestQuality</c>. Default <c>quality_score</c>.</summary>
    [Description("Metadata key holding the quality score used by keep: highestQuality.")]
    public string QualityKey { get; init; } = MetadataKeys.QualityScore;

    /// <summary>Write <c>minhash/clusters.part-*.jsonl</c> (ids only) under the stage's work folder. Default true.</summary>
    [Description("Write the clusters (ids and estimated Jaccard, never text) as JSONL in the work folder.")]
    public bool WriteClusters { get; init; } = true;

    /// <summary>Memory the band-bucket sort of one reduce part may use before spilling sorted runs to disk, in MiB. Default 256.</summary>
    [Description("Memory the band-bucket sort of one reduce part may use before spilling sorted runs to disk, in MiB.")]
    public int MemoryBudgetMb { get; init; } = 256;

    /// <summary>Earlier bucket members a candidate is verified against before giving up (bounds work on huge buckets). Default 32.</summary>
    [Description("Earlier members of a bucket a document is verified against before giving up (bounds work on huge buckets).")]
    public int MaxComparisonsPerBucket { get; init; } = 32;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (NgramSize < 1)
        {
            yield return new OptionProblem("ngramSize", $"must be at least 1 (got {NgramSize}).");
        }
        if (NumPermutations is < 1 or > 1024)
        {
            yield return new OptionProblem("numPermutations", $"must be between 1 and 1024 (got {NumPermutations}).");
        }
        if (Bands < 1)
        {
            yield return new OptionProblem("bands", $"must be at least 1 (got {Bands}).");
        }
        if (RowsPerBand < 1)
        {
            yield return new OptionProblem("rowsPerBand", $"must be at least 1 (got {RowsPerBand}).");
        }
        if ((long)Bands * RowsPerBand > NumPermutations)
        {
            yield return new OptionProblem("bands",
                $"bands * rowsPerBand must not exceed numPermutations (got {Bands}*{RowsPerBand} > {NumPermutations}).");
        }
        if (Threshold is <= 0 or > 1 || double.IsNaN(Threshold))
        {
            yield return new OptionProblem("threshold", $"must be in (0, 1] (got {Threshold}).");
        }
        if (string.IsNullOrWhiteSpace(QualityKey))
        {
            yield return new OptionProblem("qualityKey", "must name a metadata key.");
        }
        if (MemoryBudgetMb < 1)
        {
            yield return new OptionProblem("memoryBudgetMb", $"must be at least 1 MiB (got {MemoryBudgetMb}).");
        }
        if (MaxComparisonsPerBucket < 1)
        {
            yield return new OptionProblem("maxComparisonsPerBucket", $"must be at least 1 (got {MaxComparisonsPerBucket}).");
        }
    }
}
