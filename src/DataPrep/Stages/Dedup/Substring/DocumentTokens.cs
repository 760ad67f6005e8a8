using System.Runtime.InteropServices;
using DataPrep.Tokenizers;

namespace DataPrep.Stages.Dedup.Substring;

/// <summary>
/// One document's token ids and where each token starts in its UTF-8 text, for the token unit of
/// <see cref="SubstringDedupStage"/>: the ids become the text the suffix arrays are built over, the start offsets
/// map cut token ranges back to bytes. Reused from document to document (one per observe pass).
/// </summary>
internal sealed class DocumentTokens(ITextTokenizer tokenizer)
{
    private readonly List<int> _ids = [];
    private int[] _offsets = new int[1024];
    private byte[] _codes = new byte[1024 * TokenCodes.BytesPerToken];

    /// <summary>Tokens of the last document encoded.</summary>
    public int Count => _ids.Count;

    /// <summary>Byte offset in the document of every token's first byte.</summary>
    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, _ids.Count);

    /// <summary>The 3-byte codes of the tokens, one after another (<see cref="TokenCodes"/>).</summary>
    public ReadOnlySpan<byte> Codes => _codes.AsSpan(0, _ids.Count * TokenCodes.BytesPerToken);

    /// <summary>Encodes <paramref name="text"/> (whose UTF-8 bytes are <paramref name="utf8"/>). False when the tokens'
    /// bytes do not spell the text byte for byte (a tokenizer that normalises, or a special token in the text): such a
    /// document then has no tokens, since no cut could be mapped back to its text.</summary>
    public bool TryEncode(string text, ReadOnlySpan<byte> utf8)
    {
        _ids.Clear();
        tokenizer.Encode(text, _ids);
        if (_offsets.Length < _ids.Count)
        {
            _offsets = new int[Math.Max(_ids.Count, _offsets.Length * 2)];
            _codes = new byte[_offsets.Length * TokenCodes.BytesPerToken];
        }
        var ids = CollectionsMarshal.AsSpan(_ids);
        var position = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            var bytes = tokenizer.GetTokenBytes(ids[i]);
            if (!utf8[position..].StartsWith(bytes))
            {
                _ids.Clear();
                return false;
            }
            _offsets[i] = position;
            position += bytes.Length;
            TokenCodes.Write(ids[i], _codes.AsSpan(i * TokenCodes.BytesPerToken));
        }
        if (position != utf8.Length)
        {
            _ids.Clear();
            return false;
        }
        return true;
    }
}
