using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace DataPrep.IO.Gzip;

/// <summary>
/// Decompresses a gzip file member by member and checks each member's trailer (CRC-32 and size), so a
/// multi-member file (bgzip, pigz, DataPrep's own block-compressed output, <c>cat a.gz b.gz</c>) reads to
/// its end, while a file cut short or damaged throws <see cref="InvalidDataException"/> instead of ending
/// quietly as <see cref="GZipStream"/> does.
/// </summary>
/// <remarks>
/// Each member's deflate data goes through its own <see cref="DeflateStream"/>, fed from this class's
/// buffer. The inflater does not say where its data ended, but the member's trailer is known once the
/// data is inflated (CRC-32 and length of what came out), so it is found by searching the last bytes
/// handed to the inflater for those eight bytes; the next member starts right after them.
/// </remarks>
internal sealed class GzipMemberStream : ReadOnlyStream
{
    private const int BufferSize = 1 << 16;
    private readonly Stream _file;
    private readonly Feed _feed;
    private readonly Crc32 _crc = new();
    private DeflateStream? _member;
    private long _memberLength;
    private long _total;
    private bool _end;

    public GzipMemberStream(Stream file)
    {
        _file = file;
        _feed = new Feed(file);
    }

    protected override long? BytesRead => _total;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }
        while (!_end)
        {
            if (_member is null && !StartMember())
            {
                _end = true;
                break;
            }
            var n = _member!.Read(buffer);
            if (n > 0)
            {
                _crc.Append(buffer[..n]);
                _memberLength += n;
                _total += n;
                return n;
            }
            FinishMember();
        }
        return 0;
    }

    // Reads a member header; false at the clean end of the file (no bytes after the last trailer).
    private bool StartMember()
    {
        if (!_feed.Ensure(1))
        {
            return false;
        }
        GzipHeader.Skip(_feed, _total);
        _feed.StartMember();
        _member = new DeflateStream(_feed, CompressionMode.Decompress, leaveOpen: true);
        _memberLength = 0;
        _crc.Reset();
        return true;
    }

    private void FinishMember()
    {
        if (!_feed.InflaterMayHaveFinished)
        {
            throw new InvalidDataException($"gzip data ends early: {_total} bytes decompressed, the last member has no end");
        }
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)_memberLength);
        if (!_feed.SkipPastTrailer(trailer))
        {
            throw new InvalidDataException($"gzip member trailer missing or wrong after {_total} decompressed bytes (file cut short or damaged)");
        }
        _member!.Dispose();
        _member = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _member?.Dispose();
            _file.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>
    /// The compressed bytes, buffered; serves the inflater and remembers what it handed over since the member
    /// began, so the trailer can be found in it afterwards.
    /// </summary>
    private sealed class Feed(Stream file) : ReadOnlyStream, GzipHeader.ISource
    {
        private readonly byte[] _buffer = new byte[BufferSize * 2];
        private int _start;
        private int _end;
        private int _lastServedFrom = -1;
        private bool _eof;

        public ReadOnlySpan<byte> Pending => _buffer.AsSpan(_start, _end - _start);

        // The inflater asked for more input and there was none: it cannot have reached the end of its data
        // unless the last bytes it was given hold it, which FinishMember checks through the trailer.
        public bool InflaterMayHaveFinished => _lastServedFrom >= 0;

        public void Skip(int count) => _start += count;

        public void StartMember() => _lastServedFrom = -1;

        public bool ReadMore() => Ensure(_end - _start + 1);

        /// <summary>Makes at least <paramref name="count"/> bytes pending; false when the file ends first.</summary>
        public bool Ensure(int count)
        {
            while (_end - _start < count)
            {
                if (_eof)
                {
                    return false;
                }
                Compact();
                var read = file.Read(_buffer, _end, _buffer.Length - _end);
                if (read == 0)
                {
                    _eof = true;
                }
                _end += read;
            }
            return true;
        }

        // Keeps the last chunk served to the inflater (the trailer is in it or right after it) and moves it to the front.
        private void Compact()
        {
            var keep = _lastServedFrom >= 0 ? Math.Min(_lastServedFrom, _start) : _start;
            if (keep > 0)
            {
                _buffer.AsSpan(keep, _end - keep).CopyTo(_buffer);
                _end -= keep;
                _start -= keep;
                if (_lastServedFrom >= 0)
                {
                    _lastServedFrom -= keep;
                }
            }
        }

        public override int Read(Span<byte> buffer)
        {
            if (_start == _end)
            {
                _lastServedFrom = -1;
                Ensure(1);
            }
            var n = Math.Min(Math.Min(buffer.Length, _end - _start), BufferSize);
            if (n == 0)
            {
                return 0;
            }
            _buffer.AsSpan(_start, n).CopyTo(buffer);
            _lastServedFrom = _start;
            _start += n;
            return n;
        }

        /// <summary>Finds <paramref name="trailer"/> where the last member's data may have ended and makes the bytes after it pending.</summary>
        public bool SkipPastTrailer(ReadOnlySpan<byte> trailer)
        {
            Ensure(8);
            var from = _lastServedFrom;
            // The inflater stopped somewhere in the last chunk it was given; the trailer follows right there.
            var window = _buffer.AsSpan(from, Math.Min(_end, _start + 8) - from);
            var at = window.IndexOf(trailer);
            if (at < 0)
            {
                return false;
            }
            _start = from + at + 8;
            _lastServedFrom = -1;
            return true;
        }
    }
}
