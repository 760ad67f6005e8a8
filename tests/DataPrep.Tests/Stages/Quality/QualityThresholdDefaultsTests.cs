using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using DataPrep.Configuration;
using DataPrep.Stages.Quality;

namespace DataPrep.Tests.Stages.Quality;

/// <summary>
/// A quality threshold is declared once, in its filter's defaults: option descriptions (shown by <c>dataprep stages</c>)
/// name it through a placeholder that <see cref="OptionDescriptions"/> fills from the defaults, never as a literal.
/// </summary>
public partial class QualityThresholdDefaultsTests
{
    private static IEnumerable<(string Stage, JsonTypeInfo Options, object Defaults)> QualityStages() =>
        StageRegistry.CreateDefault().Stages
            .Where(s => s.OptionsType.Namespace == typeof(GopherQualityOptions).Namespace)
            .Select(s => (s.Name, OptionsBinder.SerializerOptions.GetTypeInfo(s.OptionsType), s.CreateDefaultOptions()));

    // The per-language threshold records of a stage: its english and korean options, of one record type.
    private static (JsonTypeInfo Record, object English, object Korean)? PerLanguage(JsonTypeInfo options, object defaults)
    {
        var english = options.Properties.SingleOrDefault(p => p.Name == "english");
        var korean = options.Properties.SingleOrDefault(p => p.Name == "korean");
        return english is null || korean is null || english.PropertyType != korean.PropertyType
            ? null
            : (OptionsBinder.SerializerOptions.GetTypeInfo(english.PropertyType), english.Get!(defaults)!, korean.Get!(defaults)!);
    }

    [Fact]
    public void NoQualityOptionDescriptionStatesADefaultNumberAsALiteral()
    {
        var literals = new List<string>();
        var perLanguageStages = 0;
        foreach (var (stage, options, defaults) in QualityStages())
        {
            literals.AddRange(options.Properties.Where(p => LiteralDefault().IsMatch(OptionDescriptions.Template(p))).Select(p => $"{stage}.{p.Name}"));
            if (PerLanguage(options, defaults) is { } set)
            {
                perLanguageStages++;
                literals.AddRange(set.Record.Properties.Where(p => LiteralDefault().IsMatch(OptionDescriptions.Template(p))).Select(p => $"{stage}.*.{p.Name}"));
            }
        }
        Assert.Equal(3, perLanguageStages); // GopherQuality, GopherRepetition, FineWebQuality
        Assert.True(literals.Count == 0, "Write {default} (or {english} and {korean}) instead of the number: " + string.Join(", ", literals));
    }

    [Fact]
    public void EveryPlaceholderIsFilledFromTheDefaults()
    {
        var filled = 0;
        foreach (var (stage, options, defaults) in QualityStages())
        {
            foreach (var property in options.Properties)
            {
                filled += OptionDescriptions.HasPlaceholder(OptionDescriptions.Template(property)) ? 1 : 0;
                Assert.False(OptionDescriptions.HasPlaceholder(OptionDescriptions.Describe(property, defaults)), $"{stage}.{property.Name}");
            }
            if (PerLanguage(options, defaults) is { } set)
            {
                foreach (var property in set.Record.Properties)
                {
                    filled += OptionDescriptions.HasPlaceholder(OptionDescriptions.Template(property)) ? 1 : 0;
                    Assert.False(OptionDescriptions.HasPlaceholder(OptionDescriptions.DescribePerLanguage(property, set.English, set.Korean)), $"{stage}.*.{property.Name}");
                }
            }
        }
        Assert.True(filled >= 30, $"only {filled} descriptions with placeholders");
    }

    [Fact]
    public void DescriptionsShowTheDefaultsInEffect()
    {
        var gopher = new GopherQualityOptions();
        var minWords = OptionsBinder.SerializerOptions.GetTypeInfo(typeof(GopherQualityThresholds)).Properties.Single(p => p.Name == "minWords");
        Assert.Equal($"Minimum non-symbol words (eojeols for Korean). Default: English {gopher.English.MinWords} (Gopher), Korean {gopher.Korean.MinWords}.",
            OptionDescriptions.DescribePerLanguage(minWords, gopher.English, gopher.Korean));

        var repetition = new GopherRepetitionOptions();
        var topNGrams = OptionsBinder.SerializerOptions.GetTypeInfo(typeof(GopherRepetitionThresholds)).Properties.Single(p => p.Name == "maxTopNGramCharRatios");
        Assert.Contains($"English [{string.Join(", ", repetition.English.MaxTopNGramCharRatios!)}] (Gopher)",
            OptionDescriptions.DescribePerLanguage(topNGrams, repetition.English, repetition.Korean), StringComparison.Ordinal);

        var c4 = OptionsBinder.SerializerOptions.GetTypeInfo(typeof(C4QualityOptions));
        Assert.Equal("Minimum words (eojeols) per line. Default 3 (C4).",
            OptionDescriptions.Describe(c4.Properties.Single(p => p.Name == "minWordsPerLine"), new C4QualityOptions()));
        Assert.Equal("Minimum words (eojeols) per line. Default 7 (C4).",
            OptionDescriptions.Describe(c4.Properties.Single(p => p.Name == "minWordsPerLine"), new C4QualityOptions { MinWordsPerLine = 7 }));
    }

    [Fact]
    public void ASharedDefaultThatDiffersBetweenLanguagesIsRefused()
    {
        var record = OptionsBinder.SerializerOptions.GetTypeInfo(typeof(GopherQualityThresholds));
        var bullets = record.Properties.Single(p => p.Name == "maxBulletLineRatio"); // "Default {default} (Gopher)."
        var defaults = new GopherQualityOptions();
        Assert.Throws<InvalidOperationException>(() =>
            OptionDescriptions.DescribePerLanguage(bullets, defaults.English, defaults.Korean with { MaxBulletLineRatio = 0.5 }));
    }

    // "Default 3", "Default: 3", "English 50", "Korean [0.2": a number where a placeholder belongs.
    [GeneratedRegex(@"(Default:?|English|Korean) \[?[0-9]")]
    private static partial Regex LiteralDefault();
}
