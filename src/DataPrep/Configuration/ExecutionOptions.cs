using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Configuration;

/// <summary>The <c>execution:</c> section: how one process uses its machine.</summary>
public sealed record ExecutionOptions : IValidatableOptions
{
    /// <summary>Worker threads for per-document stages; 0 means one per core. Default 0.</summary>
    [Description("Worker threads for per-document stages; 0 = one per core.")]
    public int Threads { get; init; }

    /// <summary>Documents per batch handed to a worker. Default 512 (short documents such as reviews would drown in per-item overhead).</summary>
    [Description("Most documents per batch handed to a worker thread.")]
    public int BatchDocuments { get; init; } = 512;

    /// <summary>Most text per batch, counted in UTF-8 bytes (so without decoding it). Default 1,048,576.</summary>
    [Description("Most text per batch handed to a worker thread, in UTF-8 bytes.")]
    public int BatchCharacters { get; init; } = 1 << 20;

    /// <summary>Batches in flight per parallel section; bounds memory to about threads × this × batch size. Default 4 per thread.</summary>
    [Description("Batches in flight per worker thread; with the batch size this bounds memory.")]
    public int BatchesInFlightPerThread { get; init; } = 4;

    /// <summary>Stop at the first bad input record instead of counting it and going on. Default false (<c>--strict</c> sets it).</summary>
    [Description("Stop at the first bad input record (--strict) instead of counting it as input.* and going on.")]
    public bool Strict { get; init; }

    /// <summary>What to do with an output folder that holds a run already: resume it if it is the same run, else refuse
    /// (default); overwrite it; or force-resume it although its input or options changed.</summary>
    [Description("An output folder holding a run: resume (refuse if input or options changed), overwrite (delete, start fresh) or forceResume.")]
    public ExistingOutput ExistingOutput { get; init; }

    /// <summary>Input between checkpoints inside a file, in MiB of its (decompressed) content; 0 turns checkpoints off.
    /// Default 64. A run killed inside a large file resumes from its last checkpoint instead of the file's start, with the
    /// same output; parts with corpus-wide or stateful stages, or Parquet output, restart from their beginning instead.</summary>
    [Description("MiB of a file's input between checkpoints, so a killed run resumes inside the file (0 = off; fractions allowed).")]
    public double CheckpointMegabytes { get; init; } = 64;

    /// <summary>The thread count to use.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (Threads < 0)
        {
            yield return new OptionProblem("threads", $"must be 0 (all cores) or more (got {Threads}).");
        }
        if (BatchDocuments < 1)
        {
            yield return new OptionProblem("batchDocuments", $"must be at least 1 (got {BatchDocuments}).");
        }
        if (BatchCharacters < 1)
        {
            yield return new OptionProblem("batchCharacters", $"must be at least 1 (got {BatchCharacters}).");
        }
        if (!(CheckpointMegabytes >= 0) || double.IsInfinity(CheckpointMegabytes))
        {
            yield return new OptionProblem("checkpointMegabytes", $"must be 0 (no checkpoints) or more MiB (got {CheckpointMegabytes}).");
        }
        if (BatchesInFlightPerThread < 1)
        {
            yield return new OptionProblem("batchesInFlightPerThread", $"must be at least 1 (got {BatchesInFlightPerThread}).");
        }
    }
}
