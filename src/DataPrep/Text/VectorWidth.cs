using System.Runtime.Intrinsics;

namespace DataPrep.Text;

/// <summary>
/// The vector width a byte scan runs with. Scans use the widest the machine accelerates (<see cref="VectorWidths.Widest"/>);
/// tests pass each width to compare the paths on one machine. A native binary fixes its width when it is compiled: the
/// default x86-64-v3 build has 256-bit vectors and no 512-bit ones.
/// </summary>
internal enum VectorWidth
{
    /// <summary>No vectors: byte by byte.</summary>
    None,

    /// <summary>256-bit vectors (AVX2), 32 bytes per register.</summary>
    Bits256,

    /// <summary>512-bit vectors (AVX-512), 64 bytes per register.</summary>
    Bits512,
}

/// <summary>The <see cref="VectorWidth"/> of this machine (a constant once compiled).</summary>
internal static class VectorWidths
{
    /// <summary>The widest vectors the machine accelerates.</summary>
    public static VectorWidth Widest =>
        Vector512.IsHardwareAccelerated ? VectorWidth.Bits512 : Vector256.IsHardwareAccelerated ? VectorWidth.Bits256 : VectorWidth.None;

    /// <summary>Every vector width the machine accelerates, narrowest first (tests run each path against the scalar one).</summary>
    public static IEnumerable<VectorWidth> Accelerated
    {
        get
        {
            if (Vector256.IsHardwareAccelerated)
            {
                yield return VectorWidth.Bits256;
            }
            if (Vector512.IsHardwareAccelerated)
            {
                yield return VectorWidth.Bits512;
            }
        }
    }
}
