using System.Text.RegularExpressions;
using DataPrep.Configuration;
using DataPrep.IO;
using DataPrep.Pipeline;

namespace DataPrep.Tests.Pipeline;

public partial class RejectionReasonRegistryTests
{
    private static IEnumerable<DataPrep.Pipeline.RejectionReason> AllReasons() =>
        StageRegistry.CreateDefault().Stages.SelectMany(s => s.RejectionReasons).Concat(InputReasons.All);

    [Fact]
    public void EveryRejectionCodeIsUniqueAndDotted()
    {
        var codes = AllReasons().Select(r => r.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches(CodePattern(), code));
    }

    [Fact]
    public void EveryRejectionCodeIsListedInReadme()
    {
        var readme = File.ReadAllText(Path.Combine(Support.TestPaths.RepositoryRoot, "README.md"));
        var missing = AllReasons().Select(r => r.Code).Where(code => !readme.Contains($"`{code}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "README.md does not list: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryStageHasADescriptionAndDefaultOptionsThatValidate()
    {
        foreach (var stage in StageRegistry.CreateDefault().Stages)
        {
            Assert.False(string.IsNullOrWhiteSpace(stage.Description), stage.Name);
            if (stage.CreateDefaultOptions() is DataPrep.Pipeline.IValidatableOptions options)
            {
                Assert.Empty(options.Validate());
            }
        }
    }

    [GeneratedRegex(@"^[a-z0-9_]+(\.[a-z0-9_]+){1,3}$")]
    private static partial Regex CodePattern();
}
