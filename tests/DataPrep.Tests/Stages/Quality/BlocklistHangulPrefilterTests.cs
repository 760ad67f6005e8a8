using DataPrep.Stages.Quality;

namespace DataPrep.Tests.Stages.Quality;

/// <summary>
/// The Hangul prefilter may only rule out texts that hold no entry: an entry's first pair at any position (in the
/// vector part, across its 16-char steps, or in the scalar tail) must be found.
/// </summary>
public class BlocklistHangulPrefilterTests
{
    private static readonly string[] Entries = ["씨발", "지랄", "토토사이트", "ㅅㅂ"];

    [Fact]
    public void AnEntryAtEveryPositionIsFound()
    {
        var filter = new BlocklistHangulPrefilter(Entries);
        foreach (var entry in Entries)
        {
            for (var length = 2; length < 60; length++)
            {
                for (var at = 0; at + 2 <= length; at++)
                {
                    // Filler of the entries' first syllables, never followed by their second ones.
                    var text = new string('지', length).ToCharArray();
                    text[at] = entry[0];
                    text[at + 1] = entry[1];
                    Assert.True(filter.MayHoldEntry(text), $"{entry} at {at} of {length}");
                }
            }
        }
    }

    [Fact]
    public void TextsWithoutAnyFirstPairAreRuledOut()
    {
        var filter = new BlocklistHangulPrefilter(Entries);
        Assert.False(filter.MayHoldEntry(""));
        Assert.False(filter.MayHoldEntry("지"));
        Assert.False(filter.MayHoldEntry("지역의 시장과 사람들은 씨앗을 토요일에 심었다. 지지 않는 토론, ㅅㅅ ㅂㅂ 발씨"));
        Assert.False(filter.MayHoldEntry(new string('씨', 100)));
    }

    [Fact]
    public void OneCharEntriesSendEveryTextOn()
    {
        var filter = new BlocklistHangulPrefilter(["씨발", "똥"]);
        Assert.True(filter.MayHoldEntry("아무 말"));
    }

    [Fact]
    public void TheFilterCountsEntriesAtEveryPositionAsBefore()
    {
        var blocklist = new BlocklistFilter(new() { UseDefaultLists = false, Words = [.. Entries] });
        for (var spaces = 0; spaces < 40; spaces++)
        {
            var text = "가" + new string(' ', spaces) + "나는 지랄 하는 씨발놈";
            Assert.Equal(2, blocklist.CountMatches(DocumentAnalysis.Of(text)));
        }
    }
}
