namespace DataPrep.Stages.Quality;

/// <summary>
/// The small default word lists of <see cref="BlocklistFilter"/>, written for DataPrep: unambiguous
/// profanity, sexual-content spam and gambling spam that have no innocent everyday sense. They are a
/// starting point, not a toxicity model; real runs should add their own lists through <c>wordFiles</c>.
/// </summary>
internal static class DefaultBlocklists
{
    public static readonly string[] English =
    [
        "fuck", "fucking", "fucker", "motherfucker", "shit", "bullshit", "cunt", "asshole",
        "porn", "porno", "pornhub", "hentai", "camgirl", "camgirls", "milf", "blowjob", "handjob", "cumshot",
        "online casino", "casino bonus", "free spins", "sports betting", "buy viagra", "cheap viagra", "cialis",
    ];

    // Hangul entries match inside eojeols, so each root also catches its inflected and particle forms
    // (씨발놈아), and the jamo abbreviations catch the usual obfuscation. Roots that are also parts of
    // ordinary words are left out or lengthened: 보지/자지 (보지 않았다, 자지 않고), 자위 (자위대),
    // 병신 (병신년, a year of the sexagenary cycle).
    public static readonly string[] Korean =
    [
        "씨발", "시발놈", "씨팔", "씨바", "ㅅㅂ", "ㅆㅂ", "ㅂㅅ", "좆같", "개새끼", "개새기", "병신같", "병신새끼", "지랄", "니미럴", "엿먹어",
        "야동", "포르노", "섹스", "원조교제", "조건만남",
        "토토사이트", "바카라", "카지노사이트", "슬롯사이트", "사설토토",
    ];
}
