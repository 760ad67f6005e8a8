using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DataPrep.Stages.Pii;

/// <summary>
/// Where the runs of digits of the text being scanned start, found once per document by <see cref="PiiScanner.Scan(ReadOnlySpan{char}, List{PiiMatch}, List{PiiMatch})"/>
/// for the seven number detectors, which otherwise each searched the whole text for every digit run themselves
/// (and each first searched it for full-width digits). Per thread; a detector called outside a scan, or on another
/// text, finds no index and searches as before.
/// </summary>
internal sealed class DigitRunIndex
{
    [ThreadStatic]
    private static DigitRunIndex? t_index;

    private int[] _starts = new int[256];
    private nint _address;
    private int _length;
    private bool _active;

    /// <summary>True when the text has a full-width digit.</summary>
    public bool Wide { get; private set; }

    /// <summary>Number of digit runs.</summary>
    public int Count { get; private set; }

    /// <summary>Start of each run of digits, in text order.</summary>
    public ReadOnlySpan<int> Starts => _starts.AsSpan(0, Count);

    /// <summary>Indexes <paramref name="text"/> for this thread until <see cref="End"/>.</summary>
    public static DigitRunIndex Begin(ReadOnlySpan<char> text)
    {
        var index = t_index ??= new DigitRunIndex();
        index.Build(text);
        return index;
    }

    /// <summary>Forgets the indexed text.</summary>
    public void End() => _active = false;

    /// <summary>The index of <paramref name="text"/> when this thread is scanning exactly that text, else null.</summary>
    public static DigitRunIndex? For(ReadOnlySpan<char> text)
    {
        var index = t_index;
        return index is { _active: true } && index._length == text.Length && index._address == AddressOf(text) ? index : null;
    }

    private void Build(ReadOnlySpan<char> text)
    {
        _address = AddressOf(text);
        _length = text.Length;
        Wide = PiiChars.HasWideDigits(text);
        Count = 0;
        var pos = 0;
        while (pos < text.Length)
        {
            var start = PiiChars.NextDigit(text, pos, Wide);
            if (start < 0)
            {
                break;
            }
            if (Count == _starts.Length)
            {
                Array.Resize(ref _starts, _starts.Length * 2);
            }
            _starts[Count++] = start;
            pos = PiiChars.SkipDigits(text, start);
        }
        _active = true;
    }

    // Only compared while the same span is being scanned: if the GC moves the string meanwhile, the address no longer
    // matches and the detectors fall back to their own search, which is slower but gives the same matches.
    private static unsafe nint AddressOf(ReadOnlySpan<char> text) => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(text));
}
