using System.Text.Json.Nodes;
using DataPrep.Tests.Support;
using DataPrep.Tokenizers;

namespace DataPrep.Tests.Tokenizers;

/// <summary>
/// DataPrep's byte-level BPE encoder against the implementations it replaces: Microsoft.ML.Tokenizers'
/// TiktokenTokenizer for the OpenAI encodings and the Hugging Face Rust library (Tokenizers.DotNet) for Llama 3 and
/// Qwen3. Every document of a sample of every shared corpus, plus adversarial text, must get identical ids, except
/// where Microsoft.ML.Tokenizers is known to differ from tiktoken itself (<see cref="DiffersFromTiktoken"/>; those
/// texts are pinned to the independent tiktoken reference in <see cref="TiktokenReferenceTests"/>).
/// </summary>
public sealed class ByteLevelBpeTokenizerTests
{
    public static TheoryData<string> Specs() => ["r50k_base", "cl100k_base", "o200k_base", "llama3", "qwen3"];

    private static string JsonPath(string folder) => Path.Combine(TestPaths.Tokenizers, folder, "tokenizer.json");

    // Loaded once per test run: the references (Microsoft.ML.Tokenizers, the Rust library) stay loaded for the other tests.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<ITextTokenizer>> References = new();

    private static (ITextTokenizer Reference, ByteLevelBpeTokenizer Own) Resolve(string spec)
    {
        var reference = References.GetOrAdd(spec, s => new Lazy<ITextTokenizer>(() => TokenizerFactory.IsEncodingName(s)
            ? TiktokenTextTokenizer.Create(s)
            : HuggingFaceTokenizer.Load(JsonPath(s)))).Value;
        var own = TokenizerFactory.GetShared(TokenizerFactory.IsEncodingName(spec) ? spec : JsonPath(spec));
        return (reference, Assert.IsType<ByteLevelBpeTokenizer>(own));
    }

    [SharedDataTheory]
    [MemberData(nameof(Specs))]
    public void IdsEqualTheReferenceImplementationOnCorpusSamplesAndAdversarialText(string spec)
    {
        var (reference, own) = Resolve(spec);
        var tiktoken = TokenizerFactory.IsEncodingName(spec);
        // The Rust library refuses text with lone surrogates; Microsoft.ML.Tokenizers encodes them differently from
        // tiktoken (see DiffersFromTiktoken). For the tiktoken encodings the random strings stay inside the BMP.
        var texts = AdversarialText.Strings(random: 1500, loneSurrogates: false, beyondBmp: !tiktoken)
            .Concat(AdversarialText.CorpusSamples(perCorpus: 100));
        var compared = 0;
        var skipped = 0;
        foreach (var text in texts)
        {
            if (tiktoken && DiffersFromTiktoken(spec, text))
            {
                skipped++;
                continue;
            }
            var expected = new List<int>();
            var actual = new List<int>();
            reference.Encode(text, expected);

            var count = own.Encode(text, actual);

            Assert.Equal(expected, actual);
            Assert.Equal(expected.Count, count);
            Assert.Equal(expected.Count, own.CountTokens(text));
            compared++;
        }
        Assert.True(compared > 2000);
        Assert.True(skipped < 20, $"{skipped} texts skipped");
    }

    /// <summary>
    /// Texts on which Microsoft.ML.Tokenizers' TiktokenTokenizer is known to split differently from tiktoken (a library
    /// divergence, not a DataPrep choice), so its ids are no reference for them:
    /// <list type="bullet">
    /// <item>any surrogate: .NET <c>Regex</c> sees a character outside the BMP as two UTF-16 units that are neither
    /// letters nor digits, tiktoken's Rust engine as one code point (<c>𝐚't</c> is <c>𝐚</c>, <c>'t</c> in tiktoken,
    /// <c>𝐚'</c>, <c>t</c> in .NET); the library also encodes a lone surrogate as its own three bytes where tiktoken
    /// has U+FFFD;</item>
    /// <item><c>'ſ</c> (cl100k_base, o200k_base): tiktoken's <c>(?i)</c> folds U+017F to <c>s</c>, .NET's does not.</item>
    /// </list>
    /// (The library's older cl100k_base pattern also splits a trailing whitespace run after its last line break where
    /// tiktoken's <c>\s++$</c> keeps it whole; no cl100k_base token spans such a break, so the ids are the same.)
    /// </summary>
    internal static bool DiffersFromTiktoken(string spec, string text) =>
        text.Any(char.IsSurrogate) || (spec != "r50k_base" && spec != "gpt2" && text.Contains("'\u017F", StringComparison.Ordinal));

