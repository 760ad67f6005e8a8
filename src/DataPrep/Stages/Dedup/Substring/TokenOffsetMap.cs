using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DataPrep.Stages.Dedup.Substring;

/// <summary>
/// Maps cut token ranges of the token unit back to UTF-8 byte ranges of the document text, through the file of
/// token start offsets the observe pass wrote per shard (int32 per token, documents one after another). Only the
/// documents with cuts are read, each with one positioned read.
/// </summary>
internal sealed class TokenOffsetMap : IDisposable
{
    /// <summary>File kind of the per-shard token offsets, beside the text and extents.</summary>
    public const string Kind = "tokenoffsets";

    private readonly SafeFileHandle _file;
    private readonly long[] _firstToken;
    private int[] _offsets = new int[1024];
    private int _count;
    private int _length;

    /// <summary>Opens the offsets of shard <paramref name="rank"/>, whose documents are <paramref name="extents"/> (in codes).</summary>
    public TokenOffsetMap(string folder, int rank, int worldSize, ReadOnlySpan<DocExtent> extents)
    {
        _file = File.OpenHandle(WorkFiles.Require(PathOf(folder, rank, worldSize)));
        _firstToken = new long[extents.Length];
        long tokens = 0;
        for (var d = 0; d < extents.Length; d++)
        {
            _firstToken[d] = tokens;
            tokens += extents[d].Length / TokenCodes.BytesPerToken;
        }
    }

    /// <summary>Path of the offsets file of one shard.</summary>
    public static string PathOf(string folder, int rank, int worldSize) => SubstringFiles.Of(folder, Kind, rank, worldSize);

    /// <summary>Writes one document's token start offsets.</summary>
    public static void Write(Stream output, ReadOnlySpan<int> offsets) => output.Write(MemoryMarshal.AsBytes(offsets));

    /// <summary>Loads the offsets of document <paramref name="localIndex"/> (<paramref name="extent"/>, <paramref name="length"/>
    /// UTF-8 bytes now) and turns its token <paramref name="ranges"/> into byte ranges in place.</summary>
    public void ToByteRanges(long localIndex, DocExtent extent, int length, List<(int Start, int End)> ranges)
    {
        _count = (int)(extent.Length / TokenCodes.BytesPerToken);
        _length = length;
        if (_offsets.Length < _count)
        {
            _offsets = new int[Math.Max(_count, _offsets.Length * 2)];
        }
        var bytes = MemoryMarshal.AsBytes(_offsets.AsSpan(0, _count));
        var position = _firstToken[localIndex] * sizeof(int);
        for (var done = 0; done < bytes.Length;)
        {
            var read = RandomAccess.Read(_file, bytes[done..], position + done);
            if (read == 0)
            {
                throw new InvalidDataException($"The token offsets file ends before document {localIndex} of its shard.");
            }
            done += read;
        }
        if (_count > 0 && _offsets[_count - 1] >= length)
        {
            throw new InvalidOperationException(
                $"Document {localIndex} of its shard has {length} UTF-8 bytes in the decision pass, fewer than its tokens covered in the observe pass.");
        }
        for (var i = 0; i < ranges.Count; i++)
        {
            var (start, end) = ranges[i];
            ranges[i] = (_offsets[start], EndOf(end - 1));
        }
    }

    /// <summary>Tokens of the document last loaded that lie wholly inside the byte range <c>[from, to)</c>.</summary>
    public int CountWithin(int from, int to)
    {
        var offsets = _offsets.AsSpan(0, _count);
        var first = LowerBound(offsets, from);
        var last = LowerBound(offsets, to);
        if (first >= last)
        {
            return 0;
        }
        // Tokens first..last-1 start inside the range; all but perhaps the last also end inside it.
        return last - first - (EndOf(last - 1) > to ? 1 : 0);
    }

    public void Dispose() => _file.Dispose();

    private int EndOf(int token) => token + 1 < _count ? _offsets[token + 1] : _length;

    private static int LowerBound(ReadOnlySpan<int> sorted, int value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
