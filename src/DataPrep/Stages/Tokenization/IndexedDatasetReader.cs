using System.Buffers.Binary;

namespace DataPrep.Stages.Tokenization;

/// <summary>
/// Reads a Megatron-LM / NeMo indexed dataset (<c>PREFIX.idx</c> + <c>PREFIX.bin</c>) as written by
/// <see cref="IndexedDatasetBuilder"/> or Megatron's own tools: the index is read whole, sequences on demand.
/// </summary>
public sealed class IndexedDatasetReader
{
    private readonly string _binPath;

    private IndexedDatasetReader(string prefix, IndexedDatasetDType dtype, int[] lengths, long[] pointers, long[] documentIndices)
    {
        _binPath = prefix + ".bin";
        DType = dtype;
        SequenceLengths = lengths;
        SequencePointers = pointers;
        DocumentIndices = documentIndices;
    }

    /// <summary>Element type of the ids.</summary>
    public IndexedDatasetDType DType { get; }

    /// <summary>Number of elements of each sequence.</summary>
    public IReadOnlyList<int> SequenceLengths { get; }

    /// <summary>Byte offset of each sequence in the <c>.bin</c> file.</summary>
    public IReadOnlyList<long> SequencePointers { get; }

    /// <summary>Document boundaries: document i is sequences [DocumentIndices[i], DocumentIndices[i+1]).</summary>
    public IReadOnlyList<long> DocumentIndices { get; }

    /// <summary>Opens the dataset at <paramref name="prefix"/>.</summary>
    /// <exception cref="InvalidDataException">The index is not an MMIDIDX version-1 file.</exception>
    public static IndexedDatasetReader Open(string prefix)
    {
        var data = File.ReadAllBytes(prefix + ".idx");
        var span = data.AsSpan();
        if (span.Length < 34 || !span[..9].SequenceEqual(IndexedDatasetBuilder.IndexHeader))
        {
            throw new InvalidDataException($"'{prefix}.idx' is not a Megatron indexed dataset index (bad header).");
        }
        var version = BinaryPrimitives.ReadUInt64LittleEndian(span[9..]);
        if (version != 1)
        {
            throw new InvalidDataException($"'{prefix}.idx' has version {version}; only version 1 is supported.");
        }
        var dtype = (IndexedDatasetDType)span[17];
        var sequences = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(span[18..]));
        var documents = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(span[26..]));
        var position = 34;
        var expected = position + (sequences * 4L) + (sequences * 8L) + (documents * 8L);
        if (span.Length < expected)
        {
            throw new InvalidDataException($"'{prefix}.idx' is truncated ({span.Length} bytes, {expected} expected).");
        }
        var lengths = new int[sequences];
        for (var i = 0; i < sequences; i++, position += 4)
        {
            lengths[i] = BinaryPrimitives.ReadInt32LittleEndian(span[position..]);
        }
        var pointers = new long[sequences];
        for (var i = 0; i < sequences; i++, position += 8)
        {
            pointers[i] = BinaryPrimitives.ReadInt64LittleEndian(span[position..]);
        }
        var documentIndices = new long[documents];
        for (var i = 0; i < documents; i++, position += 8)
        {
            documentIndices[i] = BinaryPrimitives.ReadInt64LittleEndian(span[position..]);
        }
        return new IndexedDatasetReader(prefix, dtype, lengths, pointers, documentIndices);
    }

    /// <summary>Reads the ids of sequence <paramref name="index"/>.</summary>
    public int[] ReadSequence(int index)
    {
        var length = SequenceLengths[index];
        var itemSize = IndexedDatasetBuilder.ItemSize(DType);
        var bytes = new byte[length * itemSize];
        using (var bin = File.OpenRead(_binPath))
        {
            bin.Position = SequencePointers[index];
            bin.ReadExactly(bytes);
        }
        var ids = new int[length];
        for (var i = 0; i < length; i++)
        {
            ids[i] = DType switch
            {
                IndexedDatasetDType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i * 2)),
                IndexedDatasetDType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4)),
                _ => throw new NotSupportedException($"Reading dtype {DType} is not supported."),
            };
        }
        return ids;
    }
}
