using System.Runtime.InteropServices;

namespace DataPrep.IO.Gzip;

/// <summary>
/// The few entry points of Intel ISA-L's igzip (<c>libisal.so.2</c>) that DataPrep uses, resolved once as
/// unmanaged function pointers (no DllImport resolver: another package in the process may own that hook).
/// </summary>
/// <remarks>
/// The C structs are large and mostly private, so they live in native memory, allocated with slack, and only
/// the public fields DataPrep touches are read or written, at the offsets below. They were checked with
/// <c>offsetof</c>/<c>sizeof</c> against <c>/usr/include/isa-l/igzip_lib.h</c> of ISA-L 2.30 (the program and
/// its output are in bench/results/gzip.md); the soname (<c>.so.2</c>) fixes that layout. <see cref="GzipEngine"/>
/// still round-trips a sample through these offsets before trusting the library.
/// </remarks>
internal sealed unsafe class IsalLibrary
{
    // struct isal_zstream: sizeof 82384 in 2.30.
    public const int ZStreamSize = 128 * 1024;
    public const int ZNextIn = 0;
    public const int ZAvailIn = 8;
    public const int ZTotalIn = 12;
    public const int ZNextOut = 16;
    public const int ZAvailOut = 24;
    public const int ZTotalOut = 28;
    public const int ZLevel = 40;
    public const int ZLevelBufSize = 44;
    public const int ZLevelBuf = 48;
    public const int ZEndOfStream = 56;
    public const int ZFlush = 58;
    public const int ZGzipFlag = 60;

    // struct inflate_state: sizeof 87368 in 2.30.
    public const int InflateStateSize = 128 * 1024;
    public const int INextOut = 0;
    public const int IAvailOut = 8;
    public const int ITotalOut = 12;
    public const int INextIn = 16;
    public const int IAvailIn = 32;
    public const int IReadInLength = 36;
    public const int IBlockState = 21160;
    public const int ICrcFlag = 21172;

    public const int IgzipGzip = 1;          // IGZIP_GZIP (deflate side)
    public const int IsalGzipNoHeaderVerify = 6; // ISAL_GZIP_NO_HDR_VER: raw deflate, then check the gzip trailer
    public const int CompOk = 0;             // COMP_OK
    public const int StatelessOverflow = -1; // STATELESS_OVERFLOW
    public const int DecompOk = 0;           // ISAL_DECOMP_OK
    public const int BlockFinish = 5;        // ISAL_BLOCK_FINISH

    // Working memory isal_deflate needs per level (ISAL_DEF_LVLn_DEFAULT); level 0 needs none.
    private static readonly int[] LevelBufferSizes = [0, 282624, 331776, 348160];

    private static readonly string[] Names = ["libisal.so.2", "libisal.so", "isal"];

    private IsalLibrary(nint handle, string name)
    {
        Handle = handle;
        Name = name;
        DeflateStatelessInit = (delegate* unmanaged<byte*, void>)NativeLibrary.GetExport(handle, "isal_deflate_stateless_init");
        DeflateStateless = (delegate* unmanaged<byte*, int>)NativeLibrary.GetExport(handle, "isal_deflate_stateless");
        InflateInit = (delegate* unmanaged<byte*, void>)NativeLibrary.GetExport(handle, "isal_inflate_init");
        Inflate = (delegate* unmanaged<byte*, int>)NativeLibrary.GetExport(handle, "isal_inflate");
    }

    public nint Handle { get; }

    /// <summary>The file name that loaded, e.g. <c>libisal.so.2</c>.</summary>
    public string Name { get; }

    public delegate* unmanaged<byte*, void> DeflateStatelessInit { get; }
    public delegate* unmanaged<byte*, int> DeflateStateless { get; }
    public delegate* unmanaged<byte*, void> InflateInit { get; }
    public delegate* unmanaged<byte*, int> Inflate { get; }

    /// <summary>Loads the library and its exports; null with a reason (no exception) when it is absent or incomplete.</summary>
    public static IsalLibrary? TryLoad(out string? problem)
    {
        foreach (var name in Names)
        {
            if (!NativeLibrary.TryLoad(name, out var handle))
            {
                continue;
            }
            try
            {
                problem = null;
                return new IsalLibrary(handle, name);
            }
            catch (EntryPointNotFoundException e)
            {
                NativeLibrary.Free(handle);
                problem = $"{name} lacks an igzip export ({e.GetType().Name})";
                return null;
            }
        }
        problem = "libisal.so.2 not found";
        return null;
    }

    public static int LevelBufferSize(int level) => LevelBufferSizes[level];

    public static ref T Field<T>(byte* state, int offset) where T : unmanaged => ref *(T*)(state + offset);
}
