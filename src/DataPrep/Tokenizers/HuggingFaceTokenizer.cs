using System.Globalization;
using System.Text;
using System.Text.Json;
using NativeTokenizer = Tokenizers.DotNet.Tokenizer;

namespace DataPrep.Tokenizers;

/// <summary>
/// A Hugging Face <c>tokenizer.json</c> run by the Hugging Face Rust library itself through Tokenizers.DotNet, so ids
/// are the reference ids by construction. <see cref="TokenizerFactory"/> uses it for files <see cref="ByteLevelBpeTokenizer"/>
/// does not reproduce (Mistral 7B); the tests use it as the reference for Llama 3 and Qwen3. Native tokenizers are pooled: one is made
/// only when every existing one is busy, so there are at most as many as concurrent callers (never one per document).
/// </summary>
/// <remarks>
/// Tokenizers.DotNet 1.4.1 exposes only <c>Encode(string)</c>, which applies the file's post-processor and so adds
/// template tokens such as Mistral's BOS <c>&lt;s&gt;</c>. They are learnt once by encoding the empty string and
/// stripped, so every tokenizer returns the ids of the text alone (the EOD token is added by the shard writer).
/// The vocabulary is read from the same file to know each token's bytes (byte-level BPE alphabet or SentencePiece
/// <c>▁</c>/<c>&lt;0xHH&gt;</c> pieces).
/// </remarks>
internal sealed class HuggingFaceTokenizer : ITextTokenizer, IDisposable
{
    private readonly string _path;
    private readonly System.Collections.Concurrent.ConcurrentBag<NativeTokenizer> _pool = [];
    private readonly List<NativeTokenizer> _all = [];
    private readonly uint[] _templatePrefix;
    private readonly uint[] _templateSuffix;
    private readonly byte[][] _bytes;
    private readonly TokenKind[] _kinds;

