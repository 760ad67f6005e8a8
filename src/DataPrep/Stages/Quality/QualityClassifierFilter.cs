using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>
/// Scores each document with a trained linear quality classifier, writes the score (0–1) to the
/// <c>quality_score</c> metadata and rejects documents scoring below <c>threshold</c>.
/// </summary>
/// <remarks>
/// <para>Source: Brown et al. 2020 (GPT-3) Appendix A and Chowdhery et al. 2022 (PaLM) §3: a linear
/// classifier trained to tell curated text from raw web text. GPT-3 kept documents stochastically
/// (<c>np.random.pareto(9) &gt; 1 - score</c>); this stage uses a plain threshold so a run is reproducible
/// and every rejection has a reason. Train the model with <c>dataprep quality train</c>
/// (<see cref="QualityClassifierTrainer"/>).</para>
/// <para>Cost: one pass to fold the text, about six XxHash3 calls and one sorted sparse dot product per
/// character, on at most the model's <c>maxChars</c> characters.</para>
/// </remarks>
[Stage("QualityClassifier", typeof(QualityClassifierOptions), Family = 1,
    Description = "Scores documents with a trained linear classifier (hashed char/word n-grams) into quality_score and drops those below a threshold.")]
public sealed class QualityClassifierFilter : FilterStage, IQualityRules
{
    /// <summary>Score below the threshold.</summary>
    public static readonly RejectionReason LowScore = new("quality.classifier.low_score", "quality_score from the trained classifier below threshold.");

    private readonly QualityClassifierModel _model;
    private readonly QualityRuleTable _rules;

    /// <summary>Creates the filter from a model file named in the options.</summary>
    /// <exception cref="ArgumentException">No model is named, the file does not exist, or it is not a model this build reads.</exception>
    public QualityClassifierFilter(QualityClassifierOptions options, StageBuildContext context)
        : this(options, LoadModel(options, context))
    {
    }

    /// <summary>Creates the filter around a model already in memory.</summary>
    public QualityClassifierFilter(QualityClassifierOptions options, QualityClassifierModel model)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(model);
        Options = options;
        _model = model;
        _rules = new QualityRuleTable(perLanguage: false,
            new QualityRule(LowScore, "threshold", "quality_score", QualityRuleKind.Fraction, QualityComparison.Below,
                options.Threshold, options.Threshold, (in x) => model.Score(x.Document.Text)));
    }

    /// <summary>The options in effect.</summary>
    public QualityClassifierOptions Options { get; }

    /// <summary>The model that scores documents.</summary>
    public QualityClassifierModel Model => _model;

    /// <inheritdoc />
    public override string Id => "quality.classifier";

    QualityRuleTable IQualityRules.QualityRules => _rules;

    /// <inheritdoc />
    protected override Verdict Evaluate(Document document, StageStats stats)
    {
        var score = _model.Score(document.Text);
        document.Metadata[MetadataKeys.QualityScore] = score;
        // Scored once: the score is kept in the metadata, then judged by the rule.
        return _rules.Rules[0].Check(score);
    }

    private static QualityClassifierModel LoadModel(QualityClassifierOptions options, StageBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new ArgumentException("model is required: the path of a model trained with 'dataprep quality train'.");
        }
        var path = context.ResolvePath(options.Model);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"model file '{options.Model}' does not exist (looked at {path}).");
        }
        try
        {
            return QualityClassifierModel.Load(path);
        }
        catch (InvalidDataException e)
        {
            throw new ArgumentException($"model file '{options.Model}': {e.Message}", e);
        }
    }
}
