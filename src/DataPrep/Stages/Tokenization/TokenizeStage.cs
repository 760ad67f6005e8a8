using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Tokenizers;

namespace DataPrep.Stages.Tokenization;

/// <summary>
/// Counts the tokens of every document under one tokenizer and writes the count to metadata (<c>tokens</c> by
/// default). Keeps every document. Counters: <c>tokens.out</c> (sum); distribution <c>doc.tokens</c>.
/// The tokenizer is loaded once per process and shared by all threads (<see cref="TokenizerFactory.GetShared"/>).
/// </summary>
/// <remarks>
/// The last step of the paper's order (quality → dedup → PII → tokenization). Counting is exact: the ids are those of
/// the reference implementations (tiktoken encodings and byte-level Hugging Face files re-implemented exactly by
/// <see cref="ByteLevelBpeTokenizer"/>, SentencePiece by <see cref="SentencePieceBpeTokenizer"/>, other Hugging Face
/// files through its Rust library), without BOS/EOS. To write token ids for training, use
/// <see cref="IndexedDatasetWriter"/>.
/// </remarks>
[Stage("Tokenize", typeof(TokenizeOptions), Family = 4, Description = "Counts tokens per document under one tokenizer into metadata 'tokens'.")]
public sealed class TokenizeStage : DocumentStage
{
    /// <summary>Counter: total tokens of all documents that passed.</summary>
    public const string TokensCounter = "tokens.out";

    /// <summary>Distribution: tokens per document.</summary>
    public const string TokensDistribution = "doc.tokens";

    private readonly string _metadataKey;

    /// <summary>Creates the stage; relative tokenizer paths resolve against the current directory.</summary>
    public TokenizeStage(TokenizeOptions options)
        : this(options, StageBuildContext.Default)
    {
    }

    /// <summary>Creates the stage, resolving a tokenizer path through <paramref name="context"/>.</summary>
    /// <exception cref="ArgumentException">The tokenizer names no known encoding and no existing file.</exception>
    public TokenizeStage(TokenizeOptions options, StageBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        Tokenizer = TokenizerFactory.GetSharedForOptions(options.Tokenizer, context.ResolvePath);
        _metadataKey = options.MetadataKey;
    }

    /// <summary>Prefix of the per-language token counters (<c>tokens.lang.ko</c>, <c>tokens.lang.en</c>, …): the run report's
    /// Korean share of tokens by document language.</summary>
    public const string TokensByLanguagePrefix = "tokens.lang.";

    /// <inheritdoc />
    public override string Id => "tokenize";

    // The language LanguageId wrote; without it, the majority script of the letters.
    private static string LanguageOf(Document document)
    {
        if (document.Metadata.GetString(MetadataKeys.Language) is { Length: > 0 } language)
        {
            return language;
        }
        var counts = DataPrep.Text.Scripts.Count(document.Text);
        return counts.Letters == 0 ? "none" : counts.HangulShareOfLetters >= 0.5 ? "ko" : counts.LatinShareOfLetters >= 0.5 ? "en" : "other";
    }

    /// <summary>The shared tokenizer this stage counts with.</summary>
    public ITextTokenizer Tokenizer { get; }

    /// <inheritdoc />
    protected override Verdict Evaluate(Document document, StageContext context)
    {
        var count = Tokenizer.CountTokens(document.Text);
        document.Metadata[_metadataKey] = (long)count;
        context.Stats.Increment(TokensCounter, count);
        context.Stats.Increment(TokensByLanguagePrefix + LanguageOf(document), count);
        context.Stats.Observe(TokensDistribution, count);
        return Verdict.Keep;
    }
}
