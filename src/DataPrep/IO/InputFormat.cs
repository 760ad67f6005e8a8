namespace DataPrep.IO;

/// <summary>Format of input files.</summary>
public enum InputFormat
{
    /// <summary>Chosen from the file name: <c>.parquet</c> is Parquet, <c>.txt</c>/<c>.md</c> plain text, anything else JSONL.</summary>
    Auto,

    /// <summary>One JSON object per line, optionally <c>.gz</c> or <c>.zst</c> compressed.</summary>
    Jsonl,

    /// <summary>Apache Parquet.</summary>
    Parquet,

    /// <summary>Plain text: one document per file.</summary>
    Text,
}
