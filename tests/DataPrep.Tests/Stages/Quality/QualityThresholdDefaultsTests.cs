using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using DataPrep.Stages.Quality;

namespace DataPrep.Tests.Stages.Quality;

/// <summary>
/// The per-language defaults are declared once, in each filter's defaults; the option descriptions (shown by
/// <c>dataprep stages</c> and <c>dataprep schema</c>) repeat them for people, so they must not drift.
/// </summary>
public partial class QualityThresholdDefaultsTests
{
    public static TheoryData<string, object, object> ThresholdSets() => new()
    {
        { "gopher", new GopherQualityOptions().English, new GopherQualityOptions().Korean },
        { "gopher_repetition", new GopherRepetitionOptions().English, new GopherRepetitionOptions().Korean },
        { "fineweb", new FineWebQualityOptions().English, new FineWebQualityOptions().Korean },
    };

    [Theory]
    [MemberData(nameof(ThresholdSets))]
    public void DescriptionsStateTheDefaultsInEffect(string stage, object english, object korean)
    {
        var checkedValues = 0;
        foreach (var property in english.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var description = property.GetCustomAttribute<DescriptionAttribute>()!.Description;
            if (property.GetValue(english) is not IConvertible en || property.GetValue(korean) is not IConvertible ko)
            {
                continue; // arrays (n-gram ratios) are listed as a whole
            }
            var enValue = en.ToDouble(CultureInfo.InvariantCulture);
            var koValue = ko.ToDouble(CultureInfo.InvariantCulture);
            if (EnglishDefault().Match(description) is { Success: true } e)
            {
                Assert.True(Parse(e) == enValue, $"{stage}.english.{property.Name}: '{description}' vs {enValue}");
                checkedValues++;
            }
            if (KoreanDefault().Match(description) is { Success: true } k)
            {
                Assert.True(Parse(k) == koValue, $"{stage}.korean.{property.Name}: '{description}' vs {koValue}");
                checkedValues++;
            }
            else if (SharedDefault().Match(description) is { Success: true } both)
            {
                Assert.True(Parse(both) == enValue && Parse(both) == koValue, $"{stage}.{property.Name}: '{description}' vs {enValue}/{koValue}");
                checkedValues++;
            }
        }
        Assert.True(checkedValues >= 5, $"{stage}: only {checkedValues} defaults found in the descriptions");
    }

    private static double Parse(Match match) => double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"English ([0-9]+(?:\.[0-9]+)?)")]
    private static partial Regex EnglishDefault();

    [GeneratedRegex(@"Korean ([0-9]+(?:\.[0-9]+)?)")]
    private static partial Regex KoreanDefault();

    [GeneratedRegex(@"Default ([0-9]+(?:\.[0-9]+)?)")]
    private static partial Regex SharedDefault();
}
