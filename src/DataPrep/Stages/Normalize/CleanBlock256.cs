using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using DataPrep.Text;

namespace DataPrep.Stages.Normalize;

/// <summary>
/// The <see cref="ICleanBlock"/> tests with two 256-bit registers per block: the path of AVX2 machines and of the default
/// x86-64-v3 native binary, which has no 512-bit vectors. The halves' masks are joined into the block's 64 bits.
/// </summary>
internal readonly struct CleanBlock256 : ICleanBlock
{
    private const int Half = 32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Scan(ref byte at, ref Utf8CleanScanner.ScanState state, bool checkNfc)
    {
        ref var high = ref Unsafe.Add(ref at, Half);
        var bytes = Vector256.LoadUnsafe(ref at);
        var next = Vector256.LoadUnsafe(ref at, 1);
        var next2 = Vector256.LoadUnsafe(ref at, 2);
        var highBytes = Vector256.LoadUnsafe(ref high);
        var highNext = Vector256.LoadUnsafe(ref high, 1);
        var highNext2 = Vector256.LoadUnsafe(ref high, 2);
        var newline = Vector256.Equals(bytes, Vector256.Create((byte)'\n'));
        var highNewline = Vector256.Equals(highBytes, Vector256.Create((byte)'\n'));
        var dirty = Dirt(bytes, next, next2, newline, state.CollapseSpaces) | Dirt(highBytes, highNext, highNext2, highNewline, state.CollapseSpaces);
        if (dirty != Vector256<byte>.Zero)
        {
            state.Dirty = true;
        }
        if (state.MaxNewlines > 0)
        {
            state.AddNewlines(newline.ExtractMostSignificantBits() | (ulong)highNewline.ExtractMostSignificantBits() << Half);
        }
        return !checkNfc || (Nfc.IsTriviallyNfcBlock(bytes, next, next2) && Nfc.IsTriviallyNfcBlock(highBytes, highNext, highNext2));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong NotOrdinary(ref byte at, out ulong spaces)
    {
        ref var high = ref Unsafe.Add(ref at, Half);
        var bytes = Vector256.LoadUnsafe(ref at);
        var highBytes = Vector256.LoadUnsafe(ref high);
        spaces = Vector256.Equals(bytes, Vector256.Create((byte)' ')).ExtractMostSignificantBits()
            | (ulong)Vector256.Equals(highBytes, Vector256.Create((byte)' ')).ExtractMostSignificantBits() << Half;
        return NotOrdinary(bytes, Vector256.LoadUnsafe(ref at, 1), Vector256.LoadUnsafe(ref at, 2)).ExtractMostSignificantBits()
            | (ulong)NotOrdinary(highBytes, Vector256.LoadUnsafe(ref high, 1), Vector256.LoadUnsafe(ref high, 2)).ExtractMostSignificantBits() << Half;
    }

    // The bytes of one half that need cleaning (see CleanBlock512.Scan): controls but the newline, DEL, the characters to
    // remove or turn into a space, and with collapseSpaces a space before a space or line break, a line break before a space.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Dirt(Vector256<byte> bytes, Vector256<byte> next, Vector256<byte> next2, Vector256<byte> newline, bool collapseSpaces)
    {
        var dirty = (Vector256.LessThan(bytes, Vector256.Create((byte)0x20)) & ~newline) | Vector256.Equals(bytes, Vector256.Create((byte)0x7F));
        dirty |= SuspiciousLeads(bytes, next, next2);
        if (collapseSpaces)
        {
            var space = Vector256.Equals(bytes, Vector256.Create((byte)' '));
            var nextSpace = Vector256.Equals(next, Vector256.Create((byte)' '));
            dirty |= (space & (nextSpace | Vector256.Equals(next, Vector256.Create((byte)'\n')))) | (newline & nextSpace);
        }
        return dirty;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> NotOrdinary(Vector256<byte> bytes, Vector256<byte> next, Vector256<byte> next2) =>
        Vector256.LessThanOrEqual(bytes, Vector256.Create((byte)' ')) | Vector256.Equals(bytes, Vector256.Create((byte)0x7F))
            | SuspiciousLeads(bytes, next, next2);

    // The lead bytes of CleanBlock512.SuspiciousLeads, 32 at a time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> SuspiciousLeads(Vector256<byte> bytes, Vector256<byte> next, Vector256<byte> next2)
    {
        var leads = Vector256.Equals(bytes, Vector256.Create((byte)0xC2)) | Vector256.Equals(bytes, Vector256.Create((byte)0xE1))
            | Vector256.LessThan(bytes - Vector256.Create((byte)0xE2), Vector256.Create((byte)2)) | Vector256.Equals(bytes, Vector256.Create((byte)0xEF));
        if (leads == Vector256<byte>.Zero)
        {
            return Vector256<byte>.Zero;
        }
        var c2 = Vector256.Equals(bytes, Vector256.Create((byte)0xC2))
            & (Vector256.LessThan(next - Vector256.Create((byte)0x80), Vector256.Create((byte)0x21)) | Vector256.Equals(next, Vector256.Create((byte)0xAD)));
        var e1 = Vector256.Equals(bytes, Vector256.Create((byte)0xE1)) & Vector256.Equals(next, Vector256.Create((byte)0x9A))
            & Vector256.Equals(next2, Vector256.Create((byte)0x80));
        var e2 = Vector256.Equals(bytes, Vector256.Create((byte)0xE2))
            & ((Vector256.Equals(next, Vector256.Create((byte)0x80))
                    & (Vector256.LessThan(next2 - Vector256.Create((byte)0x80), Vector256.Create((byte)0x0C))
                        | Vector256.LessThan(next2 - Vector256.Create((byte)0x8E), Vector256.Create((byte)2))
                        | Vector256.Equals(next2, Vector256.Create((byte)0xAF))))
                | (Vector256.Equals(next, Vector256.Create((byte)0x81)) & Vector256.LessThan(next2 - Vector256.Create((byte)0x9F), Vector256.Create((byte)2))));
        var e3 = Vector256.Equals(bytes, Vector256.Create((byte)0xE3)) & Vector256.Equals(next, Vector256.Create((byte)0x80))
            & Vector256.Equals(next2, Vector256.Create((byte)0x80));
        var ef = Vector256.Equals(bytes, Vector256.Create((byte)0xEF)) & Vector256.Equals(next, Vector256.Create((byte)0xBB))
            & Vector256.Equals(next2, Vector256.Create((byte)0xBF));
        return c2 | e1 | e2 | e3 | ef;
    }
}
