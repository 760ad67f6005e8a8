using System.Numerics;

namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds whether a text has a long run of token characters — ASCII letters, digits and <c>_ - + / =</c> — the
/// characters every generated secret is made of (API keys, secret values written in prose). Prose words are far shorter,
/// so most documents have no such run and the secret detectors need not search them at all.
/// </summary>
/// <remarks>One vectorised pass: each block of 64 characters becomes a bit mask of token characters (<see cref="BlockMasks"/>),
/// and runs are found with shifts and ANDs on the mask, carrying the run that crosses a block boundary. The scan's own
/// pass (<see cref="DigitRunIndex"/>) does the same on the way; this search serves texts that pass cannot take.</remarks>
internal static class TokenRun
{
    /// <summary>The run length searched for: the shortest API key (<c>sk_live_</c> and ten characters,
    /// <see cref="ApiKeyDetector.ShortestTokenRun"/>) and no longer than a secret written in prose (20).</summary>
    public const int MinLength = 18;

    /// <summary>True for a token character: ASCII letter or digit, '_', '-', '+', '/' or '='.</summary>
    public static bool IsTokenChar(char c) =>
        (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '/') <= '9' - '/' || c is '_' or '-' or '+' or '=';

    /// <summary>True when <paramref name="text"/> has <see cref="MinLength"/> or more token characters in a row.</summary>
    public static bool Exists(ReadOnlySpan<char> text) => Next(text, 0, out _, out _);

    /// <summary>The next run of <see cref="MinLength"/> or more token characters that ends after <paramref name="from"/>:
    /// its bounds (the whole run, also the part before <paramref name="from"/>), or false when there is none. To walk
    /// the runs one after another, go on from one past the end of the last (the character there ends it).</summary>
    public static bool Next(ReadOnlySpan<char> text, int from, out int start, out int end)
    {
        start = end = -1;
        if (from >= text.Length)
        {
            return false;
        }
        // Token characters right before from count towards a run (at most as many as decide).
        var carry = 0;
        while (carry < MinLength && from - carry > 0 && IsTokenChar(text[from - carry - 1]))
        {
            carry++;
        }
        var i = from;
        // Blocks while the text lasts (carrying the run that crosses into the next), the tail and a block holding a run by hand.
        if (BlockMasks.IsSupported)
        {
            for (; i + BlockMasks.Length <= text.Length; i += BlockMasks.Length)
            {
                var block = text.Slice(i, BlockMasks.Length);
                var mask = BlockMasks.Of(block).Tokens;
                if (mask == ulong.MaxValue)
                {
                    carry += BlockMasks.Length;
                    if (carry >= MinLength)
                    {
                        return Measure(text, i, out start, out end);
                    }
                    continue;
                }
                if (carry + BitOperations.TrailingZeroCount(~mask) >= MinLength)
                {
                    // The run crossing into this block: it includes the character before the block.
                    return Measure(text, carry > 0 ? i - 1 : i, out start, out end);
                }
                if (HasRun(mask))
                {
                    // A run starts in this block: find it by hand from here (it ends the search within the block).
                    break;
                }
                carry = BitOperations.LeadingZeroCount(~mask);
            }
        }
        // Every character of [i - carry, i) is a token character: counting restarts where that run begins.
        i -= carry;
        var run = 0;
        for (; i < text.Length; i++)
        {
            run = IsTokenChar(text[i]) ? run + 1 : 0;
            if (run >= MinLength)
            {
                return Measure(text, i, out start, out end);
            }
        }
        return false;
    }

    /// <summary>The bounds of the run of token characters around <paramref name="inside"/>.</summary>
    private static bool Measure(ReadOnlySpan<char> text, int inside, out int start, out int end)
    {
        start = inside;
        while (start > 0 && IsTokenChar(text[start - 1]))
        {
            start--;
        }
        end = inside;
        while (end < text.Length && IsTokenChar(text[end]))
        {
            end++;
        }
        return true;
    }

    /// <summary>True when <paramref name="mask"/> has <see cref="MinLength"/> set bits in a row: each step ANDs the mask
    /// with itself shifted, doubling the run length every bit must begin (1, 2, 4, 8, 16, then 18).</summary>
    internal static bool HasRun(ulong mask)
    {
        var runs = mask;
        var length = 1;
        while (length < MinLength)
        {
            var shift = Math.Min(length, MinLength - length);
            runs &= runs >> shift;
            length += shift;
        }
        return runs != 0;
    }
}
