using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DataPrep.Stages.Pii;

/// <summary>
/// The scan's one pass over a text, made once per document by <see cref="PiiScanner.Scan(ReadOnlySpan{char}, List{PiiMatch}, List{PiiMatch})"/>:
/// where the runs of digits start (for the seven number detectors and the IPv4 scanner, which otherwise each searched
/// the whole text for every digit run themselves) and which <see cref="PiiTrigger"/>s the text has. Per thread; a
/// detector called outside a scan, or on another text, finds no index and searches as before.
/// </summary>
/// <remarks>The pass reads 64 characters at a time (<see cref="BlockMasks"/>) as bit masks of digits,
/// token characters (<see cref="TokenRun"/>) and ':'/'='; runs are found on the masks. A text with a full-width digit
/// (rare, and a digit to the number detectors) or a machine without 256-bit vectors takes the scalar searches.</remarks>
internal sealed class DigitRunIndex
{
    /// <summary>The fewest digits a number detector accepts as one unseparated run (phone: 9; RRN, card: 13; BRN,
    /// bank account: 10; driver's licence: 12). A detector whose shortest unseparated value is shorter must not walk
    /// <see cref="NumberStarts"/>.</summary>
    public const int MinNumberDigits = 9;

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

    /// <summary>The triggers the text has: <see cref="PiiTrigger.Digit"/>, <see cref="PiiTrigger.LongToken"/>,
    /// <see cref="PiiTrigger.Assignment"/>.</summary>
    public PiiTrigger Present { get; private set; }

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
        Count = 0;
        NumberCount = 0;
        Wide = false;
        if (!BlockMasks.IsSupported || !BuildVectorised(text))
        {
            BuildScalar(text);
        }
        _active = true;
    }

    /// <summary>The pass over 64-character blocks (the last one copied into a zero-padded buffer: zeros are neither
    /// digits nor token characters); false (nothing kept) when the text has a full-width digit.</summary>
    private bool BuildVectorised(ReadOnlySpan<char> text)
    {
        var present = PiiTrigger.None;
        var tokenCarry = 0;
        Span<char> last = stackalloc char[64];
        for (var i = 0; i < text.Length; i += 64)
        {
            scoped ReadOnlySpan<char> block;
            if (i + 64 <= text.Length)
            {
                block = text.Slice(i, 64);
            }
            else
            {
                last.Clear();
                text[i..].CopyTo(last);
                block = last;
            }
            var masks = BlockMasks.Of(block);
            var (digits, tokens, assignments, wide) = (masks.Digits, masks.Tokens, masks.Assignments, masks.Wide);
            if (wide != 0)
            {
                return false;
            }
            if (assignments != 0)
            {
                present |= PiiTrigger.Assignment;
            }
            if ((present & PiiTrigger.LongToken) == 0)
            {
                if (tokens == ulong.MaxValue)
                {
                    tokenCarry += 64;
                    present |= tokenCarry >= TokenRun.MinLength ? PiiTrigger.LongToken : PiiTrigger.None;
                }
                else
                {
                    // The run that crossed into this block from the previous one, then the runs inside it.
                    if (tokenCarry + BitOperations.TrailingZeroCount(~tokens) >= TokenRun.MinLength || TokenRun.HasRun(tokens))
                    {
                        present |= PiiTrigger.LongToken;
                    }
                    tokenCarry = BitOperations.LeadingZeroCount(~tokens);
                }
            }
            // A run starts at a digit whose left neighbour is not a digit (the block's first character looks back).
            var starts = digits & ~((digits << 1) | (i > 0 && char.IsAsciiDigit(text[i - 1]) ? 1UL : 0UL));
            while (starts != 0)
            {
                AddRun(text, i + BitOperations.TrailingZeroCount(starts));
                starts &= starts - 1;
            }
        }
        Present = present | (Count > 0 ? PiiTrigger.Digit : PiiTrigger.None);
        return true;
    }

    /// <summary>A new index of <paramref name="text"/> built by the scalar searches only, for comparison in tests.</summary>
    internal static DigitRunIndex Scalar(ReadOnlySpan<char> text)
    {
        var index = new DigitRunIndex();
        index.BuildScalar(text);
        return index;
    }

    /// <summary>The same index one search at a time: full-width digits, or no 256-bit vectors.</summary>
    private void BuildScalar(ReadOnlySpan<char> text)
    {
        Count = 0;
        NumberCount = 0;
        Wide = PiiChars.HasWideDigits(text);
        var pos = 0;
        while (pos < text.Length)
        {
            var start = PiiChars.NextDigit(text, pos, Wide);
            if (start < 0)
            {
                break;
            }
            pos = AddRun(text, start);
        }
        Present = (Count > 0 ? PiiTrigger.Digit : PiiTrigger.None)
            | (text.IndexOfAny(':', '=') >= 0 ? PiiTrigger.Assignment : PiiTrigger.None)
            | (TokenRun.Exists(text) ? PiiTrigger.LongToken : PiiTrigger.None);
    }

    /// <summary>Records the run of digits at <paramref name="start"/>; returns its end.</summary>
    private int AddRun(ReadOnlySpan<char> text, int start)
    {
        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
        }
        _starts[Count++] = start;
        var end = PiiChars.SkipDigits(text, start);
        if (end - start >= MinNumberDigits || PiiChars.RunCanStart(text, start, MinNumberDigits, int.MaxValue)
            || (start > 0 && text[start - 1] is '+' or '('))
        {
            if (NumberCount == _numberStarts.Length)
            {
                Array.Resize(ref _numberStarts, _numberStarts.Length * 2);
            }
            _numberStarts[NumberCount++] = start;
        }
        return end;
    }

    // Only compared while the same span is being scanned: if the GC moves the string meanwhile, the address no longer
    // matches and the detectors fall back to their own search, which is slower but gives the same matches.
    private static unsafe nint AddressOf(ReadOnlySpan<char> text) => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(text));
}
