using System.Numerics;
using System.Runtime.Intrinsics;

namespace DataPrep.Stages.Pii;

/// <summary>
/// Finds whether a text has a long run of token characters — ASCII letters, digits and <c>_ - + / =</c> — the
/// characters every generated secret is made of (API keys, secret values written in prose). Prose words are far shorter,
/// so most documents have no such run and the secret detectors need not search them at all.
/// </summary>
/// <remarks>One vectorised pass: each block of 64 characters becomes a bit mask of token characters, and runs are found
/// with shifts and ANDs on the mask, carrying the run that crosses a block boundary.</remarks>
internal static class TokenRun
{
    /// <summary>The run length searched for: the shortest API key (<c>sk_live_</c> and ten characters,
    /// <see cref="ApiKeyDetector.ShortestTokenRun"/>) and no longer than a secret written in prose (20).</summary>
    public const int MinLength = 18;

    /// <summary>True for a token character: ASCII letter or digit, '_', '-', '+', '/' or '='.</summary>
    public static bool IsTokenChar(char c) =>
        (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '/') <= '9' - '/' || c is '_' or '-' or '+' or '=';

    /// <summary>True when <paramref name="text"/> has <see cref="MinLength"/> or more token characters in a row.</summary>
    public static bool Exists(ReadOnlySpan<char> text)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return ExistsScalar(text, 0, 0);
        }
        var carry = 0;
        var i = 0;
        ref var start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(text);
        for (; i + 64 <= text.Length; i += 64)
        {
            var mask = Mask(ref start, i) | (Mask(ref start, i + 16) << 16) | (Mask(ref start, i + 32) << 32) | (Mask(ref start, i + 48) << 48);
            if (mask == ulong.MaxValue)
            {
                carry += 64;
                if (carry >= MinLength)
                {
                    return true;
                }
                continue;
            }
            // The run that crossed into this block from the previous one.
            if (carry + BitOperations.TrailingZeroCount(~mask) >= MinLength || HasRun(mask))
            {
                return true;
            }
            carry = BitOperations.LeadingZeroCount(~mask);
        }
        return ExistsScalar(text, i, carry);
    }

    /// <summary>The same answer one character at a time from <paramref name="from"/>, after a run of
    /// <paramref name="carry"/> token characters (the tail, and machines without 256-bit vectors).</summary>
    internal static bool ExistsScalar(ReadOnlySpan<char> text, int from, int carry)
    {
        var run = carry;
        for (var i = from; i < text.Length; i++)
        {
            run = IsTokenChar(text[i]) ? run + 1 : 0;
            if (run >= MinLength)
            {
                return true;
            }
        }
        return false;
    }

    private static ulong Mask(ref char start, int offset)
    {
        var v = Vector256.LoadUnsafe(ref System.Runtime.CompilerServices.Unsafe.As<char, ushort>(ref start), (nuint)offset);
        var letter = Vector256.LessThan((v | Vector256.Create((ushort)0x20)) - Vector256.Create((ushort)'a'), Vector256.Create((ushort)26));
        var digitOrSlash = Vector256.LessThan(v - Vector256.Create((ushort)'/'), Vector256.Create((ushort)11));
        var sign = Vector256.Equals(v, Vector256.Create((ushort)'_')) | Vector256.Equals(v, Vector256.Create((ushort)'-'))
            | Vector256.Equals(v, Vector256.Create((ushort)'+')) | Vector256.Equals(v, Vector256.Create((ushort)'='));
        return (letter | digitOrSlash | sign).ExtractMostSignificantBits();
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
