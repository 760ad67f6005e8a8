using System.Buffers;
using System.Text;

namespace DataPrep.Stages.Pii;

/// <summary>
/// A fast multi-keyword search. ASCII keywords go to a vectorised <see cref="SearchValues{T}"/> string search (ignoring
/// case); Hangul and other non-ASCII keywords are found by a vectorised search for their first characters followed by
/// an ordinal comparison — .NET's multi-string search falls back to a slow path for non-ASCII values (measured ~50 ms
/// per million characters against ~0.3 ms this way).
/// </summary>
internal sealed class KeywordSet
{
    private readonly SearchValues<string>? _ascii;
    private readonly SearchValues<char>? _firstChars;
    private readonly string[] _other;

    public KeywordSet(IEnumerable<string> words)
    {
        // Plain loops, not LINQ over chars: built once at start-up, and LINQ's char instantiations cannot be precompiled
        // (bench/results/startup.md, Session 11).
        var ascii = new List<string>();
        var other = new List<string>();
        var firstChars = new List<char>();
        foreach (var word in words)
        {
            if (Ascii.IsValid(word))
            {
                ascii.Add(word);
                continue;
            }
            other.Add(word);
            if (!firstChars.Contains(word[0]))
            {
                firstChars.Add(word[0]);
            }
        }
        _other = [.. other];
        _ascii = ascii.Count > 0 ? SearchValues.Create([.. ascii], StringComparison.OrdinalIgnoreCase) : null;
        _firstChars = firstChars.Count > 0 ? SearchValues.Create([.. firstChars]) : null;
    }

    /// <summary>Where the next keyword search results lie; lets a scanning loop reuse look-ahead results so repeated
    /// searches stay linear.</summary>
    public struct Cursor
    {
        internal int AsciiAt;
        internal int OtherAt;
        internal bool Started;
    }

    /// <summary>Index of the first keyword occurrence in <paramref name="text"/>, or −1.</summary>
    public int IndexIn(ReadOnlySpan<char> text)
    {
        var cursor = default(Cursor);
        return Next(text, 0, ref cursor);
    }

    /// <summary>Index of the first keyword occurrence at or after <paramref name="from"/>, or −1.</summary>
    public int Next(ReadOnlySpan<char> text, int from, ref Cursor cursor)
    {
        if (!cursor.Started)
        {
            cursor.Started = true;
            cursor.AsciiAt = int.MinValue;
            cursor.OtherAt = int.MinValue;
        }
        if (_ascii is not null && cursor.AsciiAt != -1 && cursor.AsciiAt < from)
        {
            var found = from >= text.Length ? -1 : text[from..].IndexOfAny(_ascii);
            cursor.AsciiAt = found < 0 ? -1 : from + found;
        }
        if (_firstChars is not null && cursor.OtherAt != -1 && cursor.OtherAt < from)
        {
            cursor.OtherAt = NextOther(text, from);
        }
        var a = _ascii is null ? -1 : cursor.AsciiAt;
        var o = _firstChars is null ? -1 : cursor.OtherAt;
        return a < 0 ? o : o < 0 ? a : Math.Min(a, o);
    }

    private int NextOther(ReadOnlySpan<char> text, int from)
    {
        var pos = from;
        while (pos < text.Length)
        {
            var found = text[pos..].IndexOfAny(_firstChars!);
            if (found < 0)
            {
                return -1;
            }
            var at = pos + found;
            foreach (var word in _other)
            {
                if (text[at..].StartsWith(word, StringComparison.Ordinal))
                {
                    return at;
                }
            }
            pos = at + 1;
        }
        return -1;
    }
}
