namespace DataPrep.Text;

/// <summary>Number of characters per <see cref="Script"/> in a text.</summary>
internal struct ScriptCounts
{
    /// <summary>Characters that belong to no script (space, digits, punctuation).</summary>
    public int Common;

    /// <summary>Hangul characters.</summary>
    public int Hangul;

    /// <summary>Latin letters.</summary>
    public int Latin;

    /// <summary>CJK ideographs.</summary>
    public int Han;

    /// <summary>Kana.</summary>
    public int Kana;

    /// <summary>Cyrillic letters.</summary>
    public int Cyrillic;

    /// <summary>Other letters.</summary>
    public int Other;

    /// <summary>All letters (every script but <see cref="Script.Common"/>).</summary>
    public readonly int Letters => Hangul + Latin + Han + Kana + Cyrillic + Other;

    /// <summary>Counts one character of <paramref name="script"/>.</summary>
    public void Add(Script script)
    {
        switch (script)
        {
            case Script.Hangul: Hangul++; break;
            case Script.Latin: Latin++; break;
            case Script.Han: Han++; break;
            case Script.Kana: Kana++; break;
            case Script.Cyrillic: Cyrillic++; break;
            case Script.Other: Other++; break;
            default: Common++; break;
        }
    }

    /// <summary>Share of letters that are Hangul (0 when there are no letters).</summary>
    public readonly double HangulShareOfLetters => Letters == 0 ? 0 : (double)Hangul / Letters;

    /// <summary>Share of letters that are Latin (0 when there are no letters).</summary>
    public readonly double LatinShareOfLetters => Letters == 0 ? 0 : (double)Latin / Letters;
}
