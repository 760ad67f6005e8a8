namespace DataPrep.Stages.Dedup.Substring;

/// <summary>Where the ends of a removed span may fall (<see cref="SubstringDedupOptions.Boundary"/>).</summary>
public enum SpanBoundary
{
    /// <summary>Whitespace boundaries: whole words, and whole eojeol in Korean, are removed (the default).</summary>
    Words,

    /// <summary>UTF-8 character boundaries: no character is ever cut in half, words may be.</summary>
    Chars,
}
