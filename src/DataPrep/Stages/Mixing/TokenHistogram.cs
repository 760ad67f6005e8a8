namespace DataPrep.Stages.Mixing;

/// <summary>
/// Tokens and documents of one mix cell by the top bits of each document's <see cref="MixHash"/> coin: a fixed-size
/// summary (4,096 buckets, 64 KiB) of a source of any size. The solver reads from it the coin threshold below which
/// the documents hold a wanted number of tokens, so a sampled fraction hits its token count to within part of one
/// bucket instead of by the luck of independent coin flips.
/// </summary>
public sealed class TokenHistogram
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

    /// <summary>The coin threshold whose documents (coin below it) hold about <paramref name="wantedTokens"/> tokens,
    /// interpolating inside the bucket where the running total crosses it, and the tokens and documents expected below it.</summary>
    public (ulong Threshold, double ExpectedTokens, double ExpectedDocuments) ThresholdFor(double wantedTokens)
    {
        if (wantedTokens <= 0)
        {
            return (0, 0, 0);
        }
        double tokensBelow = 0, documentsBelow = 0;
        for (var bucket = 0; bucket < Buckets; bucket++)
        {
            var tokens = Tokens[bucket];
            if (tokensBelow + tokens >= wantedTokens && tokens > 0)
            {
                var fraction = (wantedTokens - tokensBelow) / tokens;
                var start = (ulong)bucket << Shift;
                var threshold = start + (ulong)(fraction * (1UL << Shift));
                return (threshold, wantedTokens, documentsBelow + (fraction * Documents[bucket]));
            }
            tokensBelow += tokens;
            documentsBelow += Documents[bucket];
        }
        return (ulong.MaxValue, tokensBelow, documentsBelow);
    }
}
