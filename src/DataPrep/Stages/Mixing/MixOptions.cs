using System.ComponentModel;
using DataPrep.Configuration;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Mixing;

/// <summary>
/// The <c>mix:</c> block of a mix config: the sources, the token share each target (language or source) should have
/// in the mix, the tokenizer that measures tokens, the total token budget, epoch caps and the seed of the sampler.
/// <see cref="Sources"/> and <see cref="Targets"/> are bound item by item by <see cref="MixConfig"/>, so every
/// problem is reported with its own config path.
/// </summary>
internal sealed record MixOptions : IValidatableOptions
{
    /// <summary>The sources, in the order their documents are written.</summary>
    [Description("The sources: name, path, language, maxEpochs, textField, idField, tokenCountField.")]
    public IReadOnlyList<MixSourceOptions> Sources { get; init; } = [];

    /// <summary>Share of the mix's tokens per target key (languages or source names, see <see cref="TargetsBy"/>); the
    /// shares sum to 1.</summary>
    [Description("Share of the mix's tokens per language (ko, en, other) or per source name; shares sum to 1.")]
    public IReadOnlyDictionary<string, double> Targets { get; init; } = new Dictionary<string, double>();

    /// <summary>Whether target keys are languages (default) or source names.</summary>
    [Description("language (targets are ko/en/other) or source (targets are source names).")]
    public MixTargetKind TargetsBy { get; init; } = MixTargetKind.Language;

    /// <summary>Tokenizer that measures the budget and the shares (as for <c>Tokenize</c>). Default <c>o200k_base</c>.</summary>
    [Description("Encoding name (r50k_base, gpt2, cl100k_base, o200k_base) or path to a SentencePiece .model, a tokenizer.json, or a folder holding one.")]
    public string Tokenizer { get; init; } = "o200k_base";

    /// <summary>Tokens of the whole mix (document tokens, without end-of-document tokens). Required.</summary>
    [Description("Total tokens of the mix (document tokens, end-of-document tokens not counted).")]
    public long TokenBudget { get; init; }

    /// <summary>Seed of the sampler: with the source name and the document id it decides every inclusion. Default 1.</summary>
    [Description("Seed of the hash that decides each document's inclusion (with source name and id).")]
    public long Seed { get; init; } = 1;

    /// <summary>Default cap on passes over a source (a source's <c>maxEpochs</c> overrides it). Default 4: beyond about
    /// four epochs repeated tokens are worth much less than fresh ones (Muennighoff et al. 2023, "Scaling Data-Constrained
    /// Language Models").</summary>
    [Description("Default most passes over each source (upsampling cap).")]
    public double MaxEpochs { get; init; } = 4;

    /// <summary>When a target cannot be met within the epoch caps: false (default) stops before writing anything
    /// (exit 1); true takes everything the caps allow for that target and reports the gap in mix.json.</summary>
    [Description("false: a target that cannot be met stops the run (exit 1); true: take what exists and report the gap.")]
    public bool AllowShortfall { get; init; }

    /// <summary>Also write the token ids of the mix as a Megatron-LM/NeMo indexed dataset at
    /// <c>OUTPUT/megatron/mix[_rank-NNNNN]</c>. Default false.</summary>
    [Description("Also write the mix's token ids as Megatron .bin/.idx at OUTPUT/megatron/mix.")]
    public bool Megatron { get; init; }

    /// <summary>With <see cref="Megatron"/>, append the tokenizer's end-of-document token after each document. Default true.</summary>
    [Description("With megatron: append the end-of-document token after each document.")]
    public bool AppendEndOfDocument { get; init; } = true;

    /// <summary>Threads that parse and tokenize; 0 (default) = one per core.</summary>
    [Description("Threads that parse and tokenize; 0 = one per core.")]
    public int Threads { get; init; }

    /// <summary>The epoch cap of <paramref name="source"/>.</summary>
    public double EpochCapOf(MixSourceOptions source) => (source ?? throw new ArgumentNullException(nameof(source))).MaxEpochs ?? MaxEpochs;

    /// <inheritdoc />
    public IEnumerable<OptionProblem> Validate()
    {
        if (TokenBudget < 1)
        {
            yield return new OptionProblem("tokenBudget", $"tokenBudget must be at least 1 token (got {TokenBudget}), e.g. tokenBudget: 20_000_000.");
        }
        if (MaxEpochs <= 0)
        {
            yield return new OptionProblem("maxEpochs", $"maxEpochs must be above 0 (got {MaxEpochs}).");
        }
        if (string.IsNullOrWhiteSpace(Tokenizer))
        {
            yield return new OptionProblem("tokenizer", "tokenizer must name an encoding or a tokenizer file (e.g. o200k_base).");
        }
        if (Threads < 0)
        {
            yield return new OptionProblem("threads", $"threads must be 0 (all cores) or more (got {Threads}).");
        }
    }
}
