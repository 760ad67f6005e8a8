using System.ComponentModel;
using System.IO.Compression;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.IO;

/// <summary>The <c>output:</c> section: where kept documents, rejects, stats and markers go.</summary>
public sealed record OutputOptions : IValidatableOptions
{
    /// <summary>Output folder. <c>--output</c> replaces it.</summary>
    [Description("Output folder: kept shards, rejected/, stats.json, stats/, done/, work/. --output replaces it.")]
    public string? Path { get; init; }

    /// <summary>Format of kept documents. Default jsonl.</summary>
    [Description("jsonl or parquet.")]
    public OutputFormat Format { get; init; } = OutputFormat.Jsonl;

    /// <summary>Compression of JSONL files. Default gzip.</summary>
    [Description("gzip, zstd or none (JSONL output and rejects).")]
    public OutputCompression Compression { get; init; } = OutputCompression.Gzip;

    /// <summary>Compression level. Default fastest: gzip at its default level writes ~30–50 MB/s per core and would
    /// be the pipeline's bottleneck; fastest is several times quicker for files ~15% larger.</summary>
    [Description("fastest, optimal or smallestSize. fastest keeps compression off the critical path.")]
    public CompressionLevel CompressionLevel { get; init; } = CompressionLevel.Fastest;

    /// <summary>Uncompressed size at which a new output file is started. Default 512 MiB. JSONL parts end on block
    /// boundaries (blocks of at most 1 MiB of text, compressed independently), so a part may run past this by less than a block.</summary>
    [Description("Start a new output file after this many uncompressed megabytes (MiB).")]
    public int MaxFileMegabytes { get; init; } = 512;

    /// <summary>Name of the text field in written documents; default: the input's text field.</summary>
    [Description("Name of the text field in written documents (default: input.textField).")]
    public string? TextField { get; init; }

    /// <summary>Name of the id field in written documents; default: the input's id field.</summary>
    [Description("Name of the id field in written documents (default: input.idField).")]
    public string? IdField { get; init; }

    /// <summary>Write rejected documents to <c>rejected/</c>. Default true.</summary>
    [Description("Write every rejected document (id, stage, reason, detail, duplicate_of, source) to rejected/.")]
    public bool WriteRejected { get; init; } = true;

    /// <summary>Include the text and metadata of rejected documents (never for reasons marked sensitive). Default true.</summary>
    [Description("Include text and metadata in rejected/ records (never for sensitive reasons such as PII).")]
    public bool RejectedText { get; init; } = true;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (MaxFileMegabytes < 1)
        {
            yield return new OptionProblem("maxFileMegabytes", $"must be at least 1 (got {MaxFileMegabytes}).");
        }
    }
}
