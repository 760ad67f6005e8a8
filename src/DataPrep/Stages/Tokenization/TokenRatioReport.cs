using System.Text;
using DataPrep.Documents;
using DataPrep.Tokenizers;

namespace DataPrep.Stages.Tokenization;

/// <summary>
/// Measures how each tokenizer treats Korean against English over a corpus: the Korean share of tokens (by the script
/// of the characters each token covers, and by document language), fertility (tokens per character, per
/// eojeol/word and per UTF-8 byte) for Korean and English documents, the Korean/English token ratio on parallel text,
/// and byte-fallback and unknown-token rates; beside them, the tokenizer-free shares by whitespace words and letters.
/// Used by <c>dataprep tokens</c>; documents are processed on all cores, tokenizers are shared.
/// </summary>
/// <remarks>
/// Why both token and word shares: the survey's "0.01697% of GPT-3's training data was Korean" counts whitespace words
/// (GPT-3's <c>languages_by_word_count.csv</c>); a Korean eojeol carries about 1.5 English words of content and costs
/// 1–9 tokens depending on the tokenizer, so the share by tokens is a different number.
/// </remarks>
internal sealed class TokenRatioReport
{
    private readonly TokenRatioOptions _options;

    /// <summary>Creates a report with <paramref name="options"/> (defaults when null).</summary>
    public TokenRatioReport(TokenRatioOptions? options = null) => _options = options ?? new TokenRatioOptions();

    /// <summary>Runs the report for tokenizer specs (encoding names or paths, see <see cref="TokenizerFactory"/>).</summary>
    /// <exception cref="ArgumentException">A spec names no known encoding and no existing file.</exception>
    public TokenRatioResult Run(IEnumerable<string> tokenizerSpecs, IEnumerable<Document> documents, string? baseDirectory = null)
    {
        var tokenizers = tokenizerSpecs.Select(spec => TokenizerFactory.GetShared(spec, baseDirectory)).ToList();
        return Run(tokenizers, documents);
    }

    /// <summary>Runs the report for already created tokenizers.</summary>
    /// <exception cref="ArgumentException">No tokenizer was given.</exception>
    public TokenRatioResult Run(IReadOnlyList<ITextTokenizer> tokenizers, IEnumerable<Document> documents)
    {
        var session = Begin(tokenizers);
        Parallel.ForEach(
            documents,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxDegreeOfParallelism) },
            () => new TokenRatioAccumulator(session.Tokenizers),
            (document, _, local) =>
            {
                Add(local, document);
                return local;
            },
            local => local.MergeInto(session.Total));
        return session.Complete();
    }

    /// <summary>Starts an incremental report (for a pipeline stage): add documents in batches, then complete.</summary>
    /// <exception cref="ArgumentException">No tokenizer was given.</exception>
    public TokenRatioSession Begin(IReadOnlyList<ITextTokenizer> tokenizers)
    {
        if (tokenizers.Count == 0)
        {
            throw new ArgumentException("Give at least one tokenizer.", nameof(tokenizers));
        }
        var array = tokenizers.ToArray();
        return new TokenRatioSession(this, array, new TokenRatioAccumulator(array));
    }

    internal void AddBatch(TokenRatioSession session, IReadOnlyList<Document> batch) =>
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, batch.Count, Math.Max(1, batch.Count / (4 * Environment.ProcessorCount))),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxDegreeOfParallelism) },
            () => new TokenRatioAccumulator(session.Tokenizers),
            (range, _, local) =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    Add(local, batch[i]);
                }
                return local;
            },
            local => local.MergeInto(session.Total));

    private void Add(TokenRatioAccumulator accumulator, Document document)
    {
        var text = Prepare(document.Text);
        var english = document.Metadata.GetString(_options.ParallelField) is { } en ? Prepare(en) : null;
        accumulator.Add(text, LanguageOf(document, text), english);
    }

    private string Prepare(string text) =>
        _options.NormalizeNfc && !text.IsNormalized(NormalizationForm.FormC) ? text.Normalize(NormalizationForm.FormC) : text;

    private int LanguageOf(Document document, string text)
    {
        var language = document.Metadata.GetString(_options.LanguageField);
        if (!string.IsNullOrEmpty(language))
        {
            return language.StartsWith("ko", StringComparison.OrdinalIgnoreCase) ? 0
                : language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? 1
                : 2;
        }
        return TokenRatioAccumulator.LanguageFromScript(text);
    }

    internal TokenRatioResult Build(ITextTokenizer[] tokenizers, TokenRatioAccumulator total)
    {
        Dictionary<string, long> ByLanguage(long[] values) => TokenRatioAccumulator.Languages
            .Select((name, i) => (name, i)).ToDictionary(x => x.name, x => values[x.i], StringComparer.Ordinal);

        var corpus = new TokenRatioCorpus(
            total.Documents,
            ByLanguage(total.DocumentsByLanguage),
            ByLanguage(total.WordsByLanguage),
            ByLanguage(total.CharactersByLanguage),
            total.Words,
            total.HangulWords,
            total.Letters,
            total.HangulLetters,
            total.ParallelPairs,
            total.DecomposedHangulDocuments);
        var entries = new List<TokenRatioEntry>(tokenizers.Length);
        for (var t = 0; t < tokenizers.Length; t++)
        {
            var block = total.PerTokenizer[t];
            TokenRatioFertility Fertility(int slot)
            {
                var f = block.Fertility.AsSpan(slot * 5, 5);
                return new TokenRatioFertility(f[0], f[1], f[2], f[3], f[4]);
            }
            entries.Add(new TokenRatioEntry
            {
                Name = tokenizers[t].Name,
                VocabularySize = tokenizers[t].VocabularySize,
                TotalTokens = block.Tokens,
                TokensByScript = TokenRatioAccumulator.ScriptNames.Select((name, i) => (name, i))
                    .ToDictionary(x => x.name, x => block.ByScript[x.i], StringComparer.Ordinal),
                TokensByLanguage = ByLanguage(block.ByLanguage),
                Korean = Fertility(0),
                English = Fertility(1),
                ParallelKorean = Fertility(2),
                ParallelEnglish = Fertility(3),
                ByteFallbackTokens = block.ByteFallback,
                UnknownTokens = block.Unknown,
            });
        }
        var warnings = new List<string>();
        if (total.DecomposedHangulDocuments > 0)
        {
            warnings.Add(_options.NormalizeNfc
                ? $"{total.DecomposedHangulDocuments} documents contain decomposed (NFD) Hangul; they were normalised to NFC before counting."
                : $"{total.DecomposedHangulDocuments} documents contain decomposed (NFD) Hangul, which most tokenizers split into 2.5-9x more tokens; "
                  + "counts are for the text as given (normalise with NFC, or use the NFC option, to count composed text).");
        }
        if (total.Documents == 0)
        {
            warnings.Add("No documents were read.");
        }
        return new TokenRatioResult(entries, corpus, warnings, _options.NormalizeNfc);
    }
}
