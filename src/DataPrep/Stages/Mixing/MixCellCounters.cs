namespace DataPrep.Stages.Mixing;

/// <summary>What pass 2 wrote for one cell (one source's documents in one language), counted while writing.
/// <see cref="DocumentsRead"/> = <see cref="DocumentsTaken"/> + <see cref="DocumentsNotSampled"/> + <see cref="DocumentsWithoutTarget"/>.</summary>
internal sealed class MixCellCounters
{
    /// <summary>Creates zero counters for a cell.</summary>
    public MixCellCounters(string source, string language)
    {
        Source = source;
        Language = language;
    }

    /// <summary>Source name.</summary>
    public string Source { get; }

    /// <summary>Language.</summary>
    public string Language { get; }

    /// <summary>Documents read.</summary>
    public long DocumentsRead { get; set; }

    /// <summary>Documents written at least once.</summary>
    public long DocumentsTaken { get; set; }

    /// <summary>Documents whose coin left them out (the sample did not take them).</summary>
    public long DocumentsNotSampled { get; set; }

    /// <summary>Documents of a language or source with no target (left out of the mix).</summary>
    public long DocumentsWithoutTarget { get; set; }

    /// <summary>Document copies written (a document upsampled to 3 passes counts 3).</summary>
    public long Copies { get; set; }

    /// <summary>Tokens written (every copy, end-of-document tokens not counted).</summary>
    public long Tokens { get; set; }

    /// <summary>UTF-8 bytes of text written (every copy).</summary>
    public long Utf8Bytes { get; set; }

    /// <summary>True when every document read is accounted for.</summary>
    public bool Reconciled => DocumentsRead == DocumentsTaken + DocumentsNotSampled + DocumentsWithoutTarget;

    /// <summary>Adds <paramref name="other"/> (the same cell on another shard).</summary>
    public void Add(MixCellCounters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        DocumentsRead += other.DocumentsRead;
        DocumentsTaken += other.DocumentsTaken;
        DocumentsNotSampled += other.DocumentsNotSampled;
        DocumentsWithoutTarget += other.DocumentsWithoutTarget;
        Copies += other.Copies;
        Tokens += other.Tokens;
        Utf8Bytes += other.Utf8Bytes;
    }
}
