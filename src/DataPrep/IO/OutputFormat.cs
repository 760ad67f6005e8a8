namespace DataPrep.IO;

/// <summary>Format of kept-document output files.</summary>
public enum OutputFormat
{
    /// <summary>JSON Lines, gzip-compressed by default.</summary>
    Jsonl,

    /// <summary>Apache Parquet (Snappy-compressed columns).</summary>
    Parquet,
}