    private HuggingFaceTokenizer(string path, string name)
    {
        Name = name;
        _path = path;
        (_bytes, _kinds, var endOfDocument) = ReadVocabulary(path);
        VocabularySize = _bytes.Length;
        EndOfDocumentId = endOfDocument;
        var native = Rent();
        var empty = native.Encode("");
        var one = native.Encode("a");
        _pool.Add(native);
        var common = 0;
        while (common < empty.Length && common < one.Length && empty[common] == one[common])
        {
            common++;
        }
        _templatePrefix = empty[..common];
        _templateSuffix = empty[common..];
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int VocabularySize { get; }

    /// <inheritdoc />
    public int? EndOfDocumentId { get; }

    /// <summary>Template ids the file's post-processor puts before the text (stripped from every result).</summary>
    public IReadOnlyList<int> TemplatePrefix => [.. _templatePrefix.Select(i => (int)i)];

    /// <summary>Loads a <c>tokenizer.json</c>; <paramref name="name"/> defaults to its folder name.</summary>
    /// <exception cref="global::Tokenizers.DotNet.TokenizerException">The native library rejects the file.</exception>
    public static HuggingFaceTokenizer Load(string path, string? name = null) =>
        new(path, name ?? SentencePieceBpeTokenizer.NameFromPath(path));

    /// <inheritdoc />
    public int Encode(string text, List<int> ids)
    {
        var raw = EncodeRaw(text);
        var (start, end) = Strip(raw);
        for (var i = start; i < end; i++)
        {
            ids.Add((int)raw[i]);
        }
        return end - start;
    }

    /// <inheritdoc />
    public int CountTokens(string text)
    {
        var (start, end) = Strip(EncodeRaw(text));
        return end - start;
    }

    /// <inheritdoc />
    public ReadOnlySpan<byte> GetTokenBytes(int id) => (uint)id < (uint)_bytes.Length ? _bytes[id] : [];

    /// <inheritdoc />
    public TokenKind GetTokenKind(int id) => (uint)id < (uint)_kinds.Length ? _kinds[id] : TokenKind.Unknown;

    /// <summary>Frees the native tokenizers of every thread.</summary>
    public void Dispose()
    {
        lock (_all)
        {
            foreach (var native in _all)
            {
                native.Dispose();
            }
            _all.Clear();
        }
    }

    private uint[] EncodeRaw(string text)
    {
        var native = Rent();
        try
        {
            return native.Encode(text);
        }
        finally
        {
            _pool.Add(native);
        }
    }

    /// <summary>A native tokenizer no other thread is using: from the pool, or a new one (so at most one per concurrent caller).</summary>
    private NativeTokenizer Rent()
    {
        if (_pool.TryTake(out var native))
        {
            return native;
        }
        native = new NativeTokenizer(_path);
        lock (_all)
        {
            _all.Add(native);
        }
        return native;
    }

    private (int Start, int End) Strip(uint[] raw)
    {
        var start = 0;
        var end = raw.Length;
        if (_templatePrefix.Length > 0 && raw.AsSpan().StartsWith(_templatePrefix))
        {
            start = _templatePrefix.Length;
        }
        if (_templateSuffix.Length > 0 && end - start >= _templateSuffix.Length && raw.AsSpan(start).EndsWith(_templateSuffix))
        {
            end -= _templateSuffix.Length;
        }
        return (start, end);
    }

    internal static (byte[][] Bytes, TokenKind[] Kinds, int? EndOfDocument) ReadVocabulary(string path)
    {
        using var stream = File.OpenRead(path);
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        var model = root.GetProperty("model");
        var byteLevel = ContainsByteLevel(root, "pre_tokenizer") || ContainsByteLevel(root, "decoder");
        var byteFallback = model.TryGetProperty("byte_fallback", out var fallback) && fallback.ValueKind == JsonValueKind.True;
        string? unknown = model.TryGetProperty("unk_token", out var unk) && unk.ValueKind == JsonValueKind.String ? unk.GetString() : null;
        var entries = new List<(int Id, string Token, bool Special, bool Added)>();
        if (model.TryGetProperty("vocab", out var vocab) && vocab.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in vocab.EnumerateObject())
            {
                entries.Add((property.Value.GetInt32(), property.Name, false, false));
            }
        }
        else
        {
            throw new NotSupportedException($"tokenizer.json model type without a vocab object is not supported ({path}).");
        }
        if (root.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (var token in added.EnumerateArray())
            {
                var special = token.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True;
                entries.Add((token.GetProperty("id").GetInt32(), token.GetProperty("content").GetString() ?? "", special, true));
            }
        }
        var size = entries.Max(e => e.Id) + 1;
        var bytes = new byte[size][];
        var kinds = new TokenKind[size];
        Array.Fill(bytes, []);
        var unicodeToByte = byteLevel ? ByteLevelAlphabet() : null;
        int? endOfDocument = null;
        var eodRank = int.MaxValue;
        string[] eodNames = ["<|end_of_text|>", "<|endoftext|>", "</s>", "<eos>"];
        foreach (var (id, token, special, isAdded) in entries)
        {
            if (isAdded)
            {
                var rank = Array.IndexOf(eodNames, token);
                if (rank >= 0 && rank < eodRank)
                {
                    eodRank = rank;
                    endOfDocument = id;
                }
                if (special)
                {
                    kinds[id] = token == unknown ? TokenKind.Unknown : TokenKind.Special;
                    bytes[id] = [];
                    continue;
                }
                bytes[id] = Encoding.UTF8.GetBytes(token);
                continue;
            }
            if (token == unknown)
            {
                kinds[id] = TokenKind.Unknown;
                bytes[id] = [];
            }
            else if (byteFallback && token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal)
                && byte.TryParse(token.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                kinds[id] = TokenKind.ByteFallback;
                bytes[id] = [b];
            }
            else if (unicodeToByte is not null)
            {
                var decoded = new byte[token.Length];
                var n = 0;
                foreach (var c in token)
                {
                    decoded[n++] = unicodeToByte.TryGetValue(c, out var value) ? value : (byte)'?';
                }
                bytes[id] = decoded[..n];
            }
            else
            {
                bytes[id] = Encoding.UTF8.GetBytes(token.Replace('\u2581', ' '));
            }
        }
        return (bytes, kinds, endOfDocument);
    }

    private static bool ContainsByteLevel(JsonElement root, string property) =>
        root.TryGetProperty(property, out var element) && element.ValueKind == JsonValueKind.Object
        && element.GetRawText().Contains("\"ByteLevel\"", StringComparison.Ordinal);

    /// <summary>The byte-level BPE alphabet: printable bytes stand for themselves, the other 68 are shifted to U+0100 and up.</summary>
    internal static Dictionary<char, byte> ByteLevelAlphabet()
    {
        var map = new Dictionary<char, byte>(256);
        var shifted = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[printable ? (char)b : (char)(256 + shifted++)] = (byte)b;
        }
        return map;
    }
}
