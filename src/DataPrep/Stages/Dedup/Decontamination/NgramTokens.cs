using System.IO.Hashing;
using System.Runtime.InteropServices;
using DataPrep.Stages.Dedup.MinHash;

namespace DataPrep.Stages.Dedup.Decontamination;

/// <summary>
/// Units of a text for n-gram matching, with their character spans: words (runs of letters/digits) or
/// single letters/digits, lower-cased; every other character is ignored. Hashes each unit, then each
/// window of n units.
/// </summary>
internal sealed class NgramTokens
{
    private readonly List<ulong> _units = [];
    private readonly List<(int Start, int End)> _spans = [];

    public int Count => _units.Count;

    public (int Start, int End) Span(int unit) => _spans[unit];

    public void Tokenize(ReadOnlySpan<char> text, ShingleUnit unit)
    {
        _units.Clear();
        _spans.Clear();
        Span<char> word = stackalloc char[64];
        var start = -1;
        var length = 0;
        ulong wordHash = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var isWordChar = char.IsLetterOrDigit(c);
            if (unit == ShingleUnit.Chars)
            {
                if (isWordChar)
                {
                    _units.Add(char.ToLowerInvariant(c));
                    _spans.Add((i, i + 1));
                }
                continue;
            }
            if (isWordChar)
            {
                if (start < 0)
                {
                    start = i;
                    length = 0;
                    wordHash = 0;
                }
                if (length == word.Length)
                {
                    // Long words are hashed in 64-character pieces chained through the seed.
                    wordHash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(word), (long)wordHash);
                    length = 0;
                }
                word[length++] = char.ToLowerInvariant(c);
            }
            else if (start >= 0)
            {
                _units.Add(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(word[..length]), (long)wordHash));
                _spans.Add((start, i));
                start = -1;
            }
        }
    }

    /// <summary>Hash of the n units starting at <paramref name="first"/>.</summary>
    public ulong Ngram(int first, int n) =>
        XxHash3.HashToUInt64(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(_units).Slice(first, n)));
}
