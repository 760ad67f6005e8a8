using System.Buffers.Binary;

namespace DataPrep.IO.Gzip;

/// <summary>
/// The header of a gzip member (RFC 1952, section 2.3: fixed part, then the optional extra field, file name, comment and
/// header CRC), skipped the same way by both decompressing streams (zlib's and ISA-L's); only the deflate data after it
/// goes to the inflater.
/// </summary>
internal static class GzipHeader
{
    /// <summary>Where a header is read from: the bytes a stream has buffered, and a way to buffer more.</summary>
    internal interface ISource
    {
        /// <summary>The buffered bytes not yet consumed.</summary>
        ReadOnlySpan<byte> Pending { get; }

        /// <summary>Buffers more bytes after the pending ones; false when the file has no more.</summary>
        bool ReadMore();

        /// <summary>Consumes <paramref name="count"/> pending bytes.</summary>
        void Skip(int count);
    }

    /// <summary>Skips one member header. A header that is not gzip's (magic bytes, deflate method) or that the file cuts
    /// short throws <see cref="InvalidDataException"/>; <paramref name="decompressed"/> (bytes so far) goes in the message.</summary>
    public static void Skip(ISource source, long decompressed)
    {
        Require(source, 10, "fixed part", decompressed);
        var header = source.Pending;
        if (header[0] != 0x1F || header[1] != 0x8B || header[2] != 8)
        {
            throw new InvalidDataException($"not a gzip member header after {decompressed} decompressed bytes");
        }
        var flags = header[3];
        source.Skip(10);
        if ((flags & 4) != 0)
        {
            Require(source, 2, "extra field length", decompressed);
            int extra = BinaryPrimitives.ReadUInt16LittleEndian(source.Pending);
            source.Skip(2);
            while (extra > 0)
            {
                Require(source, 1, "extra field", decompressed);
                var n = Math.Min(extra, source.Pending.Length);
                source.Skip(n);
                extra -= n;
            }
        }
        if ((flags & 8) != 0)
        {
            SkipZeroTerminated(source, "file name", decompressed);
        }
        if ((flags & 16) != 0)
        {
            SkipZeroTerminated(source, "comment", decompressed);
        }
        if ((flags & 2) != 0)
        {
            Require(source, 2, "header CRC", decompressed);
            source.Skip(2);
        }
    }

    private static void Require(ISource source, int count, string what, long decompressed)
    {
        while (source.Pending.Length < count)
        {
            if (!source.ReadMore())
            {
                throw new InvalidDataException($"gzip data ends inside a member header ({what}) after {decompressed} bytes");
            }
        }
    }

    private static void SkipZeroTerminated(ISource source, string what, long decompressed)
    {
        while (true)
        {
            Require(source, 1, what, decompressed);
            var pending = source.Pending;
            var zero = pending.IndexOf((byte)0);
            if (zero >= 0)
            {
                source.Skip(zero + 1);
                return;
            }
            source.Skip(pending.Length);
        }
    }
}
