using System.IO.Compression;
using ZstdSharp;

namespace DataPrep.IO;

/// <summary>Opens files for reading and writing with compression chosen by file extension (<c>.gz</c>, <c>.zst</c>/<c>.zstd</c>).</summary>
public static class CompressedStreams
{
    private const int FileBufferSize = 1 << 16;

    /// <summary>Opens <paramref name="path"/> for reading, decompressing by extension. A truncated gzip file
    /// makes the stream throw <see cref="InvalidDataException"/> at its end instead of ending quietly.</summary>
    public static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.SequentialScan);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return new GzipTrailerCheckingStream(file);
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
        OutputCompression.Zstd => new CompressionStream(file, level switch
        {
            CompressionLevel.Fastest => 1,
            CompressionLevel.SmallestSize => 19,
            CompressionLevel.NoCompression => 1,
            _ => 3,
        }, FileBufferSize, leaveOpen: true),
        _ => file,
    };

    /// <summary>The file extension for <paramref name="compression"/> (<c>.gz</c>, <c>.zst</c> or empty).</summary>
    public static string Extension(OutputCompression compression) => compression switch
    {
        OutputCompression.Gzip => ".gz",
        OutputCompression.Zstd => ".zst",
        _ => "",
    };

    /// <summary>
    /// .NET's GZipStream ends quietly when a file is cut short. The gzip trailer's last four bytes hold
    /// the uncompressed size mod 2³², so comparing it with what was decompressed catches truncation
    /// (a cut file ends in compressed data, which matches by chance once in 2³²). Multi-member files
    /// (bgzip) carry the size of their last member only and are reported as truncated: see README.
    /// </summary>
    private sealed class GzipTrailerCheckingStream : Stream
    {
        private readonly FileStream _file;
        private readonly GZipStream _gzip;
        private long _total;
        private bool _checked;

        public GzipTrailerCheckingStream(FileStream file)
        {
            _file = file;
            _gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _total; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = _gzip.Read(buffer);
            _total += n;
            if (n == 0 && buffer.Length > 0 && !_checked)
            {
                _checked = true;
                CheckTrailer();
            }
            return n;
        }

        private void CheckTrailer()
        {
            var length = _file.Length;
            if (length == 0)
            {
                return;
            }
            if (length < 18)
            {
                throw new InvalidDataException("gzip file shorter than its header and trailer");
            }
            Span<byte> trailer = stackalloc byte[4];
            _file.Position = length - 4;
            _file.ReadExactly(trailer);
            var size = BitConverter.ToUInt32(trailer);
            if (size != (uint)_total)
            {
                throw new InvalidDataException($"gzip data ends early: {_total} bytes decompressed, trailer says {size} (mod 2^32)");
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _gzip.Dispose();
                _file.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
