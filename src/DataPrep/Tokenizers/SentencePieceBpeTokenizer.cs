using System.Globalization;
using System.Text;

namespace DataPrep.Tokenizers;

/// <summary>
/// An exact re-implementation of SentencePiece's BPE encoding (<c>bpe_model.cc</c>) for <c>.model</c> files such as
/// Llama 2's: the text is normalised (dummy <c>▁</c> prefix, spaces to <c>▁</c>), split into characters (user-defined
/// symbols whole), then the adjacent pair whose joined piece has the highest score is merged, ties going to the
/// leftmost pair, until no joined pair is in the vocabulary. Characters still outside the vocabulary become their
/// UTF-8 byte pieces (byte fallback) or <c>&lt;unk&gt;</c>. Thread-safe; scratch buffers and a word cache are per
/// thread. When no vocabulary piece holds a word start (<c>▁</c> after another character) inside it, as in Llama 2,
/// no merge can cross a word start, so words are encoded (and cached) one by one with exactly the same result.
/// </summary>
/// <remarks>
/// Microsoft.ML.Tokenizers' <c>LlamaTokenizer</c> merges runs of repeated punctuation (<c>....</c>, <c>====</c>) in a
/// different order and so gives different ids from SentencePiece on about one document in five of mixed web text;
/// this class follows SentencePiece's priority-queue order exactly (checked against <c>python3-sentencepiece</c>).
/// Only the <c>identity</c> normaliser is supported: models with a precompiled NFKC map are refused rather than
/// tokenized slightly wrong.
/// </remarks>
internal sealed class SentencePieceBpeTokenizer : ITextTokenizer
{
    private const char Whitespace = '\u2581';
    private const int MaxCachedWordLength = 48;
    private const int MaxCachedWords = 50_000;

    // Per tokenizer and thread: the word cache holds this model's ids.
    private readonly ThreadLocal<Scratch> _scratch = new(static () => new Scratch());

    private readonly SentencePieceModel _model;
    private readonly Dictionary<string, int> _pieces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _pieceLookup;
    private readonly Dictionary<string, int> _reserved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _reservedLookup;
    private readonly float[] _scores;
    private readonly SentencePiecePieceType[] _types;
    private readonly byte[][] _bytes;
    private readonly int[] _byteIds = new int[256];
    private readonly string[] _userDefined;
    private readonly int _unknownId;
    private readonly bool _hasUnused;
    private bool _segmentable;

