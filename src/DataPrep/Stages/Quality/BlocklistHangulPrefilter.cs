using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DataPrep.Stages.Quality;

/// <summary>
/// Whether a text can hold any Hangul blocklist entry at all: every entry starts with its first two chars in a row, so
/// a text where no entry's first pair occurs holds none, and the search eojeol by eojeol is skipped. The pairs are
/// looked for 16 chars at a time with vector compares. Korean text is full of the entries' first syllables (지, 사, 시)
/// but rarely holds their pairs. Used only when every entry has two chars or more and the pairs are few; otherwise
/// every text goes on to the search.
/// </summary>
internal sealed class BlocklistHangulPrefilter
{
    private const int MaxPairs = 64;

    private readonly char[] _firsts;
    private readonly char[] _seconds;
    private readonly Vector256<ushort>[] _firstVectors;
    private readonly Vector256<ushort>[] _secondVectors;
    private readonly bool _usable;

    // Plain loops, not LINQ over chars and vectors: start-up compiles none of it (ReadyToRun precompiles loops).
    public BlocklistHangulPrefilter(IEnumerable<string> entries)
    {
        var firsts = new List<char>();
        var seconds = new List<char>();
        var usable = Vector256.IsHardwareAccelerated;
        foreach (var entry in entries)
        {
            if (entry.Length < 2)
            {
                usable = false;
                break;
            }
            var known = false;
            for (var p = 0; p < firsts.Count && !known; p++)
            {
                known = firsts[p] == entry[0] && seconds[p] == entry[1];
            }
            if (!known)
            {
                firsts.Add(entry[0]);
                seconds.Add(entry[1]);
            }
        }
        _usable = usable && firsts.Count <= MaxPairs;
        _firsts = [.. firsts];
        _seconds = [.. seconds];
        _firstVectors = new Vector256<ushort>[_firsts.Length];
        _secondVectors = new Vector256<ushort>[_seconds.Length];
        for (var p = 0; p < _firsts.Length; p++)
        {
            _firstVectors[p] = Vector256.Create((ushort)_firsts[p]);
            _secondVectors[p] = Vector256.Create((ushort)_seconds[p]);
        }
    }

    /// <summary>False when no entry's first two chars occur in a row in <paramref name="text"/>: then it holds no entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MayHoldEntry(ReadOnlySpan<char> text)
    {
        if (!_usable)
        {
            return true;
        }
        ref var chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        var firsts = _firstVectors;
        var seconds = _secondVectors;
        var i = 0;
        // Pairs starting at i … i + 15: the second chars are read one char further on.
        for (; i + Vector256<ushort>.Count + 1 <= text.Length; i += Vector256<ushort>.Count)
        {
            var here = Vector256.LoadUnsafe(ref chars, (nuint)i);
            var next = Vector256.LoadUnsafe(ref chars, (nuint)i + 1);
            var found = Vector256<ushort>.Zero;
            for (var p = 0; p < firsts.Length; p++)
            {
                found |= Vector256.Equals(here, firsts[p]) & Vector256.Equals(next, seconds[p]);
            }
            if (found != Vector256<ushort>.Zero)
            {
                return true;
            }
        }
        for (; i + 1 < text.Length; i++)
        {
            for (var p = 0; p < _firsts.Length; p++)
            {
                if (text[i] == _firsts[p] && text[i + 1] == _seconds[p])
                {
                    return true;
                }
            }
        }
        return false;
    }
}
