namespace DataPrep.Tests.Support;

/// <summary>Clean prose written for the quality tests, and builders for documents that trip one rule.</summary>
public static class QualityTexts
{
    public const string English =
        "The old lighthouse stands at the edge of the harbour, and it has guided fishing boats home for more than a century.\n" +
        "Its keeper climbs the spiral stairs every evening to light the lamp and to check that the lens is clean.\n" +
        "In winter the storms are fierce, with waves that break over the rocks and spray salt across the windows.\n" +
        "Local children like to visit on weekends, because the keeper tells stories about ships that were saved by the beam.\n" +
        "Some of those stories are true, while others have grown a little with each telling.\n" +
        "The town council voted last year to restore the tower, which had begun to crack after decades of wind.\n" +
        "Engineers replaced the iron railings and painted the walls white again, so the lighthouse now looks as it did when it was new.";

    public const string Korean =
        "서울의 오래된 시장은 새벽부터 사람들로 붐빈다.\n" +
        "상인들은 해가 뜨기 전에 가게 문을 열고 신선한 채소와 생선을 진열한다.\n" +
        "손님들은 가격을 비교하면서 필요한 물건을 천천히 고른다.\n" +
        "최근에는 젊은 관광객도 많이 찾아와 시장의 분위기가 더욱 활기차졌다.\n" +
        "구청은 시장의 낡은 지붕을 고치고 통로를 넓히는 공사를 지난해에 마쳤다.\n" +
        "덕분에 비가 오는 날에도 손님들이 편하게 장을 볼 수 있게 되었다.\n" +
        "상인회는 앞으로 전통 음식 축제를 열어 더 많은 방문객을 맞이할 계획이다.";

    /// <summary>Korean prose with English passages: each script holds a real share of the words.</summary>
    public const string Mixed =
        "이 보고서는 새로운 검색 엔진의 구조를 설명한다.\n" +
        "The index is split into shards, and each shard is stored on a separate machine with its own cache.\n" +
        "검색 요청이 들어오면 중앙 서버가 모든 샤드에 질의를 보내고 결과를 모은다.\n" +
        "Results are ranked by a model that was trained on click logs from the previous year.\n" +
        "개발팀은 응답 시간을 줄이기 위해 캐시의 크기를 두 배로 늘렸다.\n" +
        "After the change, the median latency dropped from ninety to forty milliseconds.";

    /// <summary><paramref name="count"/> distinct made-up words of <paramref name="length"/> letters (no stop words).</summary>
    public static string DistinctWords(int count, int length = 6, int seed = 0)
    {
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            var chars = new char[length];
            var x = i + seed * 100_003;
            for (var k = 0; k < length; k++)
            {
                // Base-26 digits of the index, scrambled per position: distinct for distinct indexes.
                chars[length - 1 - k] = (char)('a' + ((x % 26) + k * 7) % 26);
                x /= 26;
            }
            words[i] = new string(chars);
        }
        return string.Join(' ', words);
    }
}