    /// <summary>Builds the encoder for a parsed model.</summary>
    /// <param name="model">The model.</param>
    /// <param name="name">Name used in reports.</param>
    /// <exception cref="NotSupportedException">The model is not BPE, or its normaliser rewrites characters.</exception>
    public SentencePieceBpeTokenizer(SentencePieceModel model, string name)
    {
        if (model.ModelType != 2)
        {
            throw new NotSupportedException(
                $"SentencePiece model '{name}' has model type {model.ModelType}; only BPE (2) is supported.");
        }
        if (model.PrecompiledCharsMapLength > 0 && !string.Equals(model.NormalizerName, "identity", StringComparison.Ordinal))
        {
            throw new NotSupportedException(
                $"SentencePiece model '{name}' uses normaliser '{model.NormalizerName}'; only 'identity' is supported.");
        }
        _model = model;
        Name = name;
        var count = model.Pieces.Count;
        _scores = [.. model.Scores];
        _types = [.. model.Types];
        _bytes = new byte[count][];
        Array.Fill(_byteIds, -1);
        _unknownId = -1;
        var userDefined = new List<string>();
        for (var id = 0; id < count; id++)
        {
            var piece = model.Pieces[id];
            var type = _types[id];
            var normal = type is SentencePiecePieceType.Normal or SentencePiecePieceType.UserDefined or SentencePiecePieceType.Unused;
            (normal ? _pieces : _reserved).TryAdd(piece, id);
            _bytes[id] = [];
            switch (type)
            {
                case SentencePiecePieceType.Unknown:
                    _unknownId = id;
                    break;
                case SentencePiecePieceType.Control:
                    if (piece == "</s>")
                    {
                        EndOfDocumentId = id;
                    }
                    break;
                case SentencePiecePieceType.Byte:
                    if (piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal)
                        && byte.TryParse(piece.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                    {
                        _byteIds[b] = id;
                        _bytes[id] = [b];
                    }
                    break;
                default:
                    _bytes[id] = Encoding.UTF8.GetBytes(piece.Replace(Whitespace, ' '));
                    if (type == SentencePiecePieceType.UserDefined)
                    {
                        userDefined.Add(piece);
                    }
                    _hasUnused |= type == SentencePiecePieceType.Unused;
                    break;
            }
        }
        _userDefined = [.. userDefined.OrderByDescending(p => p.Length)];
        _segmentable = !model.TreatWhitespaceAsSuffix && !_pieces.Keys.Any(HasInnerWordStart);
        _pieceLookup = _pieces.GetAlternateLookup<ReadOnlySpan<char>>();
        _reservedLookup = _reserved.GetAlternateLookup<ReadOnlySpan<char>>();
        VocabularySize = count;
    }

    /// <summary>True when words are encoded one by one (exact for this vocabulary; see the class summary).</summary>
    internal bool WordSegmented => _segmentable;

    /// <summary>For tests: encode whole texts in one BPE pass, as SentencePiece does.</summary>
    internal void DisableWordSegmentation() => _segmentable = false;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int VocabularySize { get; }

    /// <inheritdoc />
    public int? EndOfDocumentId { get; }

    /// <summary>Loads a <c>.model</c> file.</summary>
    /// <exception cref="NotSupportedException">The model is not BPE with the identity normaliser.</exception>
    public static SentencePieceBpeTokenizer Load(string path, string? name = null) =>
        new(SentencePieceModel.Load(path), name ?? NameFromPath(path));

    /// <inheritdoc />
    public int Encode(string text, List<int> ids)
    {
        var before = ids.Count;
        EncodeCore(text, ids);
        return ids.Count - before;
    }

    /// <inheritdoc />
    public int CountTokens(string text)
    {
        var scratch = _scratch.Value!;
        scratch.Ids.Clear();
        EncodeCore(text, scratch.Ids);
        var count = scratch.Ids.Count;
        scratch.Ids.Clear();
        return count;
    }

    /// <inheritdoc />
    public ReadOnlySpan<byte> GetTokenBytes(int id) => (uint)id < (uint)_bytes.Length ? _bytes[id] : [];

    /// <inheritdoc />
    public TokenKind GetTokenKind(int id) => (uint)id >= (uint)_types.Length
        ? TokenKind.Unknown
        : _types[id] switch
        {
            SentencePiecePieceType.Byte => TokenKind.ByteFallback,
            SentencePiecePieceType.Unknown => TokenKind.Unknown,
            SentencePiecePieceType.Control => TokenKind.Special,
            _ => TokenKind.Normal,
        };

    internal static string NameFromPath(string path)
    {
        var file = Path.GetFileNameWithoutExtension(path);
        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)));
        return file is "tokenizer" && !string.IsNullOrEmpty(folder) ? folder : file;
    }

    private void EncodeCore(string text, List<int> ids)
    {
        if (text.Length == 0)
        {
            return;
        }
        var scratch = _scratch.Value!;
        var length = Normalize(text, scratch);
        if (length == 0)
        {
            return;
        }
        if (!_segmentable)
        {
            EncodeRange(scratch, 0, length, ids);
            return;
        }
        // No piece has a word start (▁ after another character) inside it, so no merge can cross a word start:
        // encoding word by word gives exactly the ids of encoding the whole text, and repeated words hit the cache.
        var chars = scratch.Chars;
        var cache = scratch.Cache;
        var start = 0;
        for (var i = 1; i <= length; i++)
        {
            if (i < length && !(chars[i] == Whitespace && chars[i - 1] != Whitespace))
            {
                continue;
            }
            var word = chars.AsSpan(start, i - start);
            if (word.Length <= MaxCachedWordLength && cache.TryGetValue(word, out var cached))
            {
                ids.AddRange(cached);
            }
            else
            {
                var before = ids.Count;
                EncodeRange(scratch, start, i, ids);
                if (word.Length <= MaxCachedWordLength)
                {
                    if (scratch.CacheStore.Count >= MaxCachedWords)
                    {
                        scratch.CacheStore.Clear();
                    }
                    scratch.CacheStore[word.ToString()] = ids.GetRange(before, ids.Count - before).ToArray();
                }
            }
            start = i;
        }
    }

    private void EncodeRange(Scratch scratch, int from, int to, List<int> ids)
    {
        var chars = scratch.Chars;
        var symbols = scratch.EnsureSymbols(to - from);
        var count = 0;
        for (var i = from; i < to;)
        {
            var size = MatchUserDefined(chars.AsSpan(i, to - i));
            if (size == 0)
            {
                size = char.IsHighSurrogate(chars[i]) && i + 1 < to && char.IsLowSurrogate(chars[i + 1]) ? 2 : 1;
            }
            symbols[count] = new Symbol { Prev = count - 1, Next = count + 1, Start = i, Length = size };
            count++;
            i += size;
        }
        symbols[count - 1].Next = -1;

        var queue = scratch.Queue;
        queue.Clear();
        scratch.ReverseMerges?.Clear();
        for (var i = 1; i < count; i++)
        {
            TryAddPair(scratch, i - 1, i);
        }
        while (queue.TryDequeue(out var pair, out _))
        {
            ref var left = ref symbols[pair.Left];
            ref var right = ref symbols[pair.Right];
            // A pair is stale when either side has been merged away or grown since it was queued.
            if (left.Length == 0 || right.Length == 0 || left.Length + right.Length != pair.Size)
            {
                continue;
            }
            left.Length += right.Length;
            left.Next = right.Next;
            if (right.Next >= 0)
            {
                symbols[right.Next].Prev = pair.Left;
            }
            right.Length = 0;
            TryAddPair(scratch, left.Prev, pair.Left);
            TryAddPair(scratch, pair.Left, left.Next);
        }
        for (var i = 0; i >= 0; i = symbols[i].Next)
        {
            Emit(scratch, chars.AsSpan(symbols[i].Start, symbols[i].Length), ids);
        }
    }

    private static bool HasInnerWordStart(string piece)
    {
        for (var i = 1; i < piece.Length; i++)
        {
            if (piece[i] == Whitespace && piece[i - 1] != Whitespace)
            {
                return true;
            }
        }
        return false;
    }

    private int Normalize(string text, Scratch scratch)
    {
        var chars = scratch.EnsureChars(text.Length + 2);
        var n = 0;
        var space = _model.EscapeWhitespaces ? Whitespace : ' ';
        var prefix = _model.AddDummyPrefix && !_model.TreatWhitespaceAsSuffix;
        var suffix = _model.AddDummyPrefix && _model.TreatWhitespaceAsSuffix;
        if (prefix)
        {
            chars[n++] = space;
        }
        var body = n;
        var lastWasSpace = _model.RemoveExtraWhitespaces;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (_model.RemoveExtraWhitespaces && lastWasSpace)
                {
                    continue;
                }
                chars[n++] = space;
                lastWasSpace = true;
            }
            else
            {
                chars[n++] = c;
                lastWasSpace = false;
            }
        }
        if (_model.RemoveExtraWhitespaces)
        {
            while (n > body && chars[n - 1] == space)
            {
                n--;
            }
            if (n == body)
            {
                return 0;
            }
        }
        if (suffix)
        {
            chars[n++] = space;
        }
        return n;
    }

    private int MatchUserDefined(ReadOnlySpan<char> rest)
    {
        foreach (var piece in _userDefined)
        {
            if (rest.StartsWith(piece, StringComparison.Ordinal))
            {
                return piece.Length;
            }
        }
        return 0;
    }

    private void TryAddPair(Scratch scratch, int left, int right)
    {
        if (left < 0 || right < 0)
        {
            return;
        }
        var symbols = scratch.Symbols;
        var size = symbols[left].Length + symbols[right].Length;
        var joined = scratch.Chars.AsSpan(symbols[left].Start, size);
        if (!_pieceLookup.TryGetValue(joined, out var id))
        {
            return;
        }
        var pair = new Pair(left, right, size, _scores[id]);
        scratch.Queue.Enqueue(pair, pair);
        if (_types[id] == SentencePiecePieceType.Unused)
        {
            var merges = scratch.ReverseMerges ??= new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            merges[joined.ToString()] = (joined[..symbols[left].Length].ToString(), joined[symbols[left].Length..].ToString());
        }
    }

    private void Emit(Scratch scratch, ReadOnlySpan<char> piece, List<int> ids)
    {
        var id = _reservedLookup.TryGetValue(piece, out var reserved) ? reserved
            : _pieceLookup.TryGetValue(piece, out var normal) ? normal
            : -1;
        if (id >= 0 && _hasUnused && _types[id] == SentencePiecePieceType.Unused
            && scratch.ReverseMerges is { } merges && merges.TryGetValue(piece.ToString(), out var halves))
        {
            Emit(scratch, halves.Item1, ids);
            Emit(scratch, halves.Item2, ids);
            return;
        }
        if (id >= 0)
        {
            ids.Add(id);
            return;
        }
        if (_model.ByteFallback)
        {
            Span<byte> utf8 = stackalloc byte[16];
            var written = Encoding.UTF8.GetBytes(piece, utf8);
            for (var i = 0; i < written; i++)
            {
                ids.Add(_byteIds[utf8[i]] >= 0 ? _byteIds[utf8[i]] : _unknownId);
            }
            return;
        }
        ids.Add(_unknownId);
    }

    private struct Symbol
    {
        public int Prev;
        public int Next;
        public int Start;
        public int Length;
    }

    private readonly record struct Pair(int Left, int Right, int Size, float Score);

    /// <summary>Highest score first; equal scores go to the leftmost pair (SentencePiece's SymbolPairComparator).</summary>
    private sealed class PairOrder : IComparer<Pair>
    {
        public static readonly PairOrder Instance = new();

        public int Compare(Pair x, Pair y)
        {
            if (x.Score != y.Score)
            {
                return x.Score > y.Score ? -1 : 1;
            }
            return x.Left.CompareTo(y.Left);
        }
    }

    private sealed class Scratch
    {
        public char[] Chars = new char[1024];
        public Symbol[] Symbols = new Symbol[1024];
        public readonly PriorityQueue<Pair, Pair> Queue = new(PairOrder.Instance);
        public readonly List<int> Ids = new(1024);
        public Dictionary<string, (string, string)>? ReverseMerges;
        public readonly Dictionary<string, int[]> CacheStore = new(StringComparer.Ordinal);
        public readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> Cache;

        public Scratch() => Cache = CacheStore.GetAlternateLookup<ReadOnlySpan<char>>();

        public char[] EnsureChars(int length)
        {
            if (Chars.Length < length)
            {
                Chars = new char[Math.Max(length, Chars.Length * 2)];
            }
            return Chars;
        }

        public Symbol[] EnsureSymbols(int length)
        {
            if (Symbols.Length < length)
            {
                Symbols = new Symbol[Math.Max(length, Symbols.Length * 2)];
            }
            return Symbols;
        }
    }
}
