using System.IO.Hashing;
using System.Runtime.CompilerServices;

namespace DataPrep.Stages.Dedup.MinHash;

/// <summary>
/// Turns a text into shingle hashes below the MinHash prime (31 bits): the text is reduced to its letters and digits, lower-cased
/// (invariant culture), and encoded to UTF-8 once; each shingle (n characters, or n words joined by one
/// space) is hashed with XxHash3 over its UTF-8 bytes. A text with fewer than n units but at least one is
/// a single shingle; a text without letters or digits has none.
/// </summary>
internal static class Shingler
{
    /// <summary>Hashes the distinct shingles of <paramref name="text"/> into <see cref="ShingleWorkspace.Hashes"/> (first-occurrence order); returns how many.</summary>
    public static int Hash(ReadOnlySpan<char> text, ShingleUnit unit, int n, long seed, ShingleWorkspace workspace)
    {
        workspace.EnsureCapacity(text.Length);
        var units = unit == ShingleUnit.Chars
            ? SplitChars(text, workspace)
            : SplitWords(text, workspace);
        var bytes = workspace.Bytes;
        var starts = workspace.Starts;
        var ends = workspace.Ends;
        var hashes = workspace.Hashes;
        if (units == 0)
        {
            return 0;
        }
        if (units < n)
        {
            hashes[0] = Fold(XxHash3.HashToUInt64(bytes.AsSpan(0, ends[units - 1]), seed));
            return 1;
        }
        var count = units - n + 1;
        var table = workspace.Table(count);
        var mask = table.Length - 1;
        var distinct = 0;
        for (var i = 0; i < count; i++)
        {
            var start = starts[i];
            var hash = Fold(XxHash3.HashToUInt64(bytes.AsSpan(start, ends[i + n - 1] - start), seed));
            // Repeated shingles are dropped here (an open-addressing set; hashes are below 2^31, so
            // uint.MaxValue marks an empty slot): each distinct shingle then costs one pass of the
            // permutations instead of one per occurrence.
            var slot = (int)((hash * 0x9E3779B1u) >> 7) & mask;
            while (true)
            {
                var current = table[slot];
                if (current == hash)
                {
                    break;
                }
                if (current == uint.MaxValue)
                {
                    table[slot] = hash;
                    hashes[distinct++] = hash;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return distinct;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Fold(ulong h) => MinHasher.ToDomain((uint)h ^ (uint)(h >> 32));

    private static int SplitChars(ReadOnlySpan<char> text, ShingleWorkspace workspace)
    {
        var bytes = workspace.Bytes;
        var starts = workspace.Starts;
        var ends = workspace.Ends;
        var length = 0;
        var units = 0;
        foreach (var c in text)
        {
            if (c < 0x80)
            {
                var lower = (char)(c | 0x20);
                if ((uint)(lower - 'a') <= 'z' - 'a')
                {
                    starts[units] = length;
                    bytes[length++] = (byte)lower;
                    ends[units++] = length;
                }
                else if ((uint)(c - '0') <= 9)
                {
                    starts[units] = length;
                    bytes[length++] = (byte)c;
                    ends[units++] = length;
                }
                continue;
            }
            if (c >= 0xAC00 && c <= 0xD7A3)
            {
                // Hangul syllables (the bulk of Korean text) have no case.
                starts[units] = length;
                bytes[length] = (byte)(0xE0 | (c >> 12));
                bytes[length + 1] = (byte)(0x80 | ((c >> 6) & 0x3F));
                bytes[length + 2] = (byte)(0x80 | (c & 0x3F));
                length += 3;
                ends[units++] = length;
                continue;
            }
            if (!char.IsLetterOrDigit(c))
            {
                continue;
            }
            starts[units] = length;
            length = AppendUtf8(char.ToLowerInvariant(c), bytes, length);
            ends[units++] = length;
        }
        return units;
    }

    private static int SplitWords(ReadOnlySpan<char> text, ShingleWorkspace workspace)
    {
        var bytes = workspace.Bytes;
        var starts = workspace.Starts;
        var ends = workspace.Ends;
        var length = 0;
        var units = 0;
        var inWord = false;
        foreach (var c in text)
        {
            char lower;
            if (c < 0x80)
            {
                var folded = (char)(c | 0x20);
                lower = (uint)(folded - 'a') <= 'z' - 'a' ? folded : (uint)(c - '0') <= 9 ? c : '\0';
            }
            else if (c >= 0xAC00 && c <= 0xD7A3)
            {
                lower = c;
            }
            else
            {
                lower = char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '\0';
            }
            if (lower == '\0')
            {
                if (inWord)
                {
                    ends[units++] = length;
                    inWord = false;
                }
                continue;
            }
            if (!inWord)
            {
                if (units > 0)
                {
                    bytes[length++] = (byte)' ';
                }
                starts[units] = length;
                inWord = true;
            }
            length = lower < 0x80 ? Append(bytes, length, (byte)lower) : AppendUtf8(lower, bytes, length);
        }
        if (inWord)
        {
            ends[units++] = length;
        }
        return units;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Append(byte[] bytes, int length, byte b)
    {
        bytes[length] = b;
        return length + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AppendUtf8(char c, byte[] bytes, int length)
    {
        if (c < 0x800)
        {
            bytes[length] = (byte)(0xC0 | (c >> 6));
            bytes[length + 1] = (byte)(0x80 | (c & 0x3F));
            return length + 2;
        }
        bytes[length] = (byte)(0xE0 | (c >> 12));
        bytes[length + 1] = (byte)(0x80 | ((c >> 6) & 0x3F));
        bytes[length + 2] = (byte)(0x80 | (c & 0x3F));
        return length + 3;
    }
}
