using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace DataPrep.Stages.Tokenization;

/// <summary>
/// Writes token ids as a Megatron-LM / NeMo indexed dataset: <c>PREFIX.bin</c> (the ids, little-endian, back to back)
/// and <c>PREFIX.idx</c> (header <c>MMIDIDX\0\0</c>, version 1, dtype code, sequence and document counts, then the
/// int32 sequence lengths, int64 byte pointers and int64 document indices). One document is one sequence.
/// Files are written under temporary names and renamed into place by <see cref="Commit"/>, so a reader never sees a
/// half-written dataset; disposing without committing deletes the temporary files. A dataset without a single token
/// is not written at all: its <c>.bin</c> would be a 0-byte file, which memory-mapping readers refuse.
/// </summary>
public sealed class IndexedDatasetBuilder : IDisposable
{
    /// <summary>The 9-byte magic at the start of an <c>.idx</c> file.</summary>
    public static ReadOnlySpan<byte> IndexHeader => "MMIDIDX\0\0"u8;

    private readonly string _prefix;
    private readonly string _binTemp;
    private readonly string _idxTemp;
    private readonly FileStream _bin;
    private readonly List<int> _lengths = new(4096);
    private byte[] _buffer = new byte[64 * 1024];
    private bool _committed;

    /// <summary>Starts a dataset at <paramref name="prefix"/> (without <c>.bin</c>/<c>.idx</c>).</summary>
    /// <param name="prefix">Path prefix of the two files; the folder is created.</param>
    /// <param name="vocabularySize">Largest id plus one: below 65,500 the ids are stored as uint16, otherwise int32 (Megatron's rule).</param>
    public IndexedDatasetBuilder(string prefix, int vocabularySize)
    {
        _prefix = Path.GetFullPath(prefix);
        DType = DTypeFor(vocabularySize);
        var folder = Path.GetDirectoryName(_prefix)!;
        Directory.CreateDirectory(folder);
        _binTemp = IO.TemporaryFiles.PathFor(_prefix + ".bin");
        _idxTemp = IO.TemporaryFiles.PathFor(_prefix + ".idx");
        _bin = new FileStream(_binTemp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
    }

    /// <summary>Element type of the ids.</summary>
    public IndexedDatasetDType DType { get; }

    /// <summary>Documents added so far.</summary>
    public int Documents => _lengths.Count;

    /// <summary>Tokens added so far (including end-of-document tokens).</summary>
    public long Tokens { get; private set; }

    /// <summary>Megatron's <c>DType.optimal_dtype</c>: uint16 when the vocabulary has fewer than 65,500 ids, else int32.</summary>
    public static IndexedDatasetDType DTypeFor(int vocabularySize) =>
        vocabularySize < 65_500 ? IndexedDatasetDType.UInt16 : IndexedDatasetDType.Int32;

    /// <summary>Size in bytes of one element of <paramref name="dtype"/>.</summary>
    public static int ItemSize(IndexedDatasetDType dtype) => dtype switch
    {
        IndexedDatasetDType.UInt8 or IndexedDatasetDType.Int8 => 1,
        IndexedDatasetDType.Int16 or IndexedDatasetDType.UInt16 => 2,
        IndexedDatasetDType.Int32 or IndexedDatasetDType.Float32 => 4,
        _ => 8,
    };

    /// <summary>Appends one document (one sequence): its ids, then <paramref name="endOfDocument"/> when given.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id does not fit the dtype.</exception>
    public void AddDocument(ReadOnlySpan<int> ids, int? endOfDocument = null)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        var count = ids.Length + (endOfDocument is null ? 0 : 1);
        var itemSize = ItemSize(DType);
        var needed = count * itemSize;
        if (_buffer.Length < needed)
        {
            _buffer = new byte[Math.Max(needed, _buffer.Length * 2)];
        }
        var span = _buffer.AsSpan(0, needed);
        if (DType == IndexedDatasetDType.UInt16)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span[(i * 2)..], CheckedUInt16(ids[i]));
            }
            if (endOfDocument is { } eod)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span[(ids.Length * 2)..], CheckedUInt16(eod));
            }
        }
        else
        {
            for (var i = 0; i < ids.Length; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(span[(i * 4)..], CheckedNonNegative(ids[i]));
            }
            if (endOfDocument is { } eod)
            {
                BinaryPrimitives.WriteInt32LittleEndian(span[(ids.Length * 4)..], CheckedNonNegative(eod));
            }
        }
        _bin.Write(span);
        _lengths.Add(count);
        Tokens += count;
    }

    /// <summary>Writes the index and renames both files into place (replacing an older dataset at the prefix). Without
    /// any token nothing is written, and an older dataset at the prefix is removed.</summary>
    /// <returns>True when the files were written.</returns>
    public bool Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        if (Tokens == 0)
        {
            _bin.Dispose();
            File.Delete(_binTemp);
            // The .idx goes first, so a reader never finds an index whose .bin is gone.
            File.Delete(_prefix + ".idx");
            File.Delete(_prefix + ".bin");
            _committed = true;
            return false;
        }
        _bin.Flush(flushToDisk: true);
        _bin.Dispose();
        WriteIndex();
        // The .idx goes last: a dataset is complete exactly when its index exists.
        File.Move(_binTemp, _prefix + ".bin", overwrite: true);
        File.Move(_idxTemp, _prefix + ".idx", overwrite: true);
        _committed = true;
        return true;
    }

    /// <summary>Deletes the temporary files when <see cref="Commit"/> was not called.</summary>
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }
        _bin.Dispose();
        File.Delete(_binTemp);
        File.Delete(_idxTemp);
        _committed = true;
    }

    private void WriteIndex()
    {
        using var idx = new FileStream(_idxTemp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        Span<byte> header = stackalloc byte[9 + 8 + 1 + 8 + 8];
        IndexHeader.CopyTo(header);
        BinaryPrimitives.WriteUInt64LittleEndian(header[9..], 1);
        header[17] = (byte)DType;
        BinaryPrimitives.WriteUInt64LittleEndian(header[18..], (ulong)_lengths.Count);
        BinaryPrimitives.WriteUInt64LittleEndian(header[26..], (ulong)_lengths.Count + 1);
        idx.Write(header);

        var lengths = CollectionsMarshal.AsSpan(_lengths);
        var chunk = new byte[8 * 8192];
        WriteArray(idx, chunk, lengths.Length, 4, (i, dest) => BinaryPrimitives.WriteInt32LittleEndian(dest, _lengths[i]));
        var itemSize = ItemSize(DType);
        var pointers = new long[_lengths.Count];
        long offset = 0;
        for (var i = 0; i < pointers.Length; i++)
        {
            pointers[i] = offset;
            offset += (long)_lengths[i] * itemSize;
        }
        WriteArray(idx, chunk, pointers.Length, 8, (i, dest) => BinaryPrimitives.WriteInt64LittleEndian(dest, pointers[i]));
        // Document i spans sequences [documentIndices[i], documentIndices[i + 1]): one sequence per document.
        WriteArray(idx, chunk, _lengths.Count + 1, 8, (i, dest) => BinaryPrimitives.WriteInt64LittleEndian(dest, i));
        idx.Flush(flushToDisk: true);
    }

    private static void WriteArray(FileStream stream, byte[] chunk, int count, int size, Action<int, Span<byte>> write)
    {
        var perChunk = chunk.Length / size;
        for (var start = 0; start < count; start += perChunk)
        {
            var n = Math.Min(perChunk, count - start);
            for (var i = 0; i < n; i++)
            {
                write(start + i, chunk.AsSpan(i * size, size));
            }
            stream.Write(chunk, 0, n * size);
        }
    }

    private static ushort CheckedUInt16(int id) => (uint)id <= ushort.MaxValue
        ? (ushort)id
        : throw new ArgumentOutOfRangeException(nameof(id), id, "Token id does not fit uint16; the vocabulary size was set too small.");

    private static int CheckedNonNegative(int id) => id >= 0
        ? id
        : throw new ArgumentOutOfRangeException(nameof(id), id, "Token ids must not be negative.");
}
