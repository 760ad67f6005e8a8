using System.IO.Compression;
using DataPrep.IO.Gzip;
using ZstdSharp;

namespace DataPrep.IO;

/// <summary>Opens files for reading and writing with compression chosen by file extension (<c>.gz</c>, <c>.zst</c>/<c>.zstd</c>).</summary>
internal static class CompressedStreams
{
    private const int FileBufferSize = 1 << 16;

    /// <summary>Opens <paramref name="path"/> for reading, decompressing by extension. gzip files may hold several
    /// members (bgzip, pigz, DataPrep's own block-compressed output); a truncated or damaged gzip file makes the
    /// stream throw <see cref="InvalidDataException"/> instead of ending quietly. gzip goes through
    /// <see cref="GzipEngine.Current"/> (ISA-L when it loads, else zlib).</summary>
    public static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.SequentialScan);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return GzipEngine.Active.OpenRead(file);
        }
        if (path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".zstd", StringComparison.OrdinalIgnoreCase))
        {
            return new DecompressionStream(file, FileBufferSize);
        }
        return file;
    }

    /// <summary>Wraps <paramref name="file"/> in a compressor for <paramref name="compression"/>; disposing the compressor leaves <paramref name="file"/> open.</summary>
    public static Stream WrapForWrite(Stream file, OutputCompression compression, CompressionLevel level) => compression switch
    {
        OutputCompression.Gzip => new GZipStream(file, level, leaveOpen: true),
        OutputCompression.Zstd => new CompressionStream(file, ZstdLevel(level), FileBufferSize, leaveOpen: true),
        _ => file,
    };

    /// <summary>The zstd level used for <paramref name="level"/>: 1 for fastest, 3 for optimal, 19 for smallest size.</summary>
    public static int ZstdLevel(CompressionLevel level) => level switch
    {
        CompressionLevel.Fastest => 1,
        CompressionLevel.SmallestSize => 19,
        CompressionLevel.NoCompression => 1,
        _ => 3,
    };

    /// <summary>The file extension for <paramref name="compression"/> (<c>.gz</c>, <c>.zst</c> or empty).</summary>
    public static string Extension(OutputCompression compression) => compression switch
    {
        OutputCompression.Gzip => ".gz",
        OutputCompression.Zstd => ".zst",
        _ => "",
    };
}
