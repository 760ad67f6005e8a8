using System.Text;

namespace DataPrep.Stages.Quality;

/// <summary>
/// Wikipedia-style citation markers in scraped text: <c>[1]</c>, <c>[]</c>, <c>[edit]</c>, <c>[citation needed]</c>
/// (the set C4/datatrove remove) and their Korean Wikipedia forms <c>[편집]</c>, <c>[출처 필요]</c>.
/// A hand-written scanner (linear, no regex): a marker is '[' followed by digits or one of the words, then ']'.
/// </summary>
internal static class CitationMarkers
{
    private static readonly string[] s_words = ["edit", "citation needed", "편집", "출처 필요"];

    /// <summary>Length of the marker starting at <paramref name="start"/> (which holds '['), or 0 when none starts there.</summary>
    public static int MarkerLength(ReadOnlySpan<char> text, int start)
    {
        var rest = text[(start + 1)..];
        var digits = 0;
        while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
        {
            digits++;
        }
        if (digits < rest.Length && rest[digits] == ']')
        {
            return digits + 2;
        }
        if (digits > 0)
        {
            return 0;
        }
        foreach (var word in s_words)
        {
            if (rest.StartsWith(word, StringComparison.Ordinal) && rest.Length > word.Length && rest[word.Length] == ']')
            {
                return word.Length + 2;
            }
        }
        return 0;
    }

    /// <summary>The line without the markers (and the spaces before them) at its end: "end.[1][2]" becomes "end.".</summary>
    public static ReadOnlySpan<char> TrimTrailing(ReadOnlySpan<char> line)
    {
        while (line.Length > 0 && line[^1] == ']')
        {
            var open = line.LastIndexOf('[');
            if (open < 0 || MarkerLength(line, open) != line.Length - open)
            {
                break;
            }
            line = line[..open].TrimEnd(' ');
        }
        return line;
    }

    /// <summary>Appends <paramref name="line"/> without any marker; returns how many markers were left out.</summary>
    public static int AppendWithout(StringBuilder builder, ReadOnlySpan<char> line)
    {
        var removed = 0;
        while (true)
        {
            var open = line.IndexOf('[');
            if (open < 0)
            {
                builder.Append(line);
                return removed;
            }
            var length = MarkerLength(line, open);
            builder.Append(line[..(length > 0 ? open : open + 1)]);
            removed += length > 0 ? 1 : 0;
            line = line[(open + Math.Max(length, 1))..];
        }
    }
}
