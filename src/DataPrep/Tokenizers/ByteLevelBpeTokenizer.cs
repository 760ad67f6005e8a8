using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace DataPrep.Tokenizers;

/// <summary>
/// DataPrep's own byte-level BPE encoder, exact for OpenAI's tiktoken encodings (<c>r50k_base</c>, <c>gpt2</c>,
/// <c>cl100k_base</c>, <c>o200k_base</c>) and for Hugging Face <c>tokenizer.json</c> files of the same family
/// (Llama 3, Qwen2/Qwen3). The text is split at special/added tokens, then into pieces by a hand-written scanner
/// that matches the tokenizer's pre-tokenisation regex (<see cref="ByteLevelPreTokenizer"/>); each piece's UTF-8
/// bytes start as one token each and the adjacent pair with the lowest merge rank is merged, ties going to the
/// leftmost pair, until no pair merges. Thread-safe: scratch buffers and a bounded word cache are per thread.
/// </summary>
/// <remarks>
/// One mechanism covers both families because both merge by lowest rank, leftmost first (tiktoken's
/// <c>byte_pair_merge</c>, Hugging Face's <c>Word::merge_all</c>). Merging works on token ids with a precomputed pair
/// table: for tiktoken, pair (a, b) has the rank of the token whose bytes are bytes(a)+bytes(b); for Hugging Face,
/// the index of the merge in the file and the id of the merged token. tiktoken looks a whole piece up in the vocabulary
/// before merging, as does Hugging Face with <c>ignore_merges</c>. The reference implementations stay in the tests
/// (<see cref="TiktokenTextTokenizer"/>, <see cref="HuggingFaceTokenizer"/>) and are compared document by document.
/// Regex characters are code points for both, as in the Rust engines (tiktoken's fancy-regex, Hugging Face's
/// Oniguruma), so an emoji next to letters splits as tiktoken splits it; Microsoft.ML.Tokenizers runs .NET
/// <c>Regex</c> over UTF-16 units and differs there (and on <c>'ſ</c>, which tiktoken's Unicode case folding reads as
/// <c>'s</c>): its ids are the reference only for text without such characters.
/// </remarks>
internal sealed class ByteLevelBpeTokenizer : ITextTokenizer
{
    // Korean reviews have many distinct words: a large cache pays, a bounded one keeps memory flat on any corpus.
    private const int MaxCachedPieceLength = 32;
    private const int MaxCachedPieces = 100_000;
    // Pieces longer than this (in bytes) merge with a priority queue instead of rescanning the pair list.
    private const int QuadraticLimit = 128;

    private readonly ThreadLocal<Scratch> _scratch = new(static () => new Scratch());
    private readonly ByteLevelPreTokenizer _preTokenizer;
    private readonly BpeMergeTable _merges;
    private readonly TokenBytesTable? _wholePieces;
    private readonly int[] _byteIds;
    // The merges of two single bytes, indexed by the bytes: every piece starts with these lookups, so they skip the hash table.
    private readonly ulong[] _bytePairs = new ulong[65536];
    private readonly Dictionary<char, (string Text, int Id)[]> _added;
    private readonly SearchValues<char>? _addedStarts;
    private readonly bool _nfc;
    private readonly byte[][] _bytes;
    private readonly TokenKind[] _kinds;

