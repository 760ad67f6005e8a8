using System.Text;

namespace DataPrep.Tests.Support;

/// <summary>
/// Real Korean and English documents (ko-wiki, en-wiki, alternating) with repeated spans of about 200 UTF-8 bytes
/// planted into several of them: whole words cut from other documents (ko-petitions, later en-wiki articles), each
/// inserted as a line of 2 to 5 distinct documents.
/// </summary>
public static class SubstringCorpus
{
    /// <summary>One planted copy: which document, the span, and whether it is the first copy in input order.</summary>
    public sealed record Plant(int Document, string Span, bool IsFirst);

    /// <summary>The texts and where every span was planted.</summary>
    public sealed record PlantedCorpus(List<string> Texts, List<Plant> Plants)
    {
        /// <summary>
        /// Scores a dedup result against the plants: every first copy must survive (asserted here), a later copy counts
        /// as cut when its span is gone, and the bytes removed beyond the cut copies are measured against the unplanted
        /// bytes. <paramref name="kept"/> maps a document's index to its text after dedup.
        /// </summary>
        public PlantedScore Score(IReadOnlyDictionary<int, string> kept)
        {
            int repeats = 0, cut = 0, korean = 0;
            long plantedBytesCut = 0;
            foreach (var plant in Plants)
            {
                var text = kept[plant.Document];
                if (plant.IsFirst)
                {
                    Assert.Contains(plant.Span, text);
                    continue;
                }
                repeats++;
                korean += plant.Span.Any(c => c is >= '가' and <= '힣') ? 1 : 0;
                if (!text.Contains(plant.Span, StringComparison.Ordinal))
                {
                    cut++;
                    plantedBytesCut += Encoding.UTF8.GetByteCount(plant.Span);
                }
            }
            long inputBytes = Texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
            long outputBytes = kept.Values.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
            long plantedBytes = Plants.Where(p => !p.IsFirst).Sum(p => (long)Encoding.UTF8.GetByteCount(p.Span));
            var unplantedBytes = inputBytes - plantedBytes;
            return new PlantedScore(repeats, cut, korean, unplantedBytes, (inputBytes - outputBytes - plantedBytesCut) / (double)unplantedBytes);
        }
    }

    /// <summary>How many later copies there were, how many were cut (and how many are Korean), and the share of unplanted bytes removed.</summary>
    public sealed record PlantedScore(int Repeats, int Cut, int Korean, long UnplantedBytes, double UnplantedRemoved);

    public static List<string> Planted(int documents, int spans, int seed, int maxChars = 3000) =>
        PlantedWithPositions(documents, spans, seed, maxChars).Texts;

    public static PlantedCorpus PlantedWithPositions(int documents, int spans, int seed, int maxChars = 3000)
    {
        var korean = CorpusReader.Read("ko-wiki.jsonl.gz", limit: 600).Select(d => d.Text).Where(t => t.Length >= 200).ToList();
        var english = CorpusReader.Read("en-wiki.jsonl.gz", limit: 300).Select(d => d.Text).Where(t => t.Length >= 200).ToList();
        var texts = new List<string>();
        for (var i = 0; texts.Count < documents; i++)
        {
            var source = i % 2 == 0 ? korean[i / 2] : english[i / 2];
            texts.Add(Truncate(source, maxChars));
        }
        var donors = CorpusReader.Read("ko-petitions.jsonl.gz", limit: 200).Select(d => d.Text)
            .Zip(english.Skip(documents), (ko, en) => new[] { ko, en }).SelectMany(pair => pair).Where(t => t.Length > 400)
            .DistinctBy(t => t[..100]).ToList();
        var random = new Random(seed);
        var plants = new List<Plant>();
        var spanTexts = new List<string>();
        for (var d = 0; spanTexts.Count < spans; d++)
        {
            // Spans that share text with an earlier span would make its first copy a later one.
            var span = WordsOfAbout(donors[d], 200, random);
            if (NaiveSubstringDedup.HasRepeat(spanTexts, span, 32))
            {
                continue;
            }
            spanTexts.Add(span);
            var targets = Enumerable.Range(0, documents).OrderBy(_ => random.Next()).Take(random.Next(2, 6)).Order().ToList();
            foreach (var target in targets)
            {
                texts[target] = InsertAsLine(texts[target], span, random);
                plants.Add(new Plant(target, span, target == targets[0]));
            }
        }
        return new PlantedCorpus(texts, plants);
    }

    private static string Truncate(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', maxChars);
        return text[..(cut > 0 ? cut : maxChars)];
    }

    /// <summary>Whole words from a random word start until the span has at least <paramref name="bytes"/> UTF-8 bytes.</summary>
    private static string WordsOfAbout(string text, int bytes, Random random)
    {
        var words = text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var start = random.Next(0, Math.Max(1, words.Length / 2));
        var builder = new StringBuilder();
        for (var i = start; i < words.Length && Encoding.UTF8.GetByteCount(builder.ToString()) < bytes; i++)
        {
            builder.Append(builder.Length > 0 ? " " : "").Append(words[i]);
        }
        return builder.ToString();
    }

    /// <summary>Inserts the span as a line of its own at a random line break (spans have none, so a later span
    /// never lands inside an earlier one).</summary>
    private static string InsertAsLine(string text, string span, Random random)
    {
        var breaks = Enumerable.Range(0, text.Length).Where(i => text[i] == '\n').ToList();
        var at = breaks.Count > 0 ? breaks[random.Next(breaks.Count)] : text.Length;
        return $"{text[..at]}\n{span}{text[at..]}";
    }
}
