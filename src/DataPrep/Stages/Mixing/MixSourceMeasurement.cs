namespace DataPrep.Stages.Mixing;

/// <summary>What pass 1 measured for one source: its files, its cells (one per language found), and the input records
/// that could not be read (counted by reason; they are reported with file and line and take no part in the mix).</summary>
internal sealed class MixSourceMeasurement
{
    private readonly SortedDictionary<string, MixCellMeasurement> _cells = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _badRecords = new(StringComparer.Ordinal);

    /// <summary>Creates an empty measurement of <paramref name="source"/>.</summary>
    public MixSourceMeasurement(string source) => Source = source;

    /// <summary>Source name.</summary>
    public string Source { get; }

    /// <summary>Input files of the source.</summary>
    public int Files { get; internal set; }

    /// <summary>Files whose measurement came from the cache in the output's work folder.</summary>
    public int CachedFiles { get; internal set; }

    /// <summary>Cells by language.</summary>
    public IReadOnlyDictionary<string, MixCellMeasurement> Cells => _cells;

    /// <summary>Unreadable input records by reason code (<c>input.malformed_json</c>, …).</summary>
    public IReadOnlyDictionary<string, long> BadRecords => _badRecords;

    /// <summary>Documents read (all languages).</summary>
    public long Documents => _cells.Values.Sum(c => c.Documents);

    /// <summary>Tokens available (all languages, one pass).</summary>
    public long Tokens => _cells.Values.Sum(c => c.Tokens);

    /// <summary>The cell of <paramref name="language"/>, created empty on first use.</summary>
    public MixCellMeasurement Cell(string language)
    {
        if (!_cells.TryGetValue(language, out var cell))
        {
            cell = new MixCellMeasurement(Source, language);
            _cells.Add(language, cell);
        }
        return cell;
    }

    /// <summary>Counts <paramref name="count"/> unreadable records of <paramref name="reasonCode"/>.</summary>
    public void AddBadRecords(string reasonCode, long count)
    {
        if (count > 0)
        {
            _badRecords[reasonCode] = _badRecords.GetValueOrDefault(reasonCode) + count;
        }
    }

    /// <summary>Adds the cells and bad records of <paramref name="other"/> (another file of the same source).</summary>
    public void Add(MixSourceMeasurement other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (language, cell) in other.Cells)
        {
            Cell(language).Add(cell);
        }
        foreach (var (code, count) in other.BadRecords)
        {
            AddBadRecords(code, count);
        }
        Files += other.Files;
        CachedFiles += other.CachedFiles;
    }
}
