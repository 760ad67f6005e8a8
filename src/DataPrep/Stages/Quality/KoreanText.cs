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

    private static readonly bool[] s_particleFinal = BuildTable(ParticleFinals);
    private static readonly bool[] s_sentenceFinal = BuildTable(SentenceFinals);

    private static bool[] BuildTable(string syllables)
    {
        var table = new bool[0xD7A4 - 0xAC00];
        foreach (var c in syllables)
        {
            table[c - 0xAC00] = true;
        }
        return table;
    }

    /// <summary>True when the eojeol core (punctuation already stripped) ends in a particle or ending.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EndsInParticle(ReadOnlySpan<char> core)
    {
        if (core.IsEmpty)
        {
            return false;
        }
        var last = core[^1];
        if (last < 0xAC00 || last > 0xD7A3)
        {
            return false;
        }
        if (s_particleFinal[last - 0xAC00])
        {
            return true;
        }
        // 부터 and 처럼 end in syllables that are not particles on their own.
        return core.Length >= 2 && ((last == '터' && core[^2] == '부') || (last == '럼' && core[^2] == '처'));
    }

    /// <summary>The case-particle class (0–7) the eojeol ends with, or -1: 은/는, 이/가, 을/를, 의, 에/에서,
    /// (으)로, 와/과, 도. Two different classes in a document are the Korean analogue of Gopher's
    /// "at least two stop words": evidence of sentences rather than keyword lists.</summary>
    public static int CaseParticleClass(ReadOnlySpan<char> core)
    {
        // A bare one-syllable eojeol is more often a noun (이, 도) than a particle on a noun.
        if (core.Length < 2)
        {
            return -1;
        }
        return core[^1] switch
        {
            '은' or '는' => 0,
            '이' or '가' => 1,
            '을' or '를' => 2,
            '의' => 3,
            '에' => 4,
            '서' when core[^2] == '에' && core.Length >= 3 => 4,
            '로' => 5,
            '와' or '과' => 6,
            '도' => 7,
            _ => -1,
        };
    }

    // Syllables before a final 다 that make it a declarative sentence ending (했다, 있다, 합니다, 한다…)
    // rather than the comparative particle 보다 or a noun (바다).
    private const string BeforeDeclarative = "니했였이한된있없았었겠렸졌웠왔갔봤줬냈같많는렵쁘";

    // Syllables before a final 요 that make it a polite ending (세요, 어요, 해요…) rather than 필요/중요.
    private const string BeforePolite = "세어아해여네죠게데지까래워와예에든군";

    /// <summary>True when an eojeol (punctuation stripped) ends a Korean sentence: a declarative 다 after
    /// a verb/adjective stem or tense marker, a polite 요 ending, or the interrogative 니까/나요.</summary>
    public static bool EndsSentence(ReadOnlySpan<char> core)
    {
        if (core.Length < 2)
        {
            return false;
        }
        var previous = core[^2];
        return core[^1] switch
        {
            '다' => BeforeDeclarative.Contains(previous),
            '요' => BeforePolite.Contains(previous),
            '까' => previous == '니',
            _ => false,
        };
    }

    /// <summary>True when a line ending in <paramref name="c"/> ends a Korean sentence (다, 요, 까, …).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSentenceFinal(char c) => c >= 0xAC00 && c <= 0xD7A3 && s_sentenceFinal[c - 0xAC00];
}
