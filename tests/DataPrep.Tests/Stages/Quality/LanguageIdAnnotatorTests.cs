using DataPrep.Documents;
using DataPrep.Stages.Quality;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Quality;

public class LanguageIdAnnotatorTests
{
    private static readonly LanguageIdAnnotator Annotator = new(new LanguageIdOptions());

    [Fact]
    public void ScriptStatisticsLabelKoreanAndEnglishWithoutLingua()
    {
        var korean = Some.Document(QualityTexts.Korean);
        var english = Some.Document(QualityTexts.English);
        var result = StageHarness.Run(Annotator, korean, english);
        Assert.Equal("ko", korean.Metadata.GetString(MetadataKeys.Language));
        Assert.Equal("en", english.Metadata.GetString(MetadataKeys.Language));
        Assert.True(korean.Metadata.GetNumber(MetadataKeys.LanguageScore) > 0.95);
        Assert.Equal(0, result.Stats.Get("lingua.calls"));
        Assert.Equal(2, result.Kept.Count);
    }

    [Fact]
    public void MixedKoreanEnglishDocumentIsAskedOfLingua()
    {
        var mixed = Some.Document(QualityTexts.Mixed);
        var result = StageHarness.Run(Annotator, mixed);
        Assert.Equal(1, result.Stats.Get("lingua.calls"));
        Assert.Contains(mixed.Metadata.GetString(MetadataKeys.Language), new[] { "ko", "en" });
    }

    [Fact]
    public void LinguaSeparatesConfiguredLanguagesThatShareAScript()
    {
        var annotator = new LanguageIdAnnotator(new() { Languages = ["en", "fr", "ko"] });
        var (language, score, usedLingua) = annotator.Identify(
            "Le vieux phare se dresse au bord du port et guide les bateaux de pêche depuis plus d'un siècle. Chaque soir, le gardien monte l'escalier pour allumer la lampe.");
        Assert.Equal("fr", language);
        Assert.True(usedLingua);
        Assert.True(score > 0.5);
    }

    [Fact]
    public void TextWithoutLettersIsUndetermined() =>
        Assert.Equal(("und", 0.0, false), Annotator.Identify("12,345 67.89 — 100%"));

    [Fact]
    public void UnknownLanguageCodeIsAnOptionProblem()
    {
        var problems = new LanguageIdOptions { Languages = ["ko", "xx"] }.Validate().ToList();
        Assert.Contains(problems, p => p.Property == "languages" && p.Message.Contains("'xx'", StringComparison.Ordinal));
    }
}
