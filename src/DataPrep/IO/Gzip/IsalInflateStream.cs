using System.Runtime.InteropServices;

namespace DataPrep.IO.Gzip;

/// <summary>
/// Decompresses a gzip file with ISA-L's streaming <c>isal_inflate</c>, member after member (bgzip, pigz,
/// <c>cat a.gz b.gz</c>, DataPrep's own block output), with the failure behaviour of <see cref="GzipMemberStream"/>:
/// a file cut short, damaged deflate data, a wrong CRC-32 or length, or bytes after a member that do not start
/// another member throw <see cref="InvalidDataException"/>; only a file ending exactly after a member ends cleanly.
/// </summary>
/// <remarks>
/// Member headers are parsed here; ISA-L inflates the deflate data and checks the trailer's CRC-32 and length
/// (<c>crc_flag = ISAL_GZIP_NO_HDR_VER</c>). Its own header parser (<c>ISAL_GZIP</c>) is not used: in 2.30, without a
/// caller-owned header struct it forgets the header flags when a header spans two calls, so a long file name or an
/// extra field followed by a name that straddles an input buffer would be read as deflate data. When a member is
/// finished ISA-L leaves the bytes after the trailer unread in <c>next_in</c>/<c>avail_in</c>: the next member.
/// </remarks>
internal sealed unsafe class IsalInflateStream : ReadOnlyStream, GzipHeader.ISource
{
    private const int InputSize = 1 << 17;
    private readonly Stream _file;
    private readonly IsalLibrary _isal;
    private byte* _state;
    private byte* _input;
    private bool _inMember;
    private bool _fileEnded;
    private bool _end;
    private long _total;

    public IsalInflateStream(Stream file, IsalLibrary isal)
    {
        _file = file;
        _isal = isal;
        _state = (byte*)NativeMemory.AlignedAlloc(IsalLibrary.InflateStateSize, 64);
        _input = (byte*)NativeMemory.AlignedAlloc(InputSize, 64);
        isal.InflateInit(_state);
    }

    ~IsalInflateStream() => Free();

    protected override long? BytesRead => _total;

    private ref byte* NextIn => ref *(byte**)(_state + IsalLibrary.INextIn);
    private ref uint AvailIn => ref IsalLibrary.Field<uint>(_state, IsalLibrary.IAvailIn);

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_state is null, this);
        if (buffer.IsEmpty || _end)
        {
            return 0;
        }
        fixed (byte* output = buffer)
        {
            while (true)
            {
                if (!_inMember)
                {
                    if (AvailIn == 0 && !Fill())
                    {
                        _end = true;
                        return 0;
                    }
                    StartMember();
                }
                IsalLibrary.Field<nint>(_state, IsalLibrary.INextOut) = (nint)output;
                IsalLibrary.Field<uint>(_state, IsalLibrary.IAvailOut) = (uint)buffer.Length;
                var availIn = AvailIn;
                var result = _isal.Inflate(_state);
                if (result < 0)
                {
                    throw new InvalidDataException($"gzip data damaged after {_total} decompressed bytes ({Describe(result)})");
                }
                var produced = buffer.Length - (int)IsalLibrary.Field<uint>(_state, IsalLibrary.IAvailOut);
                _total += produced;
                if (IsalLibrary.Field<int>(_state, IsalLibrary.IBlockState) == IsalLibrary.BlockFinish)
                {
                    FinishMember();
                    if (produced > 0)
                    {
                        return produced;
                    }
                    continue;
                }
                if (produced > 0)
                {
                    return produced;
                }
                // Nothing came out: the member needs more input than is buffered.
                if ((AvailIn == 0 || AvailIn == availIn) && !Fill())
                {
                    throw new InvalidDataException($"gzip data ends early: {_total} bytes decompressed, the last member has no end");
                }
            }
        }
    }

    // Reads a member header (at least one byte is pending) and sets ISA-L up for the deflate data after it.
    private void StartMember()
    {
        GzipHeader.Skip(this, _total);
        var next = NextIn;
        var available = AvailIn;
        _isal.InflateInit(_state);
        IsalLibrary.Field<uint>(_state, IsalLibrary.ICrcFlag) = IsalLibrary.IsalGzipNoHeaderVerify;
        NextIn = next;
        AvailIn = available;
        _inMember = true;
    }

    ReadOnlySpan<byte> GzipHeader.ISource.Pending => new(NextIn, (int)AvailIn);

    bool GzipHeader.ISource.ReadMore() => Fill();

    void GzipHeader.ISource.Skip(int count)
    {
        NextIn += count;
        AvailIn -= (uint)count;
    }

    private void FinishMember()
    {
        // ISA-L gives back whole bytes it read ahead of the trailer; bits still held would mean the next member's
        // start is lost, which this library version never does (checked by the multi-member tests).
        if (IsalLibrary.Field<int>(_state, IsalLibrary.IReadInLength) >= 8)
        {
            throw new InvalidDataException("gzip member boundary not found after a member's trailer");
        }
        _inMember = false;
    }

    /// <summary>Moves the unread input to the front of the buffer and reads more after it; false when the file has no more.</summary>
    private bool Fill()
    {
        if (_fileEnded)
        {
            return false;
        }
        var pending = (int)AvailIn;
        if (pending > 0 && NextIn != _input)
        {
            Buffer.MemoryCopy(NextIn, _input, InputSize, pending);
        }
        if (pending == InputSize)
        {
            // A full buffer that yields nothing cannot be a gzip member ISA-L would accept.
            throw new InvalidDataException($"gzip data damaged after {_total} decompressed bytes (no progress)");
        }
        var read = _file.Read(new Span<byte>(_input + pending, InputSize - pending));
        if (read == 0)
        {
            _fileEnded = true;
        }
        NextIn = _input;
        AvailIn = (uint)(pending + read);
        return read > 0;
    }

    private static string Describe(int result) => result switch
    {
        -1 => "invalid deflate block",
        -2 => "invalid deflate symbol",
        -3 => "invalid lookback distance",
        -4 => "not a gzip member header",
        -5 => "unsupported compression method",
        -6 => "wrong CRC-32 or length in member trailer",
        _ => $"isal_inflate returned {result}",
    };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }
        Free();
        base.Dispose(disposing);
    }

    private void Free()
    {
        if (_state is not null)
        {
            NativeMemory.AlignedFree(_state);
            NativeMemory.AlignedFree(_input);
            _state = null;
            _input = null;
        }
    }
}
