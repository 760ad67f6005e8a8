using DataPrep.Tests.Support;
using DataPrep.Tokenizers;

namespace DataPrep.Tests.Tokenizers;

/// <summary>
/// Golden ids for the tiktoken encodings and the Hugging Face tokenizer.json files. tiktoken itself cannot be installed
/// here (no PyPI), so the tiktoken goldens are written by the independent reference Golden/tiktoken_reference.py
/// (tiktoken's regexes over code points, lowest-rank byte-pair merge; not by Microsoft.ML.Tokenizers, which splits
/// characters outside the BMP differently). Debian has no python3-tokenizers, so the Hugging Face goldens are written by
/// this class (DATAPREP_WRITE_GOLDEN=1) from the Hugging Face Rust library (Tokenizers.DotNet). The published ids below
/// tie them to the real references.
/// </summary>
public sealed class TokenizerGoldenTests
{
    public static TheoryData<string, string> Tokenizers() => new()
    {
        { "r50k_base", "tiktoken-r50k_base.json" },
        { "gpt2", "tiktoken-gpt2.json" },
        { "cl100k_base", "tiktoken-cl100k_base.json" },
        { "o200k_base", "tiktoken-o200k_base.json" },
        { "llama3", "hf-llama3.json" },
        { "qwen3", "hf-qwen3.json" },
        { "mistral7b", "hf-mistral7b.json" },
    };

    private static ITextTokenizer Resolve(string spec) => TokenizerFactory.GetShared(
        TokenizerFactory.IsEncodingName(spec) ? spec : Path.Combine(TestPaths.Tokenizers, spec, "tokenizer.json"));

    [SharedDataTheory]
    [MemberData(nameof(Tokenizers))]
    public void IdsEqualTheGoldenFileForEveryProbeString(string spec, string goldenFile)
    {
        var tokenizer = Resolve(spec);
        var texts = GoldenFiles.Texts();
        var actual = texts.Select(text =>
        {
            var ids = new List<int>();
            tokenizer.Encode(text, ids);
            return (text, ids.ToArray());
        }).ToList();
        if (GoldenFiles.Writing && !TokenizerFactory.IsEncodingName(spec))
        {
            // From the Rust library itself, not from DataPrep's own encoder that the factory returns for Llama 3 and Qwen3.
            var reference = HuggingFaceTokenizer.Load(Path.Combine(TestPaths.Tokenizers, spec, "tokenizer.json"));
            GoldenFiles.Write(goldenFile, "Hugging Face tokenizers (Rust) via Tokenizers.DotNet 1.4.1, Encode with template tokens (BOS) stripped", spec,
                texts.Select(text =>
                {
                    var ids = new List<int>();
                    reference.Encode(text, ids);
                    return (text, ids.ToArray());
                }));
        }

        var expected = GoldenFiles.Cases(goldenFile);

        Assert.Equal(texts.Count, expected.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            Assert.Equal(expected[i].Text, texts[i]);
            Assert.Equal(expected[i].Ids, actual[i].Item2);
            Assert.Equal(expected[i].Ids.Length, tokenizer.CountTokens(texts[i]));
        }
    }

    [SharedDataTheory]
    [InlineData("gpt2", "Hello world", new[] { 15496, 995 })]
    [InlineData("r50k_base", "Hello world", new[] { 15496, 995 })]
    [InlineData("cl100k_base", "hello world", new[] { 15339, 1917 })]
    [InlineData("cl100k_base", "Hello world", new[] { 9906, 1917 })]
    [InlineData("o200k_base", "Hello world", new[] { 13225, 2375 })]
    [InlineData("llama3", "Hello world", new[] { 9906, 1917 })]
    public void PublishedIdsAreReproduced(string spec, string text, int[] expected)
    {
        var ids = new List<int>();

        Resolve(spec).Encode(text, ids);

        Assert.Equal(expected, ids);
    }

    [SharedDataFact]
    public void MistralBosTokenAddedByTheTemplateIsStripped()
    {
        var tokenizer = (HuggingFaceTokenizer)Resolve("mistral7b");
        var ids = new List<int>();

        tokenizer.Encode("Hello", ids);

        Assert.Equal([1], tokenizer.TemplatePrefix);
        // NOTES.md: ▁Hello is 22557 in Mistral 7B's vocabulary; no <s> (1) in front.
        Assert.Equal([22557], ids);
        Assert.Equal(2, tokenizer.EndOfDocumentId);
    }

    [SharedDataFact]
    public void EndOfDocumentTokensAreTheTokenizersOwn()
    {
        Assert.Equal(50256, Resolve("r50k_base").EndOfDocumentId);
        Assert.Equal(100257, Resolve("cl100k_base").EndOfDocumentId);
        Assert.Equal(199999, Resolve("o200k_base").EndOfDocumentId);
        Assert.Equal(128001, Resolve("llama3").EndOfDocumentId);
        Assert.Equal(151643, Resolve("qwen3").EndOfDocumentId);
    }

    [SharedDataTheory]
    [MemberData(nameof(Tokenizers))]
    public void TokenBytesRebuildTheTextForPlainInput(string spec, string goldenFile)
    {
        _ = goldenFile;
        var tokenizer = Resolve(spec);
        const string text = "한국어와 English, 숫자 2024 그리고 이모지 👍";
        var ids = new List<int>();
        tokenizer.Encode(text, ids);

        var bytes = ids.SelectMany(id => tokenizer.GetTokenBytes(id).ToArray()).ToArray();
        var rebuilt = System.Text.Encoding.UTF8.GetString(bytes);

        // SentencePiece-style vocabularies add a dummy-prefix space; byte-level ones rebuild the text exactly.
        Assert.Equal(text, rebuilt.StartsWith(' ') && spec == "mistral7b" ? rebuilt[1..] : rebuilt);
    }
}