    private ByteLevelBpeTokenizer(
        string name, ByteLevelPreTokenizer preTokenizer, BpeMergeTable merges, TokenBytesTable? wholePieces, int[] byteIds,
        IEnumerable<(string Text, int Id)> added, bool nfc, byte[][] bytes, TokenKind[] kinds, int? endOfDocument)
    {
        Name = name;
        _preTokenizer = preTokenizer;
        _merges = merges;
        _wholePieces = wholePieces;
        _byteIds = byteIds;
        _nfc = nfc;
        _bytes = bytes;
        _kinds = kinds;
        VocabularySize = bytes.Length;
        EndOfDocumentId = endOfDocument;
        for (var pair = 0; pair < _bytePairs.Length; pair++)
        {
            _bytePairs[pair] = merges.Get(byteIds[pair >> 8], byteIds[pair & 0xFF]);
        }
        // Leftmost match first, then the longest token starting there (Hugging Face's LeftmostLongest; tiktoken's
        // special tokens are never prefixes of one another, so its first-in-list order gives the same).
        _added = added.Where(a => a.Text.Length > 0)
            .GroupBy(a => a.Text[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.Text.Length).ThenBy(a => a.Id).ToArray());
        _addedStarts = _added.Count > 0 ? SearchValues.Create([.. _added.Keys]) : null;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int VocabularySize { get; }

    /// <inheritdoc />
    public int? EndOfDocumentId { get; }

    /// <summary>The pre-tokeniser (for tests that compare its pieces with a reference).</summary>
    internal ByteLevelPreTokenizer PreTokenizer => _preTokenizer;

    /// <summary>Number of merge pairs in the pair table.</summary>
    public int MergeCount => _merges.Count;

    /// <summary>Creates the encoder for a tiktoken encoding (<c>r50k_base</c>, <c>gpt2</c>, <c>cl100k_base</c>, <c>o200k_base</c>)
    /// from the Microsoft.ML.Tokenizers data packages (<see cref="TiktokenEncoding"/>), with their special tokens.</summary>
    /// <exception cref="ArgumentException">The name is not a known encoding.</exception>
    public static ByteLevelBpeTokenizer CreateTiktoken(string encodingName)
    {
        var encoding = TiktokenEncoding.Load(encodingName);
        var (name, bytes, kinds) = (encoding.Name, encoding.Bytes, encoding.Kinds);
        var pattern = name switch
        {
            "r50k_base" or "gpt2" => ByteLevelPattern.Gpt2,
            "cl100k_base" => ByteLevelPattern.Cl100k,
            _ => ByteLevelPattern.O200k,
        };
        var tokens = new TokenBytesTable(bytes, id => kinds[id] == TokenKind.Normal);
        var byteIds = new int[256];
        for (var b = 0; b < 256; b++)
        {
            byteIds[b] = tokens.Get([(byte)b]);
            if (byteIds[b] < 0)
            {
                throw new InvalidOperationException($"Encoding '{name}' has no token for byte {b}.");
            }
        }
        // Every split of a token into two tokens is a merge whose rank is the token's rank (tiktoken ranks are ids).
        var merges = new List<(int, int, int, int)>(bytes.Length * 4);
        for (var id = 0; id < bytes.Length; id++)
        {
            var token = bytes[id];
            if (kinds[id] != TokenKind.Normal || token.Length < 2)
            {
                continue;
            }
            for (var k = 1; k < token.Length; k++)
            {
                var left = tokens.Get(token.AsSpan(0, k));
                var right = left < 0 ? -1 : tokens.Get(token.AsSpan(k));
                if (right >= 0)
                {
                    merges.Add((left, right, id, id));
                }
            }
        }
        var specials = encoding.SpecialTokens.Select(p => (p.Key, p.Value));
        return new ByteLevelBpeTokenizer(
            name, new ByteLevelPreTokenizer(pattern, maxDigits: 3, codePoints: true, unicodeCaseFolding: true, wholeTrailingWhitespace: true), new BpeMergeTable(merges), tokens, byteIds,
            specials, nfc: false, bytes, kinds, encoding.EndOfDocumentId);
    }

    /// <summary>
    /// Loads a Hugging Face <c>tokenizer.json</c> when it is a byte-level BPE this class reproduces exactly: model BPE
    /// without dropout, byte fallback or subword affixes; normaliser none or NFC; pre-tokeniser a <c>Split</c> on one of
    /// the known regexes followed by <c>ByteLevel</c> without regex, or <c>ByteLevel</c> with the GPT-2 regex; no
    /// prefix space; added tokens matched as plain strings. Returns <c>null</c> for any other file (use
    /// <see cref="HuggingFaceTokenizer"/> for it).
    /// </summary>
    /// <param name="path">The <c>tokenizer.json</c> file.</param>
    /// <param name="name">Name in reports; defaults to the folder name.</param>
    public static ByteLevelBpeTokenizer? TryLoadHuggingFace(string path, string? name = null)
    {
        name ??= SentencePieceBpeTokenizer.NameFromPath(path);
        JsonDocument json;
        using (var stream = File.OpenRead(path))
        {
            json = JsonDocument.Parse(stream);
        }
        using (json)
        {
            var root = json.RootElement;
            if (!root.TryGetProperty("model", out var model) || Text(model, "type") != "BPE"
                || !IsNull(model, "dropout") || IsTrue(model, "byte_fallback")
                || !string.IsNullOrEmpty(Text(model, "continuing_subword_prefix")) || !string.IsNullOrEmpty(Text(model, "end_of_word_suffix")))
            {
                return null;
            }
            bool nfc;
            if (IsNull(root, "normalizer"))
            {
                nfc = false;
            }
            else if (Text(root.GetProperty("normalizer"), "type") == "NFC")
            {
                nfc = true;
            }
            else
            {
                return null;
            }
            if (PreTokenizerOf(root) is not { } preTokenizer)
            {
                return null;
            }
            var added = new List<(string, int)>();
            if (root.TryGetProperty("added_tokens", out var addedTokens) && addedTokens.ValueKind == JsonValueKind.Array)
            {
                foreach (var token in addedTokens.EnumerateArray())
                {
                    // Stripping, whole-word and normalised matching change what an added token matches: not reproduced.
                    if (IsTrue(token, "single_word") || IsTrue(token, "lstrip") || IsTrue(token, "rstrip") || (IsTrue(token, "normalized") && nfc))
                    {
                        return null;
                    }
                    added.Add((token.GetProperty("content").GetString() ?? "", token.GetProperty("id").GetInt32()));
                }
            }
            var (bytes, kinds, endOfDocument) = HuggingFaceTokenizer.ReadVocabulary(path);
            var alphabet = HuggingFaceTokenizer.ByteLevelAlphabet();
            var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in model.GetProperty("vocab").EnumerateObject())
            {
                vocabulary[entry.Name] = entry.Value.GetInt32();
            }
            var byteIds = new int[256];
            foreach (var (symbol, value) in alphabet)
            {
                if (!vocabulary.TryGetValue(symbol.ToString(), out byteIds[value]))
                {
                    return null;
                }
            }
            var merges = new List<(int, int, int, int)>(model.GetProperty("merges").GetArrayLength());
            var rank = 0;
            foreach (var merge in model.GetProperty("merges").EnumerateArray())
            {
                string? left, right;
                if (merge.ValueKind == JsonValueKind.Array)
                {
                    left = merge[0].GetString();
                    right = merge[1].GetString();
                }
                else
                {
                    var parts = (merge.GetString() ?? "").Split(' ');
                    (left, right) = parts.Length == 2 ? (parts[0], parts[1]) : (null, null);
                }
                if (left is null || right is null || !vocabulary.TryGetValue(left, out var leftId) || !vocabulary.TryGetValue(right, out var rightId)
                    || !vocabulary.TryGetValue(left + right, out var merged))
                {
                    return null;
                }
                merges.Add((leftId, rightId, rank++, merged));
            }
            TokenBytesTable? wholePieces = null;
            if (IsTrue(model, "ignore_merges"))
            {
                // Only vocabulary entries written entirely in the byte alphabet can equal a piece's bytes.
                var valid = new bool[bytes.Length];
                foreach (var (token, id) in vocabulary)
                {
                    valid[id] = token.All(alphabet.ContainsKey);
                }
                wholePieces = new TokenBytesTable(bytes, id => valid[id]);
            }
            return new ByteLevelBpeTokenizer(
                name, preTokenizer, new BpeMergeTable(merges), wholePieces, byteIds, added, nfc, bytes, kinds, endOfDocument);
        }
    }

