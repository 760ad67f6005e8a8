using System.Runtime.CompilerServices;

namespace DataPrep.Stages.Quality;

/// <summary>
/// Korean grammar signals that work on eojeols (space-separated units) without a morphological
/// analyser: bound particles and verb endings sit at the end of an eojeol, so a suffix test on the
/// last one or two syllables recovers most of what a morpheme stop-word list measures.
/// </summary>
internal static class KoreanText
{
    /// <summary>Number of case-particle classes tracked in <see cref="CaseParticleClass"/>.</summary>
    public const int CaseParticleClasses = 8;

    // Final syllables that mark a grammatical eojeol (particles, copula, common verb/adjective endings):
    // the set P of research/korean.md §3.4, measured to cover the top of the final-syllable distribution.
    private const string ParticleFinals = "는은이가을를의에로과와도다고며서한된인적게지면요만";

    // Sentence-final endings that close a sentence in Korean prose written without a period
    // (declarative 다, polite 요, interrogative 까, 죠/네, and the nominal endings 음/함/임/됨 of notices).
    private const string SentenceFinals = "다요까죠네음함임됨";

    private const int Syllables = 0xD7A4 - 0xAC00;

    // What each syllable is as the last or second-to-last syllable of an eojeol, one byte per syllable: the low three
    // bits hold the case-particle class when CaseClassKnown is set. One load replaces a chain of compares and
    // string searches, run for every Hangul eojeol of every document.
    private const byte CaseClassKnown = 1 << 3;
    private const byte ParticleFinal = 1 << 4;
    private const byte SentenceFinal = 1 << 5;
    private const byte BeforeDeclarativeEnding = 1 << 6;
    private const byte BeforePoliteEnding = 1 << 7;

    private static readonly byte[] s_syllables = BuildTable();

    private static byte[] BuildTable()
    {
        var table = new byte[Syllables];
        foreach (var c in ParticleFinals)
        {
            table[c - 0xAC00] |= ParticleFinal;
        }
        foreach (var c in SentenceFinals)
        {
            table[c - 0xAC00] |= SentenceFinal;
        }
        foreach (var c in BeforeDeclarative)
        {
            table[c - 0xAC00] |= BeforeDeclarativeEnding;
        }
        foreach (var c in BeforePolite)
        {
            table[c - 0xAC00] |= BeforePoliteEnding;
        }
        string[] classes = ["은는", "이가", "을를", "의", "에", "로", "와과", "도"];
        for (var k = 0; k < classes.Length; k++)
        {
            foreach (var c in classes[k])
            {
                table[c - 0xAC00] |= (byte)(CaseClassKnown | k);
            }
        }
        return table;
    }

    // The syllable's byte of the table; 0 for any other char.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Info(char c) => (uint)(c - 0xAC00) < Syllables ? s_syllables[c - 0xAC00] : (byte)0;

    /// <summary>True when the eojeol core (punctuation already stripped) ends in a particle or ending.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EndsInParticle(ReadOnlySpan<char> core)
    {
        if (core.IsEmpty)
        {
            return false;
        }
        var last = core[^1];
        if ((Info(last) & ParticleFinal) != 0)
        {
            return true;
        }
        // 부터 and 처럼 end in syllables that are not particles on their own.
        return core.Length >= 2 && ((last == '터' && core[^2] == '부') || (last == '럼' && core[^2] == '처'));
    }

    /// <summary>The case-particle class (0–7) the eojeol ends with, or -1: 은/는, 이/가, 을/를, 의, 에/에서,
    /// (으)로, 와/과, 도. Two different classes in a document are the Korean analogue of Gopher's
    /// "at least two stop words": evidence of sentences rather than keyword lists.</summary>
    /// <remarks>은/는 0, 이/가 1, 을/를 2, 의 3, 에 and 에서 4, 로 5, 와/과 6, 도 7.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CaseParticleClass(ReadOnlySpan<char> core)
    {
        // A bare one-syllable eojeol is more often a noun (이, 도) than a particle on a noun.
        if (core.Length < 2)
        {
            return -1;
        }
        var last = core[^1];
        var info = Info(last);
        if ((info & CaseClassKnown) != 0)
        {
            return info & 7;
        }
        return last == '서' && core[^2] == '에' && core.Length >= 3 ? 4 : -1;
    }

    // Syllables before a final 다 that make it a declarative sentence ending (했다, 있다, 합니다, 한다…)
    // rather than the comparative particle 보다 or a noun (바다).
    private const string BeforeDeclarative = "니했였이한된있없았었겠렸졌웠왔갔봤줬냈같많는렵쁘";

    // Syllables before a final 요 that make it a polite ending (세요, 어요, 해요…) rather than 필요/중요.
    private const string BeforePolite = "세어아해여네죠게데지까래워와예에든군";

    /// <summary>True when an eojeol (punctuation stripped) ends a Korean sentence: a declarative 다 after
    /// a verb/adjective stem or tense marker, a polite 요 ending, or the interrogative 니까/나요.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EndsSentence(ReadOnlySpan<char> core)
    {
        if (core.Length < 2)
        {
            return false;
        }
        var previous = core[^2];
        return core[^1] switch
        {
            '다' => (Info(previous) & BeforeDeclarativeEnding) != 0,
            '요' => (Info(previous) & BeforePoliteEnding) != 0,
            '까' => previous == '니',
            _ => false,
        };
    }

    /// <summary>True when a line ending in <paramref name="c"/> ends a Korean sentence (다, 요, 까, …).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSentenceFinal(char c) => (Info(c) & SentenceFinal) != 0;
}
