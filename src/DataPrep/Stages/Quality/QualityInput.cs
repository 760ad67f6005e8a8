using DataPrep.Documents;

namespace DataPrep.Stages.Quality;

/// <summary>
/// What a quality rule measures: the document, its analysis, which threshold set its language takes, and
/// which language the value is measured for (<see cref="Korean"/>; a mixed Korean/English document is
/// also measured for the other language when a rule accepts the evidence of either).
/// </summary>
internal readonly record struct QualityInput(Document Document, DocumentAnalysis A, QualityProfile Profile, bool Korean)
{
    /// <summary>The analysed document, measured for its own language.</summary>
    public static QualityInput Of(Document document)
    {
        var analysis = DocumentAnalysis.Of(document);
        var profile = QualityProfile.Of(document, analysis);
        return new QualityInput(document, analysis, profile, profile.Korean);
    }

    /// <summary>For rules that read metadata only: no analysis (<see cref="A"/> is null), English profile.</summary>
    public static QualityInput MetadataOf(Document document) => new(document, null!, default, Korean: false);

    /// <summary>The same document measured for the other language.</summary>
    public QualityInput ForOtherLanguage() => this with { Korean = !Korean };
}
