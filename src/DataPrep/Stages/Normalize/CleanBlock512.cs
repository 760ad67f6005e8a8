using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using DataPrep.Text;

namespace DataPrep.Stages.Normalize;

/// <summary>The <see cref="ICleanBlock"/> tests with one 512-bit register per block (AVX-512).</summary>
internal readonly struct CleanBlock512 : ICleanBlock
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Scan(ref byte at, ref Utf8CleanScanner.ScanState state, bool checkNfc)
    {
        var bytes = Vector512.LoadUnsafe(ref at);
        var next = Vector512.LoadUnsafe(ref at, 1);
        var next2 = Vector512.LoadUnsafe(ref at, 2);
        var newline = Vector512.Equals(bytes, Vector512.Create((byte)'\n'));
        // Controls but the newline, DEL.
        var dirty = (Vector512.LessThan(bytes, Vector512.Create((byte)0x20)) & ~newline) | Vector512.Equals(bytes, Vector512.Create((byte)0x7F));
        dirty |= SuspiciousLeads(bytes, next, next2);
        if (state.CollapseSpaces)
        {
            var space = Vector512.Equals(bytes, Vector512.Create((byte)' '));
            var nextSpace = Vector512.Equals(next, Vector512.Create((byte)' '));
            dirty |= (space & (nextSpace | Vector512.Equals(next, Vector512.Create((byte)'\n')))) | (newline & nextSpace);
        }
        if (dirty != Vector512<byte>.Zero)
        {
            state.Dirty = true;
        }
        if (state.MaxNewlines > 0)
        {
            state.AddNewlines(newline.ExtractMostSignificantBits());
        }
        return !checkNfc || Nfc.IsTriviallyNfcBlock(bytes, next, next2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong NotOrdinary(ref byte at, out ulong spaces)
    {
        var bytes = Vector512.LoadUnsafe(ref at);
        spaces = Vector512.Equals(bytes, Vector512.Create((byte)' ')).ExtractMostSignificantBits();
        return (Vector512.LessThanOrEqual(bytes, Vector512.Create((byte)' ')) | Vector512.Equals(bytes, Vector512.Create((byte)0x7F))
            | SuspiciousLeads(bytes, Vector512.LoadUnsafe(ref at, 1), Vector512.LoadUnsafe(ref at, 2))).ExtractMostSignificantBits();
    }

    // Lead bytes of the non-ASCII characters the cleaning rules remove or turn into a space, decided with their continuation
    // bytes: U+0080-U+00A0 and U+00AD (C2 ..), U+1680 (E1 9A 80), U+2000-U+200B, U+200E-U+200F, U+202F (E2 80 ..),
    // U+205F-U+2060 (E2 81 9F-A0), U+3000 (E3 80 80), U+FEFF (EF BB BF).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> SuspiciousLeads(Vector512<byte> bytes, Vector512<byte> next, Vector512<byte> next2)
    {
        var leads = Vector512.Equals(bytes, Vector512.Create((byte)0xC2)) | Vector512.Equals(bytes, Vector512.Create((byte)0xE1))
            | Vector512.LessThan(bytes - Vector512.Create((byte)0xE2), Vector512.Create((byte)2)) | Vector512.Equals(bytes, Vector512.Create((byte)0xEF));
        if (leads == Vector512<byte>.Zero)
        {
            return Vector512<byte>.Zero;
        }
        var c2 = Vector512.Equals(bytes, Vector512.Create((byte)0xC2))
            & (Vector512.LessThan(next - Vector512.Create((byte)0x80), Vector512.Create((byte)0x21)) | Vector512.Equals(next, Vector512.Create((byte)0xAD)));
        var e1 = Vector512.Equals(bytes, Vector512.Create((byte)0xE1)) & Vector512.Equals(next, Vector512.Create((byte)0x9A))
            & Vector512.Equals(next2, Vector512.Create((byte)0x80));
        var e2 = Vector512.Equals(bytes, Vector512.Create((byte)0xE2))
            & ((Vector512.Equals(next, Vector512.Create((byte)0x80))
                    & (Vector512.LessThan(next2 - Vector512.Create((byte)0x80), Vector512.Create((byte)0x0C))
                        | Vector512.LessThan(next2 - Vector512.Create((byte)0x8E), Vector512.Create((byte)2))
                        | Vector512.Equals(next2, Vector512.Create((byte)0xAF))))
                | (Vector512.Equals(next, Vector512.Create((byte)0x81)) & Vector512.LessThan(next2 - Vector512.Create((byte)0x9F), Vector512.Create((byte)2))));
        var e3 = Vector512.Equals(bytes, Vector512.Create((byte)0xE3)) & Vector512.Equals(next, Vector512.Create((byte)0x80))
            & Vector512.Equals(next2, Vector512.Create((byte)0x80));
        var ef = Vector512.Equals(bytes, Vector512.Create((byte)0xEF)) & Vector512.Equals(next, Vector512.Create((byte)0xBB))
            & Vector512.Equals(next2, Vector512.Create((byte)0xBF));
        return c2 | e1 | e2 | e3 | ef;
    }
}
