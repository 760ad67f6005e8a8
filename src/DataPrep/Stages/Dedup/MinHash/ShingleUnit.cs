namespace DataPrep.Stages.Dedup.MinHash;

/// <summary>What a MinHash shingle is made of.</summary>
public enum ShingleUnit
{
    /// <summary>n consecutive letters/digits, ignoring whitespace and punctuation: robust to Korean's variable
    /// spacing (<c>보더 콜리</c> = <c>보더콜리</c>) and usable for any script. The default.</summary>
    Chars,

    /// <summary>n consecutive words (runs of letters/digits): the datatrove/FineWeb choice for spaced languages.</summary>
    Words,
}
