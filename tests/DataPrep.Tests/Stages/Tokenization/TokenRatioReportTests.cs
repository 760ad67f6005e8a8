using System.Text;
using System.Text.Json;
using DataPrep.Documents;
using DataPrep.Reports;
using DataPrep.Stages.Tokenization;
using DataPrep.Tests.Support;
using DataPrep.Tokenizers;

namespace DataPrep.Tests.Stages.Tokenization;

public sealed class TokenRatioReportTests
{
    private static readonly string Llama2 = Path.Combine(TestPaths.Tokenizers, "llama2-sentencepiece", "tokenizer.model");

    [Fact]
    public void ByteLevelTokensCoveringHangulBytesCountAsKorean()
    {
        var r50k = TokenizerFactory.GetShared("r50k_base");
        var korean = r50k.CountTokens("한국어");

        var result = new TokenRatioReport().Run(["r50k_base"], [Some.Document("한국어"), Some.Document("hello world")]);

        var entry = Assert.Single(result.Tokenizers);
        Assert.Equal("r50k_base", entry.Name);
        Assert.Equal(korean + 2, entry.TotalTokens);
        Assert.Equal(korean, entry.TokensByScript["hangul"]);
        Assert.Equal(2, entry.TokensByScript["latin"]);
        Assert.Equal((double)korean / (korean + 2), entry.KoreanShareByScript, 12);
        Assert.Equal(korean, entry.TokensByLanguage["ko"]);
        Assert.Equal(3, entry.Korean.Characters);
        Assert.Equal(1, entry.Korean.Words);
        Assert.Equal(9, entry.Korean.Bytes);
        Assert.Equal(korean / 3.0, entry.Korean.TokensPerCharacter, 12);
        Assert.Equal(1.0, entry.English.TokensPerWord, 12);
    }

    [SharedDataFact]
    public void ByteFallbackPiecesFollowTheirCharacter()
    {
        // 텍 is not in Llama 2's vocabulary: ▁ then its three UTF-8 bytes as <0xED> <0x85> <0x8D>.
        var result = new TokenRatioReport().Run([Llama2], [Some.Document("텍")]);

        var entry = Assert.Single(result.Tokenizers);
        Assert.Equal(4, entry.TotalTokens);
        Assert.Equal(3, entry.ByteFallbackTokens);
        Assert.Equal(3, entry.TokensByScript["hangul"]);
        Assert.Equal(1, entry.TokensByScript["common"]);
        Assert.Equal(0.75, entry.ByteFallbackRate, 12);
    }

    [Fact]
    public void ParallelPairsGiveTheKoreanToEnglishRatio()
    {
        var document = Some.Document("대한민국의 수도는 서울입니다.");
        document.Metadata["text_en"] = "The capital of Korea is Seoul.";
        var o200k = TokenizerFactory.GetShared("o200k_base");

        var result = new TokenRatioReport().Run(["o200k_base"], [document]);

        var entry = Assert.Single(result.Tokenizers);
        Assert.Equal(1, result.Corpus.ParallelPairs);
        Assert.Equal(o200k.CountTokens(document.Text), entry.ParallelKorean.Tokens);
        Assert.Equal(o200k.CountTokens("The capital of Korea is Seoul."), entry.ParallelEnglish.Tokens);
        Assert.Equal((double)entry.ParallelKorean.Tokens / entry.ParallelEnglish.Tokens, entry.ParallelKoreanToEnglish, 12);
        Assert.Equal(o200k.CountTokens(document.Text), entry.TotalTokens);
    }

    [Fact]
    public void DecomposedHangulIsCountedAsGivenWithAWarningOrNormalisedOnRequest()
    {
        var nfc = "한국어 텍스트";
        var nfd = nfc.Normalize(NormalizationForm.FormD);
        var cl100k = TokenizerFactory.GetShared("cl100k_base");

        var asGiven = new TokenRatioReport().Run(["cl100k_base"], [Some.Document(nfd)]);
        var normalised = new TokenRatioReport(new TokenRatioOptions { NormalizeNfc = true }).Run(["cl100k_base"], [Some.Document(nfd)]);

        Assert.Equal(cl100k.CountTokens(nfd), asGiven.Tokenizers[0].TotalTokens);
        Assert.Contains(asGiven.Warnings, w => w.Contains("decomposed", StringComparison.Ordinal));
        Assert.Equal(cl100k.CountTokens(nfc), normalised.Tokenizers[0].TotalTokens);
        Assert.True(asGiven.Tokenizers[0].TotalTokens > normalised.Tokenizers[0].TotalTokens);
    }

