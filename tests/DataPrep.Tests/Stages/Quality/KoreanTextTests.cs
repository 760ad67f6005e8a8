using DataPrep.Stages.Quality;
using Xunit;

namespace DataPrep.Tests.Stages.Quality;

/// <summary>
/// KoreanText answers from one table of syllables. Its answers must be the rules as written: the final syllables of
/// particles and endings, the case-particle classes, and the syllables before 다 and 요 that make a sentence ending,
/// checked here for every final syllable after a sample of preceding chars.
/// </summary>
public sealed class KoreanTextTests
{
    private const string ParticleFinals = "는은이가을를의에로과와도다고며서한된인적게지면요만";
    private const string BeforeDeclarative = "니했였이한된있없았었겠렸졌웠왔갔봤줬냈같많는렵쁘";
    private const string BeforePolite = "세어아해여네죠게데지까래워와예에든군";

    // Every char a rule names before the last one, plus ordinary syllables, the edges of the syllable block and non-Hangul chars.
    private static readonly string Previous = BeforeDeclarative + BeforePolite + "니부처에가나힣\uABFF\uD7A4aZ1 .ㅋ";

    [Fact]
    public void EveryFinalSyllableGetsTheRulesAnswers()
    {
        var checkedWords = 0;
        for (var last = 0xABF0; last <= 0xD7B0; last++)
        {
            var final = (char)last;
            Assert.Equal(final >= 0xAC00 && final <= 0xD7A3 && "다요까죠네음함임됨".Contains(final), KoreanText.IsSentenceFinal(final));
            Assert.Equal(ParticleFinals.Contains(final), KoreanText.EndsInParticle([final]));
            Assert.Equal(-1, KoreanText.CaseParticleClass([final]));
            Assert.False(KoreanText.EndsSentence([final]));
            foreach (var previous in Previous)
            {
                foreach (var word in new[] { new[] { previous, final }, ['서', previous, final], ['x', previous, final] })
                {
                    Assert.Equal(ExpectedEndsInParticle(word), KoreanText.EndsInParticle(word));
                    Assert.Equal(ExpectedCaseParticleClass(word), KoreanText.CaseParticleClass(word));
                    Assert.Equal(ExpectedEndsSentence(word), KoreanText.EndsSentence(word));
                    checkedWords++;
                }
            }
        }
        Assert.True(checkedWords > 100_000);
        Assert.False(KoreanText.EndsInParticle([]));
    }

    [Theory]
    [InlineData("학교에서", 4, true, false)]
    [InlineData("서울에서", 4, true, false)]
    [InlineData("에서", -1, true, false)]
    [InlineData("있습니다", -1, true, true)]
    [InlineData("보다", -1, true, false)]
    [InlineData("필요", -1, true, false)]
    [InlineData("했어요", -1, true, true)]
    [InlineData("합니까", -1, false, true)]
    [InlineData("부터", -1, true, false)]
    [InlineData("처럼", -1, true, false)]
    [InlineData("사람은", 0, true, false)]
    [InlineData("나라의", 3, true, false)]
    [InlineData("서울2", -1, false, false)]
    public void KnownEojeols(string core, int caseClass, bool particle, bool endsSentence)
    {
        Assert.Equal(caseClass, KoreanText.CaseParticleClass(core));
        Assert.Equal(particle, KoreanText.EndsInParticle(core));
        Assert.Equal(endsSentence, KoreanText.EndsSentence(core));
    }

    private static bool ExpectedEndsInParticle(ReadOnlySpan<char> core) =>
        ParticleFinals.Contains(core[^1]) || (core[^1] == '터' && core[^2] == '부') || (core[^1] == '럼' && core[^2] == '처');

    private static int ExpectedCaseParticleClass(ReadOnlySpan<char> core) => core[^1] switch
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

    private static bool ExpectedEndsSentence(ReadOnlySpan<char> core) => core[^1] switch
    {
        '다' => BeforeDeclarative.Contains(core[^2]),
        '요' => BeforePolite.Contains(core[^2]),
        '까' => core[^2] == '니',
        _ => false,
    };
}
