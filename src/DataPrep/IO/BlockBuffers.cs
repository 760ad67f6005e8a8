using System.Buffers;

namespace DataPrep.IO;

/// <summary>
/// The pool of the I/O path's large buffers: line batches and line readers (about 1 MiB each) and compressed output
/// blocks. They are rented on one thread and returned on another, many at once; <see cref="ArrayPool{T}.Shared"/>
/// keeps only a few arrays of a size per core, dropped the rest and trims itself after every full collection, so a
/// 330 MB run allocated about 120 fresh 1-2 MiB arrays on the large-object heap, each one bringing the next full
/// collection closer. This pool keeps what it is given (never more than the buffers in flight at once).
/// </summary>
internal static class BlockBuffers
{
    /// <summary>The shared pool; every buffer is returned to the pool it came from.</summary>
    public static ArrayPool<byte> Pool { get; } = ArrayPool<byte>.Create(maxArrayLength: 64 << 20, maxArraysPerBucket: 64);
}
