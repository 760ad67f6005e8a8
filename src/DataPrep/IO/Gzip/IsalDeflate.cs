using System.Buffers;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace DataPrep.IO.Gzip;

/// <summary>
/// Compresses a whole buffer into one complete, independent gzip member with ISA-L's one-shot
/// <c>isal_deflate_stateless</c>. Thread-safe: every call has its own native state. The writers' block compressor
/// (<c>IO.Writers.GzipMemberCompressor</c>) calls it for <see cref="CompressionLevel.Fastest"/>
/// when ISA-L is the engine, and zlib otherwise.
/// </summary>
internal static unsafe class IsalDeflate
{
    /// <summary>
    /// The ISA-L level behind <see cref="CompressionLevel.Fastest"/>. On ko-wiki and en-wiki JSONL in 1 MiB members
    /// levels 0, 1 and 2 run at the same speed within the noise of this machine (about 310 and 240 MB per CPU-second), all well
    /// ahead of zlib-ng level 1 (about 165) and all smaller than its output; level 1 is the fastest-or-tied one that writes
    /// 3-12% less than level 0 (bench/results/gzip.md).
    /// </summary>
    public const int FastestLevel = 1;

    /// <summary>
    /// The member in an array rented from <paramref name="pool"/> and its length, or null when ISA-L could not make it
    /// (the output did not fit, which incompressible data cannot cause, or the call failed: logged once); the caller then
    /// uses zlib. The caller returns the array to <paramref name="pool"/>.
    /// </summary>
    public static byte[]? Compress(IsalLibrary isal, ReadOnlySpan<byte> data, ArrayPool<byte> pool, out int length, int level = FastestLevel)
    {
        length = 0;
        if (data.Length > int.MaxValue / 2)
        {
            return null;
        }
        // Stored blocks, ISA-L's fallback for incompressible input: 5 bytes per 64 KiB, gzip header and trailer.
        var buffer = pool.Rent(data.Length + data.Length / 8192 + 1024);
        var levelBuffer = IsalLibrary.LevelBufferSize(level);
        var state = RentState(IsalLibrary.ZStreamSize + levelBuffer);
        try
        {
            // Start every member from the zeroed state a fresh allocation gives, so its bytes cannot depend on what
            // the pooled state compressed before, whatever ISA-L leaves in its level buffer (once, on CI, one- and
            // two-thread outputs differed; not reproduced here). About 0.3 MB per 1 MiB member, a few µs.
            new Span<byte>(state, IsalLibrary.ZStreamSize + levelBuffer).Clear();
            isal.DeflateStatelessInit(state);
            byte none = 0;
            fixed (byte* input = data)
            fixed (byte* output = buffer)
            {
                IsalLibrary.Field<nint>(state, IsalLibrary.ZNextIn) = (nint)(input is null ? &none : input);
                IsalLibrary.Field<uint>(state, IsalLibrary.ZAvailIn) = (uint)data.Length;
                IsalLibrary.Field<nint>(state, IsalLibrary.ZNextOut) = (nint)output;
                IsalLibrary.Field<uint>(state, IsalLibrary.ZAvailOut) = (uint)buffer.Length;
                IsalLibrary.Field<uint>(state, IsalLibrary.ZLevel) = (uint)level;
                IsalLibrary.Field<uint>(state, IsalLibrary.ZLevelBufSize) = (uint)levelBuffer;
                IsalLibrary.Field<nint>(state, IsalLibrary.ZLevelBuf) = levelBuffer == 0 ? 0 : (nint)(state + IsalLibrary.ZStreamSize);
                IsalLibrary.Field<ushort>(state, IsalLibrary.ZEndOfStream) = 1;
                IsalLibrary.Field<ushort>(state, IsalLibrary.ZFlush) = 0;
                IsalLibrary.Field<ushort>(state, IsalLibrary.ZGzipFlag) = IsalLibrary.IgzipGzip;
                var result = isal.DeflateStateless(state);
                if (result == IsalLibrary.CompOk && IsalLibrary.Field<uint>(state, IsalLibrary.ZAvailIn) == 0)
                {
                    length = buffer.Length - (int)IsalLibrary.Field<uint>(state, IsalLibrary.ZAvailOut);
                    return buffer;
                }
                if (result != IsalLibrary.StatelessOverflow)
                {
                    GzipEngine.ReportFailure($"isal_deflate_stateless returned {result}");
                }
            }
        }
        finally
        {
            ReturnState(state, IsalLibrary.ZStreamSize + levelBuffer);
        }
        pool.Return(buffer);
        return null;
    }

    // The stream state and level buffer (a few hundred KiB) are kept for the next member: allocated per member, they
    // came from fresh pages each time (the allocator maps blocks that large), one page fault per 4 KiB touched.
    private static readonly System.Collections.Concurrent.ConcurrentBag<(nint State, int Size)> States = [];

    private static byte* RentState(int size)
    {
        while (States.TryTake(out var kept))
        {
            if (kept.Size == size)
            {
                return (byte*)kept.State;
            }
            NativeMemory.AlignedFree((void*)kept.State);
        }
        return (byte*)NativeMemory.AlignedAlloc((nuint)size, 64);
    }

    // At most one state per processor is kept; the rest are freed.
    private static void ReturnState(byte* state, int size)
    {
        if (States.Count < Environment.ProcessorCount)
        {
            States.Add(((nint)state, size));
        }
        else
        {
            NativeMemory.AlignedFree(state);
        }
    }
}
