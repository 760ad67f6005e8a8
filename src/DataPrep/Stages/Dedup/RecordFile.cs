using System.Runtime.InteropServices;

namespace DataPrep.Stages.Dedup;

/// <summary>Writes and reads flat files of fixed-size records (hashes, band entries, edges) in blocks.</summary>
internal static class RecordFile
{
    private const int BlockRecords = 4096;

    public static void WriteAll<T>(Stream stream, ReadOnlySpan<T> records) where T : unmanaged =>
        stream.Write(MemoryMarshal.AsBytes(records));

    public static void Write<T>(Stream stream, in T record) where T : unmanaged =>
        stream.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in record)));

    /// <summary>Reads every record of a file, block by block.</summary>
    public static IEnumerable<T> ReadAll<T>(string path) where T : unmanaged
    {
        using var stream = WorkFiles.OpenRead(path);
        var size = Marshal.SizeOf<T>();
        if (stream.Length % size != 0)
        {
            throw new InvalidDataException($"Dedup work file '{path}' is truncated (length {stream.Length} is not a multiple of {size}).");
        }
        var buffer = new T[BlockRecords];
        while (true)
        {
            var read = ReadBlock(stream, buffer);
            if (read == 0)
            {
                yield break;
            }
            for (var i = 0; i < read; i++)
            {
                yield return buffer[i];
            }
        }
    }

    /// <summary>Fills <paramref name="buffer"/> with whole records; returns how many (0 at the end).</summary>
    public static int ReadBlock<T>(Stream stream, T[] buffer) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(buffer.AsSpan());
        var total = 0;
        while (total < bytes.Length)
        {
            var n = stream.Read(bytes[total..]);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        var size = Marshal.SizeOf<T>();
        if (total % size != 0)
        {
            throw new InvalidDataException("Dedup work file ends inside a record.");
        }
        return total / size;
    }
}
