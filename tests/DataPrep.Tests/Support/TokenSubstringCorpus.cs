using DataPrep.Tokenizers;

namespace DataPrep.Tests.Support;

/// <summary>
/// Real Korean and English documents (ko-wiki, en-wiki, alternating) with repeated spans of at least a given number of
/// tokens planted into several of them: whole words cut from other documents (ko-petitions, later en-wiki articles),
/// each inserted as a line of 2 to 5 distinct documents. The token-unit counterpart of <see cref="SubstringCorpus"/>.
/// </summary>
public static class TokenSubstringCorpus
{
    public static SubstringCorpus.PlantedCorpus PlantedWithPositions(
        ITextTokenizer tokenizer, int documents, int spans, int spanTokens, int seed, int maxChars = 3000)
    {
        var korean = CorpusReader.Read("ko-wiki.jsonl.gz", limit: 600).Select(d => d.Text).Where(t => t.Length >= 200).ToList();
        var english = CorpusReader.Read("en-wiki.jsonl.gz", limit: 300).Select(d => d.Text).Where(t => t.Length >= 200).ToList();
        var texts = new List<string>();
        for (var i = 0; texts.Count < documents; i++)
        {
            var source = i % 2 == 0 ? korean[i / 2] : english[i / 2];
            texts.Add(source.Length <= maxChars ? source : source[..Math.Max(1, source.LastIndexOf(' ', maxChars))]);
        }
        var donors = CorpusReader.Read("ko-petitions.jsonl.gz", limit: 200).Select(d => d.Text)
            .Zip(english.Skip(documents), (ko, en) => new[] { ko, en }).SelectMany(pair => pair).Where(t => t.Length > 600)
            .DistinctBy(t => t[..100]).ToList();
        var random = new Random(seed);
        var plants = new List<SubstringCorpus.Plant>();
        var spanTexts = new List<string>();
        for (var d = 0; spanTexts.Count < spans; d++)
        {
            var words = donors[d].Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var start = random.Next(0, Math.Max(1, words.Length / 3));
            var span = words[start];
            for (var w = start + 1; w < words.Length && tokenizer.CountTokens(span) < spanTokens; w++)
            {
                span += " " + words[w];
            }
            // Spans that share text with an earlier span would make its first copy a later one.
            if (tokenizer.CountTokens(span) < spanTokens || NaiveSubstringDedup.HasRepeat(spanTexts, span, 32))
            {
                continue;
            }
            spanTexts.Add(span);
            var targets = Enumerable.Range(0, documents).OrderBy(_ => random.Next()).Take(random.Next(2, 6)).Order().ToList();
            foreach (var target in targets)
            {
                var text = texts[target];
                var breaks = Enumerable.Range(0, text.Length).Where(i => text[i] == '\n').ToList();
                var at = breaks.Count > 0 ? breaks[random.Next(breaks.Count)] : text.Length;
                texts[target] = $"{text[..at]}\n{span}{text[at..]}";
                plants.Add(new SubstringCorpus.Plant(target, span, target == targets[0]));
            }
        }
        return new SubstringCorpus.PlantedCorpus(texts, plants);
    }
}
