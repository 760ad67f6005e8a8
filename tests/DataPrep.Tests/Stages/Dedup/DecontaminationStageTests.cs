using DataPrep.Pipeline;
using DataPrep.Stages.Dedup.Decontamination;
using DataPrep.Stages.Dedup.MinHash;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Dedup;

public sealed class DecontaminationStageTests
{
    // A benchmark passage (KoBEST BoolQ-style: Wikipedia text), and an English QA item.
    private const string KoreanPassage =
        "보더 콜리는 스코틀랜드와 잉글랜드의 국경 지대에서 양을 몰기 위해 개량된 목양견으로 지능이 매우 높고 훈련 능력이 뛰어나며 활동량이 많아 충분한 운동이 필요하다고 알려져 있다";
    private const string EnglishQuestion =
        "Which of the following best explains why the moon appears to change shape over the course of a month when viewed from the surface of the earth?";

    private static (string Folder, string Tsv, string Jsonl) WriteBenchmarks()
    {
        var folder = TestPaths.NewTempDirectory();
        var tsv = Path.Combine(folder, "KoBEST_BoolQ-test.tsv");
        File.WriteAllText(tsv, $"id\tpassage\tquestion\tlabel\n1\t{KoreanPassage}\t보더 콜리는 목양견인가?\t1\n");
        var jsonl = Path.Combine(folder, "arc_challenge.jsonl");
        File.WriteAllText(jsonl, $$"""{"id":"q1","question":"{{EnglishQuestion}}","choices":["The moon rotates","The lit half is seen from changing angles"]}""" + "\n");
        return (folder, tsv, jsonl);
    }

    private static DecontaminationStage Stage(DecontaminationOptions options)
    {
        var (folder, _, _) = WriteBenchmarks();
        return new DecontaminationStage(options with { Benchmarks = ["KoBEST_BoolQ-test.tsv", "arc_challenge.jsonl"] },
            new StageBuildContext(folder, null, Serilog.Core.Logger.None));
    }

    private static string Petition(int index) =>
        CorpusReader.Read("ko-petitions.jsonl.gz", limit: 100).Select(d => d.Text).Where(t => t.Length > 800).ElementAt(index);

    [SharedDataFact]
    public void DocumentQuotingABenchmarkPassageIsRejectedAndCountedForThatBenchmark()
    {
        var stage = Stage(new DecontaminationOptions());
        var contaminated = Some.Document($"{Petition(0)}\n위키백과에 따르면, {KoreanPassage}. 그래서 우리 개도 그렇습니다.");
        var clean = Some.Document(Petition(1));

        var result = StageHarness.Run(stage, contaminated, clean);

        Assert.Equal([clean.Id], result.KeptIds);
        Assert.Equal("dedup.decontaminate.benchmark_overlap", result.SingleCode);
        Assert.StartsWith("benchmark=kobest_boolq_test ngrams=", result.Rejections[0].Detail);
        Assert.Equal(1, result.Stats.Get("benchmark.kobest_boolq_test.docs"));
        Assert.Equal(0, result.Stats.Get("benchmark.arc_challenge.docs"));
    }

    [Fact]
    public void PunctuationAndCaseDoNotHideAnEnglishBenchmarkQuestion()
    {
        var stage = Stage(new DecontaminationOptions());
        var text = "Homework help! " + EnglishQuestion.ToUpperInvariant().Replace(" ", " , ") + " Answer: the lit half.";

        var result = StageHarness.Run(stage, Some.Document(text));

        Assert.Equal("dedup.decontaminate.benchmark_overlap", result.SingleCode);
        Assert.Equal(1, result.Stats.Get("benchmark.arc_challenge.docs"));
    }

