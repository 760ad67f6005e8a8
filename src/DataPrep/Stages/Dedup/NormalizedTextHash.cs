using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace DataPrep.Stages.Dedup;

/// <summary>
/// XxHash128 of a text with whitespace normalised: runs of whitespace (spaces, tabs, line breaks)
/// count as one space and leading/trailing whitespace is ignored, so re-wrapped or re-indented copies
/// hash alike. Hashes the UTF-16 code units of the normalised text.
/// </summary>
internal static class NormalizedTextHash
{
    public static UInt128 Hash(ReadOnlySpan<char> text, bool ignoreCase)
    {
        var rented = ArrayPool<char>.Shared.Rent(Math.Max(16, text.Length));
        try
        {
            var length = Normalize(text, rented, ignoreCase);
            return XxHash128.HashToUInt128(MemoryMarshal.AsBytes(rented.AsSpan(0, length)));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Writes the normalised text into <paramref name="destination"/> (at least as long as the text); returns its length.</summary>
    public static int Normalize(ReadOnlySpan<char> text, Span<char> destination, bool ignoreCase)
    {
        var length = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = length > 0;
                continue;
            }
            if (pendingSpace)
            {
                destination[length++] = ' ';
                pendingSpace = false;
            }
            destination[length++] = ignoreCase ? char.ToLowerInvariant(c) : c;
        }
        return length;
    }
}
