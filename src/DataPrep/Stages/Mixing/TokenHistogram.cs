namespace DataPrep.Stages.Mixing;

/// <summary>
/// Tokens and documents of one mix cell by the top bits of each document's <see cref="MixHash"/> coin: a fixed-size
/// summary (4,096 buckets, 64 KiB) of a source of any size. The solver reads from it the coin threshold below which
/// the documents hold a wanted number of tokens: a sampled fraction then holds a known, exact number of tokens instead
/// of what the luck of independent coin flips gives.
/// </summary>
internal sealed class TokenHistogram
{
    /// <summary>Bits of the coin that choose the bucket.</summary>
    public const int Bits = 12;

    /// <summary>Number of buckets.</summary>
    public const int Buckets = 1 << Bits;

    private const int Shift = 64 - Bits;

    /// <summary>Creates an empty histogram.</summary>
    public TokenHistogram()
    {
        Tokens = new long[Buckets];
        Documents = new long[Buckets];
    }

    /// <summary>Creates a histogram from stored arrays (both of length <see cref="Buckets"/>).</summary>
    /// <exception cref="ArgumentException">An array has the wrong length.</exception>
    public TokenHistogram(long[] tokens, long[] documents)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(documents);
        if (tokens.Length != Buckets || documents.Length != Buckets)
        {
            throw new ArgumentException($"A token histogram has {Buckets} buckets.", nameof(tokens));
        }
        Tokens = tokens;
        Documents = documents;
    }

    /// <summary>Tokens per bucket.</summary>
    public long[] Tokens { get; }

    /// <summary>Documents per bucket.</summary>
    public long[] Documents { get; }

    /// <summary>Counts one document with coin <paramref name="coin"/> and <paramref name="tokens"/> tokens.</summary>
    public void Add(ulong coin, long tokens)
    {
        var bucket = (int)(coin >> Shift);
        Tokens[bucket] += tokens;
        Documents[bucket]++;
    }

    /// <summary>Adds every bucket of <paramref name="other"/>.</summary>
    public void Add(TokenHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < Buckets; i++)
        {
            Tokens[i] += other.Tokens[i];
            Documents[i] += other.Documents[i];
        }
    }

    /// <summary>The coin threshold whose documents (coin below it) hold the number of tokens closest to
    /// <paramref name="wantedTokens"/> among the bucket boundaries, with the exact tokens and documents below it. A
    /// threshold on a boundary takes whole buckets, whose contents pass 1 counted exactly, so pass 2 writes exactly the
    /// returned tokens; the error against the wanted tokens is at most half of one bucket.</summary>
    public (ulong Threshold, long Tokens, long Documents) ThresholdFor(double wantedTokens)
    {
        if (wantedTokens <= 0)
        {
            return (0, 0, 0);
        }
        long tokensBelow = 0, documentsBelow = 0;
        for (var bucket = 0; bucket < Buckets; bucket++)
        {
            var tokens = Tokens[bucket];
            if (tokensBelow + tokens >= wantedTokens)
            {
                // Take the bucket when that lands nearer the wanted tokens than stopping before it.
                if (tokensBelow + tokens - wantedTokens < wantedTokens - tokensBelow)
                {
                    return (bucket + 1 == Buckets ? ulong.MaxValue : (ulong)(bucket + 1) << Shift, tokensBelow + tokens, documentsBelow + Documents[bucket]);
                }
                return ((ulong)bucket << Shift, tokensBelow, documentsBelow);
            }
            tokensBelow += tokens;
            documentsBelow += Documents[bucket];
        }
        return (ulong.MaxValue, tokensBelow, documentsBelow);
    }
}