    [Theory]
    [InlineData("arc_challenge.jsonl.gz")]
    [InlineData("arc_challenge.jsonl.zst")]
    public void CompressedBenchmarkFilesAreReadLikeInputFiles(string name)
    {
        var folder = TestPaths.NewTempDirectory();
        var line = System.Text.Encoding.UTF8.GetBytes($$"""{"id":"q1","question":"{{EnglishQuestion}}"}""" + "\n");
        using (var file = File.Create(Path.Combine(folder, name)))
        using (Stream compressor = name.EndsWith(".gz", StringComparison.Ordinal)
            ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest)
            : new ZstdSharp.CompressionStream(file))
        {
            compressor.Write(line);
        }
        var stage = new DecontaminationStage(new DecontaminationOptions { Benchmarks = [name] },
            new StageBuildContext(folder, null, Serilog.Core.Logger.None));

        var result = StageHarness.Run(stage, Some.Document("Homework help! " + EnglishQuestion));

        Assert.Equal("dedup.decontaminate.benchmark_overlap", result.SingleCode);
        Assert.Equal(1, result.Stats.Get("benchmark.arc_challenge.docs"));
    }

    [Fact]
    public void TwelveSharedWordsAreNotEnoughFor13Grams()
    {
        var stage = Stage(new DecontaminationOptions());
        var twelve = string.Join(' ', EnglishQuestion.Split(' ').Take(12));

        var result = StageHarness.Run(stage, Some.Document($"Unrelated start. {twelve} and then something else entirely."));

        Assert.Empty(result.Rejections);
    }

    [SharedDataFact]
    public void CutModeRemovesOnlyTheMatchingSpan()
    {
        var stage = Stage(new DecontaminationOptions { Mode = DecontaminationMode.Cut });
        var body = Petition(2);
        var document = Some.Document($"{body}\n{KoreanPassage}\n끝.");

        var result = StageHarness.Run(stage, document);

        var kept = Assert.Single(result.Kept);
        Assert.Equal($"{body}\n\n끝.", kept.Text);
        Assert.Equal(1, result.Stats.Get("benchmark.kobest_boolq_test.docs"));
        Assert.Equal(KoreanPassage.Length, result.Stats.Get("chars.cut"));
    }

    [Fact]
    public void CutModeRejectsADocumentLeftTooShort()
    {
        var stage = Stage(new DecontaminationOptions { Mode = DecontaminationMode.Cut });

        var result = StageHarness.Run(stage, Some.Document($"참고: {KoreanPassage}"));

        Assert.Equal("dedup.decontaminate.too_short_after_cut", result.SingleCode);
        Assert.EndsWith("chars=3<200", result.Rejections[0].Detail);
    }

    [SharedDataFact]
    public void SyllableNgramsCatchAKoreanCopyWithChangedSpacing()
    {
        var respaced = KoreanPassage.Replace("보더 콜리는", "보더콜리는").Replace("목양견으로 지능이", "목양 견으로 지능이").Replace(" ", "  ");
        var words = Stage(new DecontaminationOptions { NgramSize = 13 });
        var syllables = Stage(new DecontaminationOptions { Unit = ShingleUnit.Chars, NgramSize = 20 });
        var document = Some.Document($"{Petition(3)} {respaced}");

        Assert.Equal("dedup.decontaminate.benchmark_overlap", StageHarness.Run(syllables, document).SingleCode);
        Assert.True(words.IndexedNgrams > 0);
    }

    [Fact]
    public void MissingBenchmarkFileNamesThePath()
    {
        var error = Assert.Throws<FileNotFoundException>(() =>
            new DecontaminationStage(new DecontaminationOptions { Benchmarks = ["no/such/bench.jsonl"] },
                new StageBuildContext(TestPaths.NewTempDirectory(), null, Serilog.Core.Logger.None)));

        Assert.Contains("no/such/bench.jsonl", error.Message);
    }

    [Fact]
    public void BuildingWithoutBenchmarkFilesSaysWhatToSet()
    {
        var error = Assert.Throws<ArgumentException>(() => new DecontaminationStage(new DecontaminationOptions()));

        Assert.Contains("benchmarks:", error.Message);
        Assert.Equal("benchmarks", Assert.Single(new DecontaminationOptions { Benchmarks = [" "] }.Validate()).Property);
    }
}
