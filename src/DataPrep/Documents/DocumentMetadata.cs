using System.Collections;
using System.Runtime.InteropServices;

namespace DataPrep.Documents;

/// <summary>
/// Metadata of a document: an ordered map from field name to a small value. Values are
/// <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, <c>null</c>,
/// or <see cref="RawJson"/> for nested input values that are carried through unchanged.
/// Insertion order is kept so written documents keep the input's field order.
/// </summary>
/// <remarks>
/// String values read from JSONL stay in their input form until a caller reads them (<see cref="JsonEscapedString"/>):
/// the writers copy them out as they came in. Every public member sees ordinary strings.
/// </remarks>
public sealed class DocumentMetadata : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _items = new(4);

    /// <summary>Number of fields.</summary>
    public int Count => _items.Count;

    /// <summary>Gets or sets a field; setting <c>null</c> keeps the key with a null value.</summary>
    public object? this[string key]
    {
        get => TryGetValue(key, out var value) ? value : null;
        set => Set(key, value);
    }

    /// <summary>Sets a field, replacing an existing value of the same name (ordinal comparison).</summary>
    public void Set(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckValue(value);
        Put(key, value);
    }

    /// <summary>Sets a string field read from JSON, still escaped (checked by the reader to be valid UTF-8 and JSON).</summary>
    internal void SetEscapedString(string key, ReadOnlyMemory<byte> escaped) => Put(key, new JsonEscapedString(escaped));

    private void Put(string key, object? value)
    {
        var index = IndexOf(key);
        if (index >= 0)
        {
            _items[index] = new(key, value);
        }
        else
        {
            _items.Add(new(key, value));
        }
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>A copy with the same fields in the same order, values as stored (escaped strings and nested JSON unchanged).</summary>
    internal DocumentMetadata Clone()
    {
        var copy = new DocumentMetadata();
        copy._items.AddRange(_items);
        return copy;
    }

    /// <summary>The fields as stored, string values possibly still escaped: for writers, which copy those bytes.</summary>
    internal ReadOnlySpan<KeyValuePair<string, object?>> Entries => CollectionsMarshal.AsSpan(_items);

    /// <summary>Looks a field up by name.</summary>
    public bool TryGetValue(string key, out object? value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? Materialise(index) : null;
        return index >= 0;
    }

    // Decodes an escaped string value once, keeping the string for later readers.
    private object? Materialise(int index)
    {
        var value = _items[index].Value;
        if (value is JsonEscapedString escaped)
        {
            value = escaped.Decode();
            _items[index] = new(_items[index].Key, value);
        }
        return value;
    }

    /// <summary>The field as a string when it is one; otherwise <c>null</c>.</summary>
    public string? GetString(string key) => this[key] as string;

    /// <summary>The field as a number when it is one (long, double, or an integer too large for 64 bits kept as raw JSON); otherwise <c>null</c>.</summary>
    public double? GetNumber(string key) => this[key] switch
    {
        long l => l,
        double d => d,
        int i => i,
        RawJson raw when System.Buffers.Text.Utf8Parser.TryParse(raw.Utf8Json.Span, out double value, out var used) && used == raw.Utf8Json.Length => value,
        _ => null,
    };

    /// <summary>True when the field exists.</summary>
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <summary>Removes a field; returns whether it existed.</summary>
    public bool Remove(string key)
    {
        var index = IndexOf(key);
        if (index >= 0)
        {
            _items.RemoveAt(index);
        }
        return index >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _items.Count; i++)
        {
            Materialise(i);
        }
        return _items.GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void CheckValue(object? value)
    {
        switch (value)
        {
            case null or string or long or double or bool or RawJson:
                return;
            case int or short or byte or uint:
                throw new ArgumentException("Metadata numbers are stored as long; convert before setting.", nameof(value));
            case float:
                throw new ArgumentException("Metadata numbers are stored as double; convert before setting.", nameof(value));
            default:
                throw new ArgumentException(
                    $"Metadata values must be string, long, double, bool, null or RawJson, not {value.GetType().Name}.",
                    nameof(value));
        }
    }
}
