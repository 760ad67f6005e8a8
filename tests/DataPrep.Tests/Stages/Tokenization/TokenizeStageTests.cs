using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Stages.Tokenization;
using DataPrep.Tests.Support;
using DataPrep.Tokenizers;

namespace DataPrep.Tests.Stages.Tokenization;

public sealed class TokenizeStageTests
{
    [Fact]
    public void TokenCountIsWrittenToMetadataAndCounted()
    {
        var stage = new TokenizeStage(new TokenizeOptions { Tokenizer = "cl100k_base" });
        var hello = Some.Document("hello world");
        var korean = Some.Document("안녕하세요");

        var result = StageHarness.Run(stage, hello, korean);

        Assert.Equal(2, result.Kept.Count);
        Assert.Equal(2L, hello.Metadata[MetadataKeys.Tokens]);
        var expectedKorean = (long)TokenizerFactory.GetShared("cl100k_base").CountTokens("안녕하세요");
        Assert.Equal(expectedKorean, korean.Metadata[MetadataKeys.Tokens]);
        Assert.Equal(2 + expectedKorean, result.Stats.Get(TokenizeStage.TokensCounter));
        Assert.Equal(2, result.Stats.GetDistribution(TokenizeStage.TokensDistribution)!.Count);
    }

    [Fact]
    public void EmptyDocumentIsKeptWithZeroTokens()
    {
        var stage = new TokenizeStage(new TokenizeOptions());
        var empty = Some.Document("");

        var result = StageHarness.Run(stage, empty);

        Assert.Single(result.Kept);
        Assert.Equal(0L, empty.Metadata[MetadataKeys.Tokens]);
    }

    [SharedDataFact]
    public void RelativeTokenizerPathResolvesAgainstTheBuildContext()
    {
        var context = new StageBuildContext(TestPaths.Tokenizers, null, Serilog.Core.Logger.None);
        var stage = new TokenizeStage(new TokenizeOptions { Tokenizer = "llama2-sentencepiece/tokenizer.model", MetadataKey = "llama2_tokens" }, context);
        var document = Some.Document("Hello world");

        StageHarness.Run(stage, document);

        Assert.Equal(2L, document.Metadata["llama2_tokens"]);
    }

    [Fact]
    public void StageIsRegisteredAsTokenizeInFamilyFour()
    {
        Assert.True(StageRegistry.CreateDefault().TryGet("Tokenize", out var descriptor));
        Assert.Equal(typeof(TokenizeStage), descriptor.StageType);
        Assert.Equal(4, descriptor.Family);
        Assert.True(StageRegistry.CreateDefault().TryGet("IndexedDataset", out var shards));
        Assert.Equal(typeof(IndexedDatasetWriter), shards.StageType);
    }

    [Fact]
    public void EmptyTokenizerNameIsAnOptionProblem()
    {
        var problems = new TokenizeOptions { Tokenizer = " " }.Validate().ToList();

        Assert.Equal("tokenizer", Assert.Single(problems).Property);
    }
}