    /// <inheritdoc />
    public int Encode(string text, List<int> ids)
    {
        ArgumentNullException.ThrowIfNull(text);
        var before = ids.Count;
        EncodeCore(text, ids, _scratch.Value!);
        return ids.Count - before;
    }

    /// <inheritdoc />
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scratch = _scratch.Value!;
        scratch.Ids.Clear();
        EncodeCore(text, scratch.Ids, scratch);
        var count = scratch.Ids.Count;
        scratch.Ids.Clear();
        return count;
    }

    /// <inheritdoc />
    public ReadOnlySpan<byte> GetTokenBytes(int id) => (uint)id < (uint)_bytes.Length ? _bytes[id] : [];

    /// <inheritdoc />
    public TokenKind GetTokenKind(int id) => (uint)id < (uint)_kinds.Length ? _kinds[id] : TokenKind.Unknown;

    private void EncodeCore(string text, List<int> ids, Scratch scratch)
    {
        if (_addedStarts is null)
        {
            EncodeSegment(text, 0, text.Length, ids, scratch);
            return;
        }
        var position = 0;
        while (position < text.Length)
        {
            var (start, length, id) = FindAdded(text, position);
            if (start > position)
            {
                EncodeSegment(text, position, start, ids, scratch);
            }
            if (length == 0)
            {
                return;
            }
            ids.Add(id);
            position = start + length;
        }
    }

    private (int Start, int Length, int Id) FindAdded(string text, int from)
    {
        while (true)
        {
            var offset = text.AsSpan(from).IndexOfAny(_addedStarts!);
            if (offset < 0)
            {
                return (text.Length, 0, -1);
            }
            var at = from + offset;
            foreach (var (token, id) in _added[text[at]])
            {
                if (text.AsSpan(at).StartsWith(token, StringComparison.Ordinal))
                {
                    return (at, token.Length, id);
                }
            }
            from = at + 1;
        }
    }

    private void EncodeSegment(string text, int from, int to, List<int> ids, Scratch scratch)
    {
        var segment = text.AsSpan(from, to - from);
        if (_nfc)
        {
            // Normalisation refuses lone surrogates; they become U+FFFD here as they would in UTF-8 (the Rust library rejects such text).
            if (segment.ContainsAnyInRange('\uD800', '\uDFFF') && HasLoneSurrogate(segment))
            {
                segment = ReplaceLoneSurrogates(segment);
            }
            if (!segment.IsNormalized(NormalizationForm.FormC))
            {
                segment = segment.ToString().Normalize(NormalizationForm.FormC);
            }
        }
        var i = 0;
        while (i < segment.Length)
        {
            var end = _preTokenizer.NextEnd(segment, i);
            EncodePiece(segment[i..end], ids, scratch);
            i = end;
        }
    }

    private static bool HasLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static string ReplaceLoneSurrogates(ReadOnlySpan<char> text)
    {
        var chars = text.ToArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }
        return new string(chars);
    }

    private void EncodePiece(ReadOnlySpan<char> piece, List<int> ids, Scratch scratch)
    {
        if (piece.Length == 1 && piece[0] < 0x80)
        {
            ids.Add(_byteIds[piece[0]]);
            return;
        }
        var cacheable = piece.Length <= MaxCachedPieceLength;
        if (cacheable && scratch.Cache.TryGetValue(piece, out var cached))
        {
            ids.AddRange(cached);
            return;
        }
        var before = ids.Count;
        var bytes = scratch.Utf8(piece);
        var whole = _wholePieces?.Get(bytes) ?? -1;
        if (whole >= 0)
        {
            ids.Add(whole);
        }
        else if (bytes.Length <= QuadraticLimit)
        {
            MergeShort(bytes, ids, scratch);
        }
        else
        {
            MergeLong(bytes, ids, scratch);
        }
        if (cacheable)
        {
            if (scratch.Store.Count >= MaxCachedPieces)
            {
                scratch.Store.Clear();
            }
            scratch.Store[piece.ToString()] = CollectionsMarshal.AsSpan(ids)[before..].ToArray();
        }
    }

    /// <summary>tiktoken's loop: rescan the pair ranks for the lowest (leftmost on ties), merge, update its two neighbours.</summary>
    private void MergeShort(ReadOnlySpan<byte> bytes, List<int> ids, Scratch scratch)
    {
        var count = bytes.Length;
        var symbols = scratch.Symbols.AsSpan(0, count);
        var pairs = scratch.Pairs.AsSpan(0, count);
        for (var k = 0; k < count; k++)
        {
            symbols[k] = _byteIds[bytes[k]];
        }
        for (var k = 0; k + 1 < count; k++)
        {
            pairs[k] = _bytePairs[(bytes[k] << 8) | bytes[k + 1]];
        }
        while (count > 1)
        {
            var best = BpeMergeTable.None;
            var at = -1;
            for (var k = 0; k + 1 < count; k++)
            {
                if (pairs[k] < best)
                {
                    best = pairs[k];
                    at = k;
                }
            }
            if (at < 0)
            {
                break;
            }
            symbols[at] = (int)(uint)best;
            symbols[(at + 2)..count].CopyTo(symbols[(at + 1)..]);
            if (at + 2 < count - 1)
            {
                pairs[(at + 2)..(count - 1)].CopyTo(pairs[(at + 1)..]);
            }
            count--;
            if (at + 1 < count)
            {
                pairs[at] = _merges.Get(symbols[at], symbols[at + 1]);
            }
            if (at > 0)
            {
                pairs[at - 1] = _merges.Get(symbols[at - 1], symbols[at]);
            }
        }
        for (var k = 0; k < count; k++)
        {
            ids.Add(symbols[k]);
        }
    }

    /// <summary>Hugging Face's loop for long pieces: a priority queue of (rank, position) over a linked list of symbols,
    /// stale entries skipped; the same lowest-rank, leftmost order as <see cref="MergeShort"/>.</summary>
    private void MergeLong(ReadOnlySpan<byte> bytes, List<int> ids, Scratch scratch)
    {
        var count = bytes.Length;
        // A very long piece (a long run of letters without spaces) borrows its arrays instead of growing the thread's for good.
        var rented = count > Scratch.KeptLength ? ArrayPool<int>.Shared.Rent(3 * count) : null;
        var buffer = rented ?? scratch.Long;
        var symbols = buffer.AsSpan(0, count);
        var next = buffer.AsSpan(count, count);
        var previous = buffer.AsSpan(2 * count, count);
        var queue = scratch.Queue;
        queue.Clear();
        for (var k = 0; k < count; k++)
        {
            symbols[k] = _byteIds[bytes[k]];
            next[k] = k + 1 < count ? k + 1 : -1;
            previous[k] = k - 1;
        }
        for (var k = 0; k + 1 < count; k++)
        {
            Push(queue, k, _merges.Get(symbols[k], symbols[k + 1]));
        }
        while (queue.TryDequeue(out var entry, out _))
        {
            var (at, merge) = entry;
            // Stale when the left symbol was merged away or either side has changed since the entry was queued.
            if (symbols[at] < 0 || next[at] < 0 || _merges.Get(symbols[at], symbols[next[at]]) != merge)
            {
                continue;
            }
            var right = next[at];
            symbols[at] = (int)(uint)merge;
            symbols[right] = -1;
            next[at] = next[right];
            if (next[at] >= 0)
            {
                previous[next[at]] = at;
                Push(queue, at, _merges.Get(symbols[at], symbols[next[at]]));
            }
            if (previous[at] >= 0)
            {
                Push(queue, previous[at], _merges.Get(symbols[previous[at]], symbols[at]));
            }
        }
        for (var k = 0; k >= 0; k = next[k])
        {
            ids.Add(symbols[k]);
        }
        if (rented is not null)
        {
            ArrayPool<int>.Shared.Return(rented);
        }

        static void Push(PriorityQueue<(int, ulong), ulong> queue, int at, ulong merge)
        {
            if (merge != BpeMergeTable.None)
            {
                // Rank in the high half, position in the low half: lowest rank first, then leftmost.
                queue.Enqueue((at, merge), (merge & 0xFFFF_FFFF_0000_0000UL) | (uint)at);
            }
        }
    }

    private static ByteLevelPreTokenizer? PreTokenizerOf(JsonElement root)
    {
        if (!root.TryGetProperty("pre_tokenizer", out var pre) || pre.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (Text(pre, "type") == "ByteLevel")
        {
            return !IsTrue(pre, "add_prefix_space") && !IsFalse(pre, "use_regex")
                ? new ByteLevelPreTokenizer(ByteLevelPattern.Gpt2, maxDigits: 0, codePoints: true)
                : null;
        }
        if (Text(pre, "type") != "Sequence" || !pre.TryGetProperty("pretokenizers", out var steps) || steps.GetArrayLength() != 2)
        {
            return null;
        }
        var split = steps[0];
        var byteLevel = steps[1];
        if (Text(split, "type") != "Split" || Text(split, "behavior") != "Isolated" || IsTrue(split, "invert")
            || Text(byteLevel, "type") != "ByteLevel" || IsTrue(byteLevel, "add_prefix_space") || !IsFalse(byteLevel, "use_regex")
            || !split.TryGetProperty("pattern", out var pattern) || Text(pattern, "Regex") is not { } regex)
        {
            return null;
        }
        return regex switch
        {
            Cl100kRegex => new ByteLevelPreTokenizer(ByteLevelPattern.Cl100k, maxDigits: 3, codePoints: true),
            QwenRegex => new ByteLevelPreTokenizer(ByteLevelPattern.Cl100k, maxDigits: 1, codePoints: true),
            O200kRegex => new ByteLevelPreTokenizer(ByteLevelPattern.O200k, maxDigits: 3, codePoints: true),
            _ => null,
        };
    }

    internal const string Cl100kRegex = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    internal const string QwenRegex = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    internal const string O200kRegex = @"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    internal const string Gpt2Regex = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool IsNull(JsonElement element, string property) =>
        !element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;

    private static bool IsTrue(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;

    private static bool IsFalse(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.False;

    private sealed class Scratch
    {
        /// <summary>Longest piece (in bytes) whose merge arrays stay with the thread.</summary>
        public const int KeptLength = 1 << 16;

        public byte[] Bytes = new byte[256];
        public readonly int[] Symbols = new int[QuadraticLimit];
        public readonly ulong[] Pairs = new ulong[QuadraticLimit];
        public int[] Long = new int[3 * 256];
        public readonly PriorityQueue<(int, ulong), ulong> Queue = new();
        public readonly List<int> Ids = new(1024);
        public readonly Dictionary<string, int[]> Store = new(StringComparer.Ordinal);
        public readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> Cache;

        public Scratch() => Cache = Store.GetAlternateLookup<ReadOnlySpan<char>>();

        /// <summary>The UTF-8 bytes of <paramref name="piece"/>; grows the buffers to fit (the merge arrays up to <see cref="KeptLength"/>).
        /// A lone surrogate becomes U+FFFD, as in tiktoken (which re-decodes such text with replacement; the Hugging Face Rust library refuses it).</summary>
        public ReadOnlySpan<byte> Utf8(ReadOnlySpan<char> piece)
        {
            var most = piece.Length * 3;
            if (Bytes.Length < most)
            {
                Bytes = new byte[Math.Max(most, Bytes.Length * 2)];
            }
            if (Long.Length < 3 * Math.Min(most, KeptLength))
            {
                Long = new int[3 * Math.Min(Math.Max(most, Long.Length / 3 * 2), KeptLength)];
            }
            System.Text.Unicode.Utf8.FromUtf16(piece, Bytes, out _, out var written, replaceInvalidSequences: true);
            return Bytes.AsSpan(0, written);
        }
    }
}
