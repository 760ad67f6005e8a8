using System.Reflection;
using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Stages;
using DataPrep.Stages.Quality;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Quality;

/// <summary>The rule tables that both the quality stages and the what-if report read.</summary>
public class QualityRuleTableTests
{
    private static readonly RejectionReason Low = new("quality.test.low", "Test value below its minimum.");
    private static readonly RejectionReason High = new("quality.test.high", "Test value above its maximum.");

    private static QualityInput Input(bool korean, bool mixed) =>
        new(Some.Document("text"), null!, new QualityProfile(korean, mixed), korean);

    [Fact]
    public void FirstFailingRuleRejectsWithMeasuredValueComparisonAndThreshold()
    {
        var table = new QualityRuleTable(perLanguage: true,
            new QualityRule(Low, "minValue", "value", QualityRuleKind.Count, QualityComparison.Below, 10, 5, static (in _) => 7),
            new QualityRule(High, "maxValue", "value", QualityRuleKind.Count, QualityComparison.Above, 1, 1, static (in _) => 7));

        var english = table.Evaluate(Input(korean: false, mixed: false));
        var korean = table.Evaluate(Input(korean: true, mixed: false));

        Assert.Equal(Low, english.Reason);
        Assert.Equal("value=7<10", english.Detail);
        Assert.Equal(High, korean.Reason);
        Assert.Equal("value=7>1", korean.Detail);
    }

    [Fact]
    public void MixedDocumentMeetsTheLooserThresholdAndTheDetailNamesIt()
    {
        QualityRule Rule(double value) => new(Low, "minValue", "value", QualityRuleKind.Ratio, QualityComparison.Below, 10, 5, (in _) => value)
        {
            Mixed = MixedLanguageRule.LooserThreshold,
        };

        Assert.True(new QualityRuleTable(true, Rule(7)).Evaluate(Input(korean: false, mixed: true)).IsKept);
        var rejected = new QualityRuleTable(true, Rule(4.25)).Evaluate(Input(korean: false, mixed: true));
        Assert.Equal("value=4.25<5", rejected.Detail);
        Assert.Equal(double.PositiveInfinity, QualityRuleTable.SweptValue(Rule(7), Input(korean: false, mixed: true)));
        Assert.Equal(4.25, QualityRuleTable.SweptValue(Rule(4.25), Input(korean: false, mixed: true)));
    }

    [Fact]
    public void MixedDocumentPassesOnTheOtherLanguagesEvidence()
    {
        var rule = new QualityRule(Low, "minEvidence", "english_evidence", QualityRuleKind.Count, QualityComparison.Below, 2, 2,
            static (in x) => x.Korean ? 3 : 0)
        {
            KoreanMeasured = "korean_evidence",
            Mixed = MixedLanguageRule.EitherLanguage,
        };
        var table = new QualityRuleTable(true, rule);

        Assert.True(table.Evaluate(Input(korean: false, mixed: true)).IsKept);
        Assert.Equal("english_evidence=0<2", table.Evaluate(Input(korean: false, mixed: false)).Detail);
        var korean = new QualityRuleTable(true, new QualityRule(Low, "minEvidence", "english_evidence", QualityRuleKind.Count, QualityComparison.Below, 2, 4,
            static (in x) => x.Korean ? 3 : 0) { KoreanMeasured = "korean_evidence" });
        Assert.Equal("korean_evidence=3<4", korean.Evaluate(Input(korean: true, mixed: false)).Detail);
    }

    [Fact]
    public void PassingUpperBoundSparesTheExactMeasure()
    {
        var exact = 0;
        var rule = new QualityRule(High, "maxValue", "value", QualityRuleKind.Fraction, QualityComparison.Above, 0.5, 0.5, (in _) =>
        {
            exact++;
            return 0.6;
        })
        {
            UpperBound = static (in _) => 0.4,
        };

        Assert.True(new QualityRuleTable(false, rule).Evaluate(Input(false, false)).IsKept);
        Assert.Equal(0, exact);
        Assert.Equal(0.6, QualityRuleTable.SweptValue(rule, Input(false, false)));
        Assert.Equal(1, exact);
    }

    [Fact]
    public void NotApplicableAndNaNValuesPass()
    {
        var table = new QualityRuleTable(false,
            new QualityRule(Low, "minValue", "value", QualityRuleKind.Ratio, QualityComparison.Below, 1, 1, static (in _) => null),
            new QualityRule(High, "maxValue", "value", QualityRuleKind.Ratio, QualityComparison.Above, 1, 1, static (in _) => double.NaN));

        Assert.True(table.Evaluate(Input(false, false)).IsKept);
    }

    [Fact]
    public void FlagRejectsWithItsDetailAndAtLeastRejectsAtTheThreshold()
    {
        var flag = QualityRule.Flag(High, "flagged", static (in _) => 1, static _ => "flag=on");
        Assert.Equal("flag=on", new QualityRuleTable(false, flag).Evaluate(Input(false, false)).Detail);
        var atLeast = new QualityRule(High, "minMatches", "matches", QualityRuleKind.Count, QualityComparison.AtLeast, 3, 3, static (in _) => 3);
        Assert.Equal("matches=3>=3", atLeast.Check(3).Detail);
        Assert.True(atLeast.Check(2).IsKept);
    }

    public static TheoryData<Type> CoveredStages() => new()
    {
        typeof(GopherQualityFilter), typeof(GopherRepetitionFilter), typeof(FineWebQualityFilter), typeof(ScriptQualityFilter),
        typeof(LanguageFilter), typeof(C4QualityFilter), typeof(BlocklistFilter), typeof(QualityClassifierFilter),
    };

    [Theory]
    [MemberData(nameof(CoveredStages))]
    public void EveryRejectionReasonOfACoveredStageIsARowOfItsTable(Type stage)
    {
        Assert.True(typeof(IQualityRules).IsAssignableFrom(stage));
        var declared = stage.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(RejectionReason)).Select(f => ((RejectionReason)f.GetValue(null)!).Code).Order().ToArray();
        Assert.NotEmpty(declared);
        var table = ((IQualityRules)Create(stage)).QualityRules;
        Assert.Equal(declared, table.Rules.Select(r => r.Reason.Code).Distinct().Order().ToArray());
    }

    private static IStage Create(Type stage) => stage.Name switch
    {
        nameof(GopherQualityFilter) => new GopherQualityFilter(new GopherQualityOptions()),
        nameof(GopherRepetitionFilter) => new GopherRepetitionFilter(new GopherRepetitionOptions()),
        nameof(FineWebQualityFilter) => new FineWebQualityFilter(new FineWebQualityOptions()),
        nameof(ScriptQualityFilter) => new ScriptQualityFilter(new ScriptQualityOptions()),
        nameof(LanguageFilter) => new LanguageFilter(new LanguageFilterOptions { Languages = ["ko"] }),
        nameof(C4QualityFilter) => new C4QualityFilter(new C4QualityOptions()),
        nameof(BlocklistFilter) => new BlocklistFilter(new BlocklistOptions { MinMatches = 2, Domains = ["spam.example"] }),
        _ => new QualityClassifierFilter(new QualityClassifierOptions(), new QualityClassifierModel(bits: 10, maxChars: 1000, weights: new float[1 << 10], bias: 0)),
    };
}
