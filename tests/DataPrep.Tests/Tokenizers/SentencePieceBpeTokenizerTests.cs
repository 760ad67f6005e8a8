using System.Buffers.Binary;
using System.Security.Cryptography;
using DataPrep.Tests.Support;
using DataPrep.Tokenizers;

namespace DataPrep.Tests.Tokenizers;

public sealed class SentencePieceBpeTokenizerTests
{
    private static readonly Lazy<SentencePieceBpeTokenizer> Llama2 = new(() =>
        SentencePieceBpeTokenizer.Load(Path.Combine(TestPaths.Tokenizers, "llama2-sentencepiece", "tokenizer.model")));

    public static TheoryData<int> GoldenCaseIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < GoldenFiles.Cases("sentencepiece-llama2.json").Count; i++)
        {
            data.Add(i);
        }
        return data;
    }

    [SharedDataTheory]
    [MemberData(nameof(GoldenCaseIndexes))]
    public void IdsEqualSentencePieceOnEveryGoldenString(int index)
    {
        var (text, expected) = GoldenFiles.Cases("sentencepiece-llama2.json")[index];
        var ids = new List<int>();

        Llama2.Value.Encode(text, ids);

        Assert.Equal(expected, ids);
        Assert.Equal(expected.Length, Llama2.Value.CountTokens(text));
    }

    [SharedDataTheory]
    [InlineData(".....", new[] { 6317, 856 })]
    [InlineData("a......", new[] { 263, 3045, 636 })]
    [InlineData("****", new[] { 334, 17435 })]
    [InlineData("=====", new[] { 1275, 25512 })]
    [InlineData(",,,,", new[] { 1919, 12985, 29892 })]
    [InlineData("------", new[] { 448, 23648 })]
    [InlineData("????", new[] { 1577, 28772 })]
    [InlineData("~~~~", new[] { 3695, 7377, 30022 })]
    public void RunsOfRepeatedPunctuationMergeInSentencePieceOrder(string text, int[] expected)
    {
        // Microsoft.ML.Tokenizers 2.0.1's LlamaTokenizer gives other ids for each of these strings (e.g. "....." ->
        // [2023, 636], "****" -> [3579, 1068]); the expected ids are python3-sentencepiece 0.1.97's.
        var ids = new List<int>();

        Llama2.Value.Encode(text, ids);

        Assert.Equal(expected, ids);
    }

    [SharedDataFact]
    public void ModelFileSaysIdentityNormaliserWithDummyPrefixAndByteFallback()
    {
        var model = SentencePieceModel.Load(Path.Combine(TestPaths.Tokenizers, "llama2-sentencepiece", "tokenizer.model"));

        Assert.Equal(2, model.ModelType);
        Assert.Equal("identity", model.NormalizerName);
        Assert.True(model.AddDummyPrefix);
        Assert.False(model.RemoveExtraWhitespaces);
        Assert.True(model.ByteFallback);
        Assert.Equal(32000, model.Pieces.Count);
        Assert.Equal("▁Hello", model.Pieces[15043]);
    }

    [SharedDataFact]
    public void WordByWordEncodingGivesTheSameIdsAsOneWholeTextPass()
    {
        var whole = SentencePieceBpeTokenizer.Load(Path.Combine(TestPaths.Tokenizers, "llama2-sentencepiece", "tokenizer.model"));
        whole.DisableWordSegmentation();
        var documents = CorpusReader.Read("ko-petitions.jsonl.gz", limit: 150).Concat(CorpusReader.Read("en-web-cc.jsonl.gz")).ToList();

        Assert.True(Llama2.Value.WordSegmented);
        foreach (var document in documents)
        {
            var fast = new List<int>();
            var slow = new List<int>();
            Llama2.Value.Encode(document.Text, fast);
            whole.Encode(document.Text, slow);
            Assert.Equal(slow, fast);
        }
    }

    [SharedDataFact]
    public void CharacterOutsideTheVocabularyBecomesItsUtf8BytePieces()
    {
        var ids = new List<int>();

        Llama2.Value.Encode("😀", ids);

        // ▁ then the four bytes F0 9F 98 80 as <0xF0>.. pieces (byte b is id 3 + b).
        Assert.Equal([29871, 3 + 0xF0, 3 + 0x9F, 3 + 0x98, 3 + 0x80], ids);
        Assert.All(ids.Skip(1), id => Assert.Equal(TokenKind.ByteFallback, Llama2.Value.GetTokenKind(id)));
    }

    [SharedDataFact]
    public void IdsEqualSentencePieceOnAllDocumentsOfKoPetitionsAndEnWebCc()
    {
        var expected = File.ReadLines(Path.Combine(GoldenFiles.Folder, "sentencepiece-llama2-corpus.tsv"))
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToDictionary(parts => parts[0], parts => (Count: int.Parse(parts[1]), Hash: parts[2]));
        var documents = CorpusReader.Read("ko-petitions.jsonl.gz").Concat(CorpusReader.Read("en-web-cc.jsonl.gz")).ToList();
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.ForEach(documents, document =>
        {
            var ids = new List<int>();
            Llama2.Value.Encode(document.Text, ids);
            var bytes = new byte[ids.Count * 4];
            for (var i = 0; i < ids.Count; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), ids[i]);
            }
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var reference = expected[document.Id];
            if (reference.Count != ids.Count || reference.Hash != hash)
            {
                mismatches.Add(document.Id);
            }
        });

        Assert.Equal(3741, documents.Count);
        Assert.Empty(mismatches);
    }
}
