namespace DataPrep.IO;

/// <summary>Compression of JSONL output files.</summary>
public enum OutputCompression
{
    /// <summary>gzip (<c>.jsonl.gz</c>), the default: every tool reads it.</summary>
    Gzip,

    /// <summary>Zstandard (<c>.jsonl.zst</c>): faster and smaller.</summary>
    Zstd,

    /// <summary>No compression (<c>.jsonl</c>).</summary>
    None,
}
