using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Stages.Quality;

/// <summary>
/// Measures C4's document rules for the what-if report. C4's sentence count depends on which lines survive its line
/// rules, and lorem ipsum and '{' are only looked for in surviving lines: a copy of the stage that demands
/// unreachably many sentences (and never rewrites text) reports, for every document, either the lorem/curly
/// rejection or the sentence count. It runs once per document and keeps the verdict.
/// </summary>
internal sealed class C4QualityProbe : IRejectionSink
{
    private readonly C4QualityFilter _stage;
    private readonly StageContext _context;
    private Document? _document;
    private Rejection? _last;

    public C4QualityProbe(C4QualityOptions options)
    {
        _stage = new C4QualityFilter(options with { MinSentences = int.MaxValue, MinSentencesKorean = int.MaxValue, RemoveLines = false });
        _context = new StageContext(_stage.Id, ShardSpec.Single, rejections: null);
    }

    /// <summary>The sentences counted in the last document that was short of sentences.</summary>
    public double Sentences { get; private set; }

    /// <summary>The code the copy rejects <paramref name="document"/> with.</summary>
    public string? Code(Document document)
    {
        if (!ReferenceEquals(document, _document))
        {
            _document = document;
            _last = null;
            var context = new StageContext(_stage.Id, ShardSpec.Single, _context.Stats, rejections: this);
            _stage.Process(document, context);
            Sentences = 0;
            if (_last is { Detail: { } detail } && _last.Reason == C4QualityFilter.TooFewSentences)
            {
                // Detail is machine-made: "sentences=12<2147483647".
                var from = detail.IndexOf('=', StringComparison.Ordinal) + 1;
                var to = detail.IndexOf('<', StringComparison.Ordinal);
                Sentences = double.Parse(detail.AsSpan(from, to - from), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return _last?.Reason.Code;
    }

    /// <inheritdoc />
    public void Reject(Rejection rejection) => _last = rejection;
}
