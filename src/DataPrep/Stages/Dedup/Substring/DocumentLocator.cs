namespace DataPrep.Stages.Dedup.Substring;

/// <summary>
/// Finds which document of a shard holds a byte of the shard's text. A table of the first document of every
/// 4 KiB page narrows the binary search to the few documents of one page, so the lookup done for every repeated
/// window stays cheap: the search reads a dense array of start offsets (eight to a cache line), not the extents.
/// </summary>
internal sealed class DocumentLocator
{
    private const int PageBits = 12;
    private readonly DocExtent[] _documents;
    private readonly long[] _starts;
    private readonly int[] _firstOfPage;

    public DocumentLocator(DocExtent[] documents, long textLength)
    {
        _documents = documents;
        _starts = new long[documents.Length];
        for (var i = 0; i < documents.Length; i++)
        {
            _starts[i] = documents[i].Start;
        }
        _firstOfPage = new int[(textLength >> PageBits) + 2];
        var d = 0;
        for (var page = 0; page < _firstOfPage.Length; page++)
        {
            var pageStart = (long)page << PageBits;
            while (d + 1 < documents.Length && documents[d + 1].Start <= pageStart)
            {
                d++;
            }
            _firstOfPage[page] = d;
        }
    }

    public ReadOnlySpan<DocExtent> Documents => _documents;

    /// <summary>Where document <paramref name="index"/> starts in the shard's text.</summary>
    public long StartOf(int index) => _starts[index];

    /// <summary>Index of the document whose text (or separator) holds byte <paramref name="offset"/>.</summary>
    public int IndexOf(long offset)
    {
        var page = (int)(offset >> PageBits);
        var low = _firstOfPage[page];
        var high = _firstOfPage[page + 1];
        while (low < high)
        {
            var middle = (low + high + 1) >> 1;
            if (_starts[middle] <= offset)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        return low;
    }
}
