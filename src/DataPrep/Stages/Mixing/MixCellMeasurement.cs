namespace DataPrep.Stages.Mixing;

/// <summary>What pass 1 measured for one cell of a mix — the documents of one source in one language: documents,
/// tokens, UTF-8 bytes and the <see cref="TokenHistogram"/> of tokens by sampling coin.</summary>
internal sealed class MixCellMeasurement
{
    /// <summary>Creates an empty cell.</summary>
    public MixCellMeasurement(string source, string language)
        : this(source, language, 0, 0, 0, new TokenHistogram())
    {
    }

    /// <summary>Creates a cell from stored values.</summary>
    internal MixCellMeasurement(string source, string language, long documents, long tokens, long utf8Bytes, TokenHistogram histogram)
    {
        Source = source;
        Language = language;
        Documents = documents;
        Tokens = tokens;
        Utf8Bytes = utf8Bytes;
        Histogram = histogram;
    }

    /// <summary>Source name.</summary>
    public string Source { get; }

    /// <summary>Language (<see cref="MixLanguages.Known"/>).</summary>
    public string Language { get; }

    /// <summary>Documents available.</summary>
    public long Documents { get; private set; }

    /// <summary>Tokens available (one pass).</summary>
    public long Tokens { get; private set; }

    /// <summary>UTF-8 bytes of text available.</summary>
    public long Utf8Bytes { get; private set; }

    /// <summary>Tokens and documents by coin.</summary>
    internal TokenHistogram Histogram { get; }

    /// <summary>Counts one document.</summary>
    public void Add(ulong coin, long tokens, long utf8Bytes)
    {
        Documents++;
        Tokens += tokens;
        Utf8Bytes += utf8Bytes;
        Histogram.Add(coin, tokens);
    }

    /// <summary>Adds everything <paramref name="other"/> counted.</summary>
    public void Add(MixCellMeasurement other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Documents += other.Documents;
        Tokens += other.Tokens;
        Utf8Bytes += other.Utf8Bytes;
        Histogram.Add(other.Histogram);
    }
}
