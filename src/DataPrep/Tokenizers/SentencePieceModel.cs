using System.Text;

namespace DataPrep.Tokenizers;

/// <summary>
/// The parts of a SentencePiece <c>.model</c> file (a <c>ModelProto</c> protobuf) that encoding needs: pieces with
/// scores and types, the model type, byte fallback, and the normaliser settings. Read with a small protobuf wire-format
/// reader, so no protobuf package is needed.
/// </summary>
internal sealed class SentencePieceModel
{
    private SentencePieceModel()
    {
    }

    /// <summary>Piece strings by id.</summary>
    public IReadOnlyList<string> Pieces { get; private set; } = [];

    /// <summary>Piece scores by id (BPE merges the adjacent pair whose joined piece has the highest score).</summary>
    public IReadOnlyList<float> Scores { get; private set; } = [];

    /// <summary>Piece types by id.</summary>
    public IReadOnlyList<SentencePiecePieceType> Types { get; private set; } = [];

    /// <summary>Model type from the trainer spec: 1 unigram (the proto default), 2 BPE, 3 word, 4 char.</summary>
    public int ModelType { get; private set; } = 1;

    /// <summary>True when characters outside the vocabulary become their UTF-8 byte pieces.</summary>
    public bool ByteFallback { get; private set; }

    /// <summary>True when whitespace is a suffix of pieces rather than a prefix (trainer spec).</summary>
    public bool TreatWhitespaceAsSuffix { get; private set; }

    /// <summary>Normaliser rule name (<c>identity</c>, <c>nmt_nfkc</c>, ...).</summary>
    public string NormalizerName { get; private set; } = "";

    /// <summary>Length of the precompiled character map; non-zero means the normaliser rewrites characters.</summary>
    public int PrecompiledCharsMapLength { get; private set; }

    /// <summary>Whether a <c>▁</c> is put in front of the text (proto default true).</summary>
    public bool AddDummyPrefix { get; private set; } = true;

    /// <summary>Whether leading, trailing and repeated spaces are removed (proto default true).</summary>
    public bool RemoveExtraWhitespaces { get; private set; } = true;

    /// <summary>Whether spaces become <c>▁</c> (proto default true).</summary>
    public bool EscapeWhitespaces { get; private set; } = true;

    /// <summary>Reads a model file.</summary>
    /// <exception cref="InvalidDataException">The file is not a SentencePiece model.</exception>
    public static SentencePieceModel Load(string path) => Parse(File.ReadAllBytes(path));

    /// <summary>Parses the bytes of a model file.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a SentencePiece model.</exception>
    public static SentencePieceModel Parse(ReadOnlySpan<byte> data)
    {
        var model = new SentencePieceModel();
        var pieces = new List<string>(32_000);
        var scores = new List<float>(32_000);
        var types = new List<SentencePiecePieceType>(32_000);
        var reader = new ProtoReader(data);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2:
                    ReadPiece(reader.ReadBytes(), pieces, scores, types);
                    break;
                case 2 when wire == 2:
                    model.ReadTrainerSpec(reader.ReadBytes());
                    break;
                case 3 when wire == 2:
                    model.ReadNormalizerSpec(reader.ReadBytes());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        if (pieces.Count == 0)
        {
            throw new InvalidDataException("Not a SentencePiece model: no pieces found.");
        }
        model.Pieces = pieces;
        model.Scores = scores;
        model.Types = types;
        return model;
    }

    private static void ReadPiece(ReadOnlySpan<byte> data, List<string> pieces, List<float> scores, List<SentencePiecePieceType> types)
    {
        var piece = "";
        var score = 0f;
        var type = SentencePiecePieceType.Normal;
        var reader = new ProtoReader(data);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2:
                    piece = Encoding.UTF8.GetString(reader.ReadBytes());
                    break;
                case 2 when wire == 5:
                    score = reader.ReadFloat();
                    break;
                case 3 when wire == 0:
                    type = (SentencePiecePieceType)reader.ReadVarint();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        pieces.Add(piece);
        scores.Add(score);
        types.Add(type);
    }

    private void ReadTrainerSpec(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 3 when wire == 0:
                    ModelType = (int)reader.ReadVarint();
                    break;
                case 24 when wire == 0:
                    TreatWhitespaceAsSuffix = reader.ReadVarint() != 0;
                    break;
                case 35 when wire == 0:
                    ByteFallback = reader.ReadVarint() != 0;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
    }

    private void ReadNormalizerSpec(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2:
                    NormalizerName = Encoding.UTF8.GetString(reader.ReadBytes());
                    break;
                case 2 when wire == 2:
                    PrecompiledCharsMapLength = reader.ReadBytes().Length;
                    break;
                case 3 when wire == 0:
                    AddDummyPrefix = reader.ReadVarint() != 0;
                    break;
                case 4 when wire == 0:
                    RemoveExtraWhitespaces = reader.ReadVarint() != 0;
                    break;
                case 5 when wire == 0:
                    EscapeWhitespaces = reader.ReadVarint() != 0;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
    }

    /// <summary>Minimal protobuf wire-format reader over a span.</summary>
    private ref struct ProtoReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public bool Next(out int field, out int wire)
        {
            if (_position >= _data.Length)
            {
                field = 0;
                wire = 0;
                return false;
            }
            var key = ReadVarint();
            field = (int)(key >> 3);
            wire = (int)(key & 7);
            return true;
        }

        public ulong ReadVarint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_position >= _data.Length)
                {
                    throw new InvalidDataException("Truncated varint in SentencePiece model.");
                }
                var b = _data[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
            throw new InvalidDataException("Malformed varint in SentencePiece model.");
        }

        public ReadOnlySpan<byte> ReadBytes()
        {
            var length = checked((int)ReadVarint());
            if (length < 0 || _position + length > _data.Length)
            {
                throw new InvalidDataException("Truncated field in SentencePiece model.");
            }
            var slice = _data.Slice(_position, length);
            _position += length;
            return slice;
        }

        public float ReadFloat()
        {
            if (_position + 4 > _data.Length)
            {
                throw new InvalidDataException("Truncated float in SentencePiece model.");
            }
            var value = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(_data.Slice(_position, 4));
            _position += 4;
            return value;
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case 0: ReadVarint(); break;
                case 1: _position += 8; break;
                case 2: ReadBytes(); break;
                case 5: _position += 4; break;
                default: throw new InvalidDataException($"Unsupported protobuf wire type {wire} in SentencePiece model.");
            }
        }
    }
}
