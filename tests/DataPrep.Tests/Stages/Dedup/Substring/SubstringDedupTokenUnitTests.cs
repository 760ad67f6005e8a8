using System.Text;
using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.Stages.Dedup.Substring;
using DataPrep.Tests.Support;
using DataPrep.Tokenizers;
using Xunit.Abstractions;

namespace DataPrep.Tests.Stages.Dedup.Substring;

/// <summary>SubstringDedup with <c>unit: tokens</c>: repeats of minTokens token ids, cut as whole tokens.</summary>
public sealed class SubstringDedupTokenUnitTests(ITestOutputHelper output)
{
    private const string Footer =
        "무단전재 및 재배포 금지. 이 기사의 저작권은 한국일보에 있으며 기사 내용에 대한 문의는 독자센터로 해 주시기 바랍니다. 제보는 카카오톡으로 보내 주세요.";

    private static SubstringDedupOptions Tokens(string tokenizer = "o200k_base") => new() { Unit = SubstringUnit.Tokens, Tokenizer = tokenizer };

    private static string Llama3 => Path.Combine(TestPaths.Tokenizers, "llama3", "tokenizer.json");

    private static Task<StageResult> Run(IReadOnlyList<Document> documents, SubstringDedupOptions options, int shards = 1) =>
        StageHarness.RunGlobalAsync(new SubstringDedupStage(options), DedupTestData.RoundRobin(documents, shards), TestPaths.NewTempDirectory());

    [Fact]
    public void TokenCodesRoundTripAndTheirLeadByteNeverEqualsALaterByte()
    {
        Span<byte> code = stackalloc byte[TokenCodes.BytesPerToken];
        foreach (var id in (int[])[0, 1, 190, 191, 36_480, 36_481, 128_255, 151_935, 200_018, TokenCodes.MaxVocabulary - 1])
        {
            TokenCodes.Write(id, code);
            Assert.Equal(id, TokenCodes.Read(code));
            Assert.InRange(code[0], 0x00, 0x3F);
            Assert.InRange(code[1], 0x40, 0xFE);
            Assert.InRange(code[2], 0x40, 0xFE);
        }
    }

    [Fact]
    public async Task RepeatedFooterIsCutAsWholeTokensAndCounted()
    {
        var bodies = new[]
        {
            "첫째 기사 본문입니다. 서울시는 오늘 새로운 교통 정책을 발표했으며 시민들의 반응은 엇갈렸다.",
            "둘째 기사 본문입니다. 부산 해운대에는 주말 동안 많은 관광객이 몰려 교통이 혼잡했다.",
            "The third story is in English: the council approved the new budget after a long debate.",
        };
        var documents = DedupTestData.WithSource(bodies.Select((b, i) => Some.Document($"{b}\n{Footer}", $"d{i}")));

        // The footer is 48 o200k tokens; with the ".\n" before it, 49 tokens repeat: the cut ends snap to the eojeol after it.
        var result = await Run(documents, Tokens() with { MinTokens = 40, MinDocChars = 10 });

        Assert.Empty(result.Rejections);
        Assert.Equal($"{bodies[0]}\n{Footer}", result.Kept[0].Text);
        Assert.Equal(bodies.Skip(1), result.Kept.Skip(1).Select(d => d.Text.TrimEnd()));
        var footerTokens = TokenizerFactory.GetShared("o200k_base").CountTokens(Footer);
        Assert.Equal(2, result.Stats.Get("spans.removed"));
        Assert.Equal(2 * Encoding.UTF8.GetByteCount(Footer), result.Stats.Get("bytes.removed"));
        Assert.Equal(2 * footerTokens, result.Stats.Get("tokens.removed"));
        Assert.Equal(2 * footerTokens, result.Stats.Get("source.test.tokens_removed"));
    }

    [Fact]
    public async Task RepeatOfFewerThanMinTokensIsKept()
    {
        // 17 o200k tokens repeated: cut with minTokens 16, kept with the default 50.
        const string repeat = "The quick brown fox jumps over the lazy dog while the farmer watches from the porch";
        string[] texts = [$"Alpha begins here. {repeat}. Alpha ends.", $"Beta starts now. {repeat}. Beta is over."];
        List<Document> Documents() => DedupTestData.WithSource(texts.Select((t, i) => Some.Document(t, $"d{i}")));

        var kept = await Run(Documents(), Tokens() with { MinDocChars = 0 });
        var cut = await Run(Documents(), Tokens() with { MinDocChars = 0, MinTokens = 16 });

        Assert.Equal(texts, kept.Kept.Select(d => d.Text));
        Assert.DoesNotContain("lazy dog", cut.Kept[1].Text);
        Assert.Equal(1, cut.Stats.Get("spans.removed"));
    }

    [SharedDataTheory]
    [InlineData("o200k_base", 1, true)]
    [InlineData("o200k_base", 3, true)]
    [InlineData("o200k_base", 3, false)]
    [InlineData("llama3", 2, true)]
    public async Task SuffixArrayResultEqualsNaiveTokenSequenceSearch(string tokenizer, int shards, bool keepFirst)
    {
        var spec = tokenizer == "llama3" ? Llama3 : tokenizer;
        var corpus = SubstringCorpus.Planted(documents: 24, spans: 6, seed: 11, maxChars: 500);
        var options = Tokens(spec) with { MinTokens = 12, Boundary = SpanBoundary.Chars, MinDocChars = 0, KeepFirst = keepFirst };
        var documents = DedupTestData.WithSource(corpus.Select((t, i) => Some.Document(t, $"d{i}")));

        var result = await Run(documents, options, shards);

        var expected = NaiveTokenSubstringDedup.Cut(corpus, TokenizerFactory.GetShared(spec), options.MinTokens, keepFirst);
        Assert.Empty(result.Rejections);
        Assert.Equal(expected, result.Kept.OrderBy(d => int.Parse(d.Id[1..])).Select(d => d.Text));
        Assert.True(result.Stats.Get("spans.removed") >= 6);
        Assert.Equal(0, result.Stats.Get("docs.tokens_unmapped"));
    }