    [Fact]
    public void WordSharesAreReportedBesideTokenShares()
    {
        var english = Some.Document("one two three four five six seven");
        english.Metadata[MetadataKeys.Language] = "en";

        var result = new TokenRatioReport().Run(["o200k_base"], [Some.Document("가 나 다"), english]);

        Assert.Equal(10, result.Corpus.Words);
        Assert.Equal(0.3, result.Corpus.KoreanWordShareByLanguage, 12);
        Assert.Equal(0.3, result.Corpus.KoreanWordShareByScript, 12);
        Assert.Equal(1, result.Corpus.DocumentsByLanguage["en"]);
    }

    [SharedDataFact]
    public void JsonHasAnEntryPerTokenizerWithNameAndTotalTokens()
    {
        var result = new TokenRatioReport().Run(["r50k_base", "o200k_base", Llama2], [Some.Document("안녕하세요 hello")]);

        using var json = JsonDocument.Parse(result.ToJson());
        var entries = json.RootElement.GetProperty("tokenizers").EnumerateArray().ToList();

        Assert.Equal(["r50k_base", "o200k_base", "llama2-sentencepiece"], entries.Select(e => e.GetProperty("name").GetString()));
        Assert.Equal(result.Tokenizers.Select(t => t.TotalTokens), entries.Select(e => e.GetProperty("totalTokens").GetInt64()));
        Assert.True(entries[0].GetProperty("fertility").GetProperty("ko").GetProperty("tokensPerCharacter").GetDouble() > 0);
    }

    [Fact]
    public void TableAndHtmlNameEveryTokenizerAndHtmlNeedsNoNetwork()
    {
        var result = new TokenRatioReport().Run(["r50k_base", "o200k_base"], [Some.Document("안녕하세요"), Some.Document("hello there")]);

        var table = result.ToTable();
        var html = result.ToHtml();

        Assert.Contains("r50k_base", table);
        Assert.Contains("o200k_base", table);
        Assert.Contains("<svg", html);
        Assert.Contains("o200k_base", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("https://", html);
    }

    [SharedDataFact]
    public void OnParallelNewsGpt2CostsFarMoreKoreanTokensPerEnglishTokenThanO200k()
    {
        var documents = CorpusReader.Read("ko-en-parallel-news.jsonl.gz", limit: 300).ToList();

        var result = new TokenRatioReport().Run(["r50k_base", "o200k_base"], documents);

        var r50k = result.Tokenizers[0];
        var o200k = result.Tokenizers[1];
        Assert.Equal(300, result.Corpus.ParallelPairs);
        Assert.True(r50k.ParallelKoreanToEnglish > 2 * o200k.ParallelKoreanToEnglish,
            $"r50k {r50k.ParallelKoreanToEnglish:F2} vs o200k {o200k.ParallelKoreanToEnglish:F2}");
        Assert.True(o200k.ParallelKoreanToEnglish > 1.0);
    }

    [SharedDataFact]
    public async Task PipelineStageWritesTheSameReportAndPassesDocumentsThrough()
    {
        var documents = CorpusReader.Read("ko-en-parallel-news.jsonl.gz", limit: 120).ToList();
        var prefix = Path.Combine(TestPaths.NewTempDirectory(), "reports", "ratio");
        var stage = new TokenRatioStage(new TokenRatioStageOptions { Tokenizers = ["cl100k_base", Llama2], OutputPrefix = prefix, BatchSize = 50 });

        var result = await StageHarness.RunAsync(stage, documents);
        var direct = new TokenRatioReport().Run(["cl100k_base", Llama2], documents);

        Assert.Equal(documents.Select(d => d.Id), result.KeptIds);
        using var json = JsonDocument.Parse(File.ReadAllText(prefix + ".json"));
        var totals = json.RootElement.GetProperty("tokenizers").EnumerateArray().Select(e => e.GetProperty("totalTokens").GetInt64());
        Assert.Equal(direct.Tokenizers.Select(t => t.TotalTokens), totals);
        Assert.Contains("<svg", File.ReadAllText(prefix + ".html"));
        Assert.Contains("llama2-sentencepiece", File.ReadAllText(prefix + ".txt"));
    }
}
