using DataPrep.Text;

namespace DataPrep.IO.Readers;

/// <summary>
/// The property names of JSON lines, decoded once per thread instead of once per line: a corpus repeats the same
/// handful of field names on every line, and each decode would allocate a string and check its UTF-8 again.
/// </summary>
internal static class PropertyNames
{
    private const int Capacity = 32;

    [ThreadStatic]
    private static Entry[]? t_entries;

    [ThreadStatic]
    private static int t_next;

    /// <summary>The name as a string; false when it is not valid UTF-8.</summary>
    public static bool TryGet(ReadOnlySpan<byte> utf8, out string name)
    {
        var entries = t_entries ??= new Entry[Capacity];
        foreach (var entry in entries)
        {
            if (entry.Utf8 is null)
            {
                break;
            }
            if (utf8.SequenceEqual(entry.Utf8))
            {
                name = entry.Name;
                return true;
            }
        }
        if (!Utf8Validation.IsValid(utf8))
        {
            name = "";
            return false;
        }
        name = System.Text.Encoding.UTF8.GetString(utf8);
        // Round robin: inputs with more distinct names than the cache holds still decode correctly, only slower.
        entries[t_next] = new Entry(utf8.ToArray(), name);
        t_next = (t_next + 1) % Capacity;
        return true;
    }

    private readonly record struct Entry(byte[]? Utf8, string Name);
}