    [SharedDataFact]
    public async Task RepeatThatStartsWithAByteTokenInsideASyllableIsCutFromTheNextCharacter()
    {
        // Llama 3 writes 뷁 as [EB B7][81] and 쀁 as [EC][80][81]: the repeat starts with the byte token 81, inside the
        // syllable, so the cut must start at the next character (the space) and leave the syllable whole.
        const string repeat = " 대한민국은 민주공화국이다. 대한민국의 주권은 국민에게 있고, 모든 권력은 국민으로부터 나온다.";
        var documents = DedupTestData.WithSource([Some.Document($"첫 문서 뷁{repeat}", "a"), Some.Document($"둘째 쀁{repeat}", "b")]);
        var options = Tokens(Llama3) with { MinTokens = 12, Boundary = SpanBoundary.Chars, MinDocChars = 0 };

        var result = await Run(documents, options);

        Assert.Equal(documents[0].Text, result.Kept[0].Text);
        Assert.Equal("둘째 쀁", result.Kept[1].Text);
        Assert.Equal(Encoding.UTF8.GetByteCount(repeat), result.Stats.Get("bytes.removed"));
        Assert.Equal(TokenizerFactory.GetShared(Llama3).CountTokens(repeat), result.Stats.Get("tokens.removed"));
    }

    [SharedDataFact]
    public async Task PlantedRepeatsOfSixtyTokensAreCutAndOtherTextIsKept()
    {
        var tokenizer = TokenizerFactory.GetShared("o200k_base");
        var planted = TokenSubstringCorpus.PlantedWithPositions(tokenizer, documents: 160, spans: 50, spanTokens: 60, seed: 5);
        var documents = DedupTestData.WithSource(planted.Texts.Select((t, i) => Some.Document(t, $"d{i}")));

        var result = await Run(documents, Tokens() with { MinDocChars = 0 });

        var texts = result.Kept.ToDictionary(d => int.Parse(d.Id[1..]), d => d.Text);
        var (repeats, cut, korean, unplantedBytes, unplantedRemoved) = planted.Score(texts);
        output.WriteLine($"{cut} of {repeats} planted repeats cut ({korean} Korean); {unplantedRemoved:P3} of {unplantedBytes} unplanted bytes removed");
        Assert.True(repeats >= 100, $"only {repeats} planted repeats");
        Assert.InRange(korean, repeats / 4, repeats * 3 / 4);
        Assert.True(cut >= 0.99 * repeats, $"{cut} of {repeats} planted repeats cut");
        Assert.True(unplantedRemoved < 0.01, $"{unplantedRemoved:P2} of the unplanted bytes removed");
    }

    [SharedDataTheory]
    [InlineData(2)]
    [InlineData(7)]
    public async Task SameTextsAndRejectionsComeOutWhateverTheSharding(int shards)
    {
        var corpus = SubstringCorpus.Planted(documents: 60, spans: 12, seed: shards);
        List<Document> Documents() => DedupTestData.WithSource(corpus.Select((t, i) => Some.Document(t, $"d{i}")));
        var options = Tokens() with { MinTokens = 30 };

        var single = await Run(Documents(), options);
        var sharded = await Run(Documents(), options, shards);

        Assert.Equal(single.Kept.OrderBy(d => d.Id).Select(d => (d.Id, d.Text)), sharded.Kept.OrderBy(d => d.Id).Select(d => (d.Id, d.Text)));
        Assert.Equal(
            single.Rejections.Select(r => (r.DocumentId, r.DuplicateOf, r.Detail)).Order(),
            sharded.Rejections.Select(r => (r.DocumentId, r.DuplicateOf, r.Detail)).Order());
        Assert.True(single.Stats.Get("spans.removed") > 20);
        Assert.Equal(single.Stats.Get("tokens.removed"), sharded.Stats.Get("tokens.removed"));
        Assert.Equal(single.Stats.Get("bytes.removed"), sharded.Stats.Get("bytes.removed"));
    }

    [Fact]
    public void UnitTokensWithoutATokenizerIsAConfigErrorNamingItsPath()
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfig.Parse("""
            stages:
              - Normalize
              - SubstringDedup: { unit: tokens, minTokens: 50 }
            """, "dedup.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("stages[1].SubstringDedup.tokenizer", problem.Path);
        Assert.Contains("required when unit is tokens", problem.Message);
    }

    [Fact]
    public void TokenizerWithUnitBytesAndTooFewMinTokensAreReportedByName()
    {
        var problems = new SubstringDedupOptions { Tokenizer = "o200k_base", MinTokens = 4 }.Validate().Select(p => p.Property);

        Assert.Equal(["minTokens", "tokenizer"], problems);
    }

    [Fact]
    public void UnknownTokenizerIsAConfigErrorNamingTheStage()
    {
        var config = PipelineConfig.Parse("""
            stages:
              - SubstringDedup: { unit: tokens, tokenizer: o200k_bse }
            """, "dedup.yaml");

        var error = Assert.Throws<PipelineConfigException>(() => PipelineDefinition.FromConfig(config));

        Assert.Equal("stages[0].SubstringDedup", Assert.Single(error.Problems).Path);
        Assert.Contains("o200k_base", error.Problems[0].Message);
    }
}
