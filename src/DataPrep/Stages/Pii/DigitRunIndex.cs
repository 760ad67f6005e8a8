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
    private int[] _numberStarts = new int[64];
    private nint _address;
    private int _length;
    private bool _active;

    /// <summary>True when the text has a full-width digit.</summary>
    public bool Wide { get; private set; }

    /// <summary>Number of digit runs.</summary>
    public int Count { get; private set; }

    /// <summary>Start of each run of digits, in text order.</summary>
    public ReadOnlySpan<int> Starts => _starts.AsSpan(0, Count);

    /// <summary>The runs that can start a number of at least <see cref="MinNumberDigits"/> digits, in text order: a
    /// run that long, a run joined to the next by a separator (<see cref="PiiChars.RunCanStart"/>), or a run right after
    /// '+' or '(' (international and parenthesised phone numbers). Typically a tenth of the runs of prose, where most
    /// numbers are years and counts.</summary>
    public ReadOnlySpan<int> NumberStarts => _numberStarts.AsSpan(0, NumberCount);

    /// <summary>Number of <see cref="NumberStarts"/>.</summary>
    public int NumberCount { get; private set; }

    /// <summary>The fewest digits a number detector accepts as one unseparated run (phone: 9; RRN, card: 13; BRN,
    /// bank account: 10; driver's licence: 12). A detector whose shortest unseparated value is shorter must not walk
    /// <see cref="NumberStarts"/>.</summary>
    public const int MinNumberDigits = 9;

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
        NumberCount = 0;
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
            if (pos - start >= MinNumberDigits || PiiChars.RunCanStart(text, start, MinNumberDigits, int.MaxValue)
                || (start > 0 && text[start - 1] is '+' or '('))
            {
                if (NumberCount == _numberStarts.Length)
                {
                    Array.Resize(ref _numberStarts, _numberStarts.Length * 2);
                }
                _numberStarts[NumberCount++] = start;
            }
        }
        _active = true;
    }

    // Only compared while the same span is being scanned: if the GC moves the string meanwhile, the address no longer
    // matches and the detectors fall back to their own search, which is slower but gives the same matches.
    private static unsafe nint AddressOf(ReadOnlySpan<char> text) => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(text));
}
