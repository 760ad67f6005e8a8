using System.Buffers;

namespace DataPrep.IO.Readers;

/// <summary>
/// Splits a byte stream into lines without decoding them. A line longer than the limit is skipped
/// as it streams by — never held whole — and reported with its length, so a 100 MB line costs no
/// 100 MB buffer.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private const int ChunkSize = 1 << 16;
    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    public Utf8LineReader(Stream stream, int maxLineBytes)
    {
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _buffer = BlockBuffers.Pool.Rent(Math.Min(maxLineBytes + 1, 1 << 20) + ChunkSize);
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Total bytes consumed so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Reads the next line (without its <c>\n</c> or <c>\r\n</c>). Returns false at the end.
    /// <paramref name="line"/> is valid until the next call; when the line was too long it is empty and
    /// <paramref name="skippedLength"/> holds its length.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out long skippedLength)
    {
        skippedLength = 0;
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = TrimCarriageReturn(pending[..newline]);
                _start += newline + 1;
                BytesRead += newline + 1;
                LineNumber++;
                line = LineNumber == 1 ? WithoutByteOrderMark(line) : line;
                if (newline > _maxLineBytes)
                {
                    skippedLength = newline;
                    line = default;
                }
                return true;
            }
            if (_eof)
            {
                if (pending.Length == 0)
                {
                    line = default;
                    return false;
                }
                line = TrimCarriageReturn(pending);
                _start = _end;
                BytesRead += pending.Length;
                LineNumber++;
                line = LineNumber == 1 ? WithoutByteOrderMark(line) : line;
                if (pending.Length > _maxLineBytes)
                {
                    skippedLength = pending.Length;
                    line = default;
                }
                return true;
            }
            if (pending.Length > _maxLineBytes)
            {
                skippedLength = SkipRestOfLine(pending.Length);
                line = default;
                LineNumber++;
                return true;
            }
            Fill();
        }
    }

    /// <summary>
    /// Goes on after <paramref name="byteOffset"/> bytes, which end line <paramref name="lineNumber"/> (where an earlier
    /// read stopped, from <see cref="BytesRead"/> and <see cref="LineNumber"/>): seeks a plain file, and reads and discards
    /// the bytes of a compressed one. Call before reading any line.
    /// </summary>
    /// <exception cref="EndOfStreamException">The content is shorter than <paramref name="byteOffset"/>.</exception>
    public void SkipTo(long byteOffset, long lineNumber)
    {
        if (BytesRead != 0 || _end != 0)
        {
            throw new InvalidOperationException("A line reader skips before it reads.");
        }
        if (_stream.CanSeek)
        {
            if (_stream.Length < byteOffset)
            {
                throw new EndOfStreamException($"The input holds {_stream.Length} bytes, fewer than the {byteOffset} to skip.");
            }
            _stream.Seek(byteOffset, SeekOrigin.Begin);
        }
        else
        {
            var left = byteOffset;
            while (left > 0)
            {
                var read = _stream.Read(_buffer, 0, (int)Math.Min(_buffer.Length, left));
                if (read == 0)
                {
                    throw new EndOfStreamException($"The input ends {left} bytes before the {byteOffset} to skip.");
                }
                left -= read;
            }
        }
        BytesRead = byteOffset;
        LineNumber = lineNumber;
    }

    // Windows tools start UTF-8 files with a byte order mark; it is not part of the first record.
    private static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> line) =>
        line.StartsWith("\uFEFF"u8) ? line[3..] : line;

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_buffer.Length - _end < ChunkSize)
        {
            var bigger = BlockBuffers.Pool.Rent(Math.Max(_buffer.Length * 2, _end + ChunkSize));
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            BlockBuffers.Pool.Return(_buffer);
            _buffer = bigger;
        }
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }
        _end += read;
    }

    // Drops what is buffered and reads on until the end of the line, counting its bytes.
    private long SkipRestOfLine(long alreadyBuffered)
    {
        var length = alreadyBuffered;
        BytesRead += alreadyBuffered;
        _start = _end = 0;
        while (true)
        {
            var read = _stream.Read(_buffer, 0, _buffer.Length);
            if (read == 0)
            {
                _eof = true;
                return length;
            }
            var newline = _buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                length += newline;
                BytesRead += newline + 1;
                _start = newline + 1;
                _end = read;
                return length;
            }
            length += read;
            BytesRead += read;
        }
    }

    public void Dispose()
    {
        BlockBuffers.Pool.Return(_buffer);
        _buffer = [];
        _stream.Dispose();
    }
}
