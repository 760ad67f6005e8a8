using System.Runtime.CompilerServices;

namespace DataPrep.Stages.Pii;

/// <summary>
/// Up to six groups of digits joined by single separator characters, read from one starting digit
/// (<c>010-1234-5678</c> is three groups joined by '-'). Reading is bounded (six groups, capped group
/// length), so trying it at every digit keeps the scanners linear.
/// </summary>
internal struct DigitGroups
{
    public const int Capacity = 6;
    public const int MaxGroupLength = 20;

    public GroupInts Starts;
    public GroupInts Lengths;
    public GroupChars Separators;

    /// <summary>Groups read.</summary>
    public int Count;

    /// <summary>True when more groups followed than <see cref="Capacity"/>.</summary>
    public bool More;

    public readonly int Start(int group) => Starts[group];

    public readonly int Length(int group) => Lengths[group];

    public readonly int End(int group) => Starts[group] + Lengths[group];

    /// <summary>The separator after group <paramref name="group"/> (only defined when a next group exists).</summary>
    public readonly char SeparatorAfter(int group) => Separators[group];

    /// <summary>Reads groups from <paramref name="start"/> (a digit), joined by one character that
    /// <paramref name="isSeparator"/> accepts and followed by a digit.</summary>
    public static DigitGroups Read(ReadOnlySpan<char> text, int start, Func<char, bool> isSeparator)
    {
        var groups = default(DigitGroups);
        var pos = start;
        while (true)
        {
            var length = PiiChars.CountDigits(text, pos, MaxGroupLength);
            if (groups.Count == Capacity)
            {
                groups.More = true;
                return groups;
            }
            groups.Starts[groups.Count] = pos;
            groups.Lengths[groups.Count] = length;
            groups.Count++;
            pos += length;
            if (length > MaxGroupLength)
            {
                groups.More = true;
                return groups;
            }
            if (pos + 1 < text.Length && isSeparator(text[pos]) && PiiChars.IsDigit(text[pos + 1]))
            {
                groups.Separators[groups.Count - 1] = text[pos];
                pos++;
                continue;
            }
            return groups;
        }
    }

    /// <summary>True when the first <paramref name="n"/> groups stand alone: nothing follows them, or what
    /// follows is joined by a different separator than the one inside (<c>010-1234-5678 1234</c> is fine,
    /// <c>010-1234-5678-1234</c> is not). The groups inside must share one separator.</summary>
    public readonly bool StandsAlone(int n)
    {
        if (n > Count)
        {
            return false;
        }
        for (var i = 1; i < n - 1; i++)
        {
            if (Separators[i] != Separators[0])
            {
                return false;
            }
        }
        if (n == Count)
        {
            return !More;
        }
        if (n == 1)
        {
            return char.IsWhiteSpace(Separators[0]);
        }
        return Separators[n - 1] != Separators[0] && !char.IsWhiteSpace(Separators[0]);
    }

    /// <summary>Fixed-size storage for group offsets and lengths.</summary>
    [InlineArray(Capacity)]
    public struct GroupInts
    {
        private int _element;
    }

    /// <summary>Fixed-size storage for separators.</summary>
    [InlineArray(Capacity)]
    public struct GroupChars
    {
        private char _element;
    }
}
