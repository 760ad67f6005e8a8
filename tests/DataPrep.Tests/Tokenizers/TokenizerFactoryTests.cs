using DataPrep.Tests.Support;
using DataPrep.Tokenizers;

namespace DataPrep.Tests.Tokenizers;

public sealed class TokenizerFactoryTests
{
    [Fact]
    public void SameSpecGivesTheSameSharedInstance()
    {
        var first = TokenizerFactory.GetShared("cl100k_base");
        var second = TokenizerFactory.GetShared(" CL100K_BASE ");

        Assert.Same(first, second);
    }

    [Fact]
    public void AnEncodingNameFromOptionsIsNeverResolvedAsAPath()
    {
        var tokenizer = TokenizerFactory.GetSharedForOptions("cl100k_base", path => throw new InvalidOperationException($"resolved '{path}'"));

        Assert.Same(TokenizerFactory.GetShared("cl100k_base"), tokenizer);
    }

    [SharedDataFact]
    public void APathFromOptionsIsResolvedBeforeLoading()
    {
        var resolved = new List<string>();

        var tokenizer = TokenizerFactory.GetSharedForOptions("llama2-sentencepiece", path =>
        {
            resolved.Add(path);
            return Path.Combine(TestPaths.Tokenizers, path);
        });

        Assert.Equal(["llama2-sentencepiece"], resolved);
        Assert.Same(TokenizerFactory.GetShared(Path.Combine(TestPaths.Tokenizers, "llama2-sentencepiece")), tokenizer);
    }

    [SharedDataFact]
    public void ReplacedTokenizerFileIsLoadedAgainAndAnUnchangedOneIsNot()
    {
        var folder = Directory.CreateTempSubdirectory("dataprep-tokenizer-");
        try
        {
            var path = Path.Combine(folder.FullName, "tokenizer.model");
            File.Copy(Path.Combine(TestPaths.Tokenizers, "llama2-sentencepiece", "tokenizer.model"), path);
            File.SetLastWriteTimeUtc(path, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            var first = TokenizerFactory.GetShared(path);

            var unchanged = TokenizerFactory.GetShared(folder.FullName);
            File.SetLastWriteTimeUtc(path, new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));
            var replaced = TokenizerFactory.GetShared(path);

            Assert.Same(first, unchanged);
            Assert.NotSame(first, replaced);
            Assert.Same(replaced, TokenizerFactory.GetShared(path));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [SharedDataFact]
    public void FolderResolvesToItsTokenizerFile()
    {
        var fromFolder = TokenizerFactory.GetShared(Path.Combine(TestPaths.Tokenizers, "llama2-sentencepiece"));
        var fromJsonFolder = TokenizerFactory.GetShared(Path.Combine(TestPaths.Tokenizers, "qwen3"));

        Assert.IsType<SentencePieceBpeTokenizer>(fromFolder);
        Assert.Equal("llama2-sentencepiece", fromFolder.Name);
        Assert.IsType<ByteLevelBpeTokenizer>(fromJsonFolder);
        Assert.Equal("qwen3", fromJsonFolder.Name);
    }

    [Fact]
    public void UnknownNameSaysWhichEncodingsExist()
    {
        var error = Assert.Throws<ArgumentException>(() => TokenizerFactory.GetShared("o300k_base"));

        Assert.Contains("o200k_base", error.Message);
        Assert.Contains("o300k_base", error.Message);
    }

    [SharedDataFact]
    public void VocabularySizesIncludeSpecialTokens()
    {
        Assert.Equal(50257, TokenizerFactory.GetShared("r50k_base").VocabularySize);
        Assert.Equal(32000, TokenizerFactory.GetShared(Path.Combine(TestPaths.Tokenizers, "llama2-sentencepiece")).VocabularySize);
        Assert.Equal(128256, TokenizerFactory.GetShared(Path.Combine(TestPaths.Tokenizers, "llama3")).VocabularySize);
    }

    [SharedDataFact]
    public void SharedTokenizersGiveTheSameIdsFromManyThreads()
    {
        var documents = CorpusReader.Read("ko-nsmc-reviews.jsonl.gz", limit: 400).ToList();
        foreach (var spec in new[] { "o200k_base", Path.Combine(TestPaths.Tokenizers, "llama2-sentencepiece"), Path.Combine(TestPaths.Tokenizers, "qwen3") })
        {
            var tokenizer = TokenizerFactory.GetShared(spec);
            var sequential = documents.Select(d => tokenizer.CountTokens(d.Text)).ToArray();
            var parallel = new int[documents.Count];

            Parallel.For(0, documents.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = tokenizer.CountTokens(documents[i].Text));

            Assert.Equal(sequential, parallel);
        }
    }
}