    [SharedDataTheory]
    [MemberData(nameof(Specs))]
    public void VocabularyAndTokenBytesAreThoseOfTheReference(string spec)
    {
        var (reference, own) = Resolve(spec);

        Assert.Equal(reference.VocabularySize, own.VocabularySize);
        Assert.Equal(reference.EndOfDocumentId, own.EndOfDocumentId);
        for (var id = 0; id < own.VocabularySize; id += 97)
        {
            Assert.Equal(reference.GetTokenBytes(id).ToArray(), own.GetTokenBytes(id).ToArray());
            Assert.Equal(reference.GetTokenKind(id), own.GetTokenKind(id));
        }
    }

    [SharedDataTheory]
    [InlineData("llama3")]
    [InlineData("qwen3")]
    public void APieceLongerThanTheKeptBuffersEqualsTheReference(string spec)
    {
        var (reference, own) = Resolve(spec);
        // 30,000 syllables without a space: one 90,000-byte piece, merged in borrowed arrays.
        var text = string.Concat(Enumerable.Repeat("대한민국만세", 5_000));
        var expected = new List<int>();
        var actual = new List<int>();
        reference.Encode(text, expected);

        own.Encode(text, actual);

        Assert.Equal(expected, actual);
        Assert.Equal(text, System.Text.Encoding.UTF8.GetString([.. actual.SelectMany(id => own.GetTokenBytes(id).ToArray())]));
    }

    [SharedDataTheory]
    [InlineData("cl100k_base", "a<|endoftext|>b", new[] { 64, 100257, 65 })]
    [InlineData("r50k_base", "<|endoftext|><|endoftext|>", new[] { 50256, 50256 })]
    [InlineData("llama3", "<|begin_of_text|>Hello", new[] { 128000, 9906 })]
    [InlineData("qwen3", "<think>\n</think>", new[] { 151667, 198, 151668 })]
    public void SpecialAndAddedTokensInTextBecomeTheirIds(string spec, string text, int[] expected)
    {
        var (_, own) = Resolve(spec);
        var ids = new List<int>();

        own.Encode(text, ids);

        Assert.Equal(expected, ids);
    }

    [SharedDataFact]
    public void QwenNormalisesToNfcBeforeSplitting()
    {
        var (_, own) = Resolve("qwen3");
        var decomposed = new List<int>();
        var composed = new List<int>();

        own.Encode("\u1112\u1161\u11AB\u1100\u1173\u11AF", decomposed);
        own.Encode("한글", composed);

        Assert.Equal(composed, decomposed);
    }

    [SharedDataFact]
    public void FactoryUsesTheOwnEncoderForByteLevelFilesAndTheRustLibraryForOthers()
    {
        Assert.IsType<ByteLevelBpeTokenizer>(TokenizerFactory.GetShared("o200k_base"));
        Assert.IsType<ByteLevelBpeTokenizer>(TokenizerFactory.GetShared(JsonPath("llama3")));
        Assert.IsType<HuggingFaceTokenizer>(TokenizerFactory.GetShared(JsonPath("mistral7b")));
    }

    [SharedDataTheory]
    [InlineData("normalizer", """{ "type": "NFKC" }""")]
    [InlineData("pre_tokenizer", """{ "type": "Whitespace" }""")]
    public void TokenizerFilesItCannotReproduceAreLeftToTheRustLibrary(string property, string replacement)
    {
        var root = JsonNode.Parse(File.ReadAllText(JsonPath("qwen3")))!;
        root[property] = JsonNode.Parse(replacement);
        var path = Path.Combine(TestPaths.NewTempDirectory(), "tokenizer.json");
        File.WriteAllText(path, root.ToJsonString());

        Assert.Null(ByteLevelBpeTokenizer.TryLoadHuggingFace(path));
        Assert.Null(ByteLevelBpeTokenizer.TryLoadHuggingFace(JsonPath("mistral7b")));
    }

    [SharedDataFact]
    public void AddedTokenThatStripsSpacesIsLeftToTheRustLibrary()
    {
        var root = JsonNode.Parse(File.ReadAllText(JsonPath("qwen3")))!;
        root["added_tokens"]![0]!["lstrip"] = true;
        var path = Path.Combine(TestPaths.NewTempDirectory(), "tokenizer.json");
        File.WriteAllText(path, root.ToJsonString());

        Assert.Null(ByteLevelBpeTokenizer.TryLoadHuggingFace(path));
    }
}
