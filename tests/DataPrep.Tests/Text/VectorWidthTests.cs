using System.Runtime.Intrinsics;
using DataPrep.Text;

namespace DataPrep.Tests.Text;

/// <summary>
/// The width tests (Normalize, NFC, MinHash shingling) compare each accelerated vector path with the scalar one; they prove
/// something about the AVX2 paths only where those run. The build and test machines are x64 with AVX2.
/// </summary>
public class VectorWidthTests
{
    [Fact]
    public void ThisX64MachineRunsTheTwoHundredFiftySixBitPath()
    {
        Assert.True(!System.Runtime.Intrinsics.X86.Avx2.IsSupported || VectorWidths.Accelerated.Contains(VectorWidth.Bits256));
    }

    [Fact]
    public void TheWidestAcceleratedWidthIsTheOneScansUse()
    {
        var accelerated = VectorWidths.Accelerated.ToArray();
        Assert.Equal(accelerated.Length == 0 ? VectorWidth.None : accelerated[^1], VectorWidths.Widest);
        Assert.Equal(Vector512.IsHardwareAccelerated, accelerated.Contains(VectorWidth.Bits512));
    }
}
