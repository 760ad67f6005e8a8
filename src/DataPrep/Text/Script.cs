namespace DataPrep.Text;

/// <summary>The writing system of a character, as far as DataPrep's rules and reports need it.</summary>
internal enum Script : byte
{
    /// <summary>White space, digits, punctuation, symbols: counts for no language.</summary>
    Common = 0,

    /// <summary>Hangul syllables, jamo and compatibility jamo.</summary>
    Hangul,

    /// <summary>Latin letters (ASCII and accented).</summary>
    Latin,

    /// <summary>CJK ideographs (Hanja in Korean text).</summary>
    Han,

    /// <summary>Hiragana and katakana.</summary>
    Kana,

    /// <summary>Cyrillic letters.</summary>
    Cyrillic,

    /// <summary>Any other letter.</summary>
    Other,
}
