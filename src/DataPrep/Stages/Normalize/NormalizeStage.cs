using System.Buffers;
using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Text;

namespace DataPrep.Stages.Normalize;

/// <summary>
/// Step 0 of every recipe: Unicode NFC, control characters removed, white space normalised, so that
/// every later rule counts the same characters however the text was produced. Line and paragraph
/// breaks are kept (quality rules count lines; line dedup needs them); <c>\r\n</c> and <c>\r</c> become <c>\n</c>.
/// Documents left empty are rejected with <c>normalize.empty</c>.
/// </summary>
/// <remarks>
/// NFC, not NFKC: NFKC folds compatibility characters, turning the jamo of ㅋㅋ or ㅎㅏ into conjoining
/// jamo and full-width forms into ASCII, which changes Korean text that quality rules must see as written.
/// </remarks>
[Stage("Normalize", typeof(NormalizeOptions), Family = 0,
    Description = "Unicode NFC, control characters removed, spaces collapsed, line breaks kept (first stage of every recipe).")]
public sealed class NormalizeStage : TransformStage
{
    /// <summary>The text was empty or only white space after normalisation.</summary>
    public static readonly RejectionReason Empty = new("normalize.empty", "The document has no text left after normalisation.");

    private readonly NormalizeOptions _options;

    /// <summary>Creates the stage.</summary>
    public NormalizeStage(NormalizeOptions options) => _options = options;

    /// <inheritdoc />
    public override string Id => "normalize";

    /// <inheritdoc />
    protected override RejectionReason? EmptyReason => Empty;

    /// <inheritdoc />
    /// <remarks>
    /// Text still held as the input's UTF-8 stays UTF-8 when it is already NFC (the common case): clean text except
    /// for white space at its ends keeps its own bytes, trimmed; other text is cleaned byte by byte with the same
    /// rules. Only text that NFC changes is decoded into a string and goes through <see cref="Transform"/>.
    /// </remarks>
    protected override Verdict Evaluate(Document document, StageContext context)
    {
        if (document.TryGetUtf8Text(out var utf8) && TryCleanUtf8(utf8, out var result))
        {
            if (result.Length != utf8.Length || !result.Span.SequenceEqual(utf8.Span))
            {
                document.SetValidUtf8(result);
                context.Stats.Increment("changed");
            }
            return IsWhiteSpace(result.Span) ? Empty : Verdict.Keep;
        }
        return base.Evaluate(document, context);
    }

    // The UTF-8 path: one scan answers "NFC?" and "anything to clean?" for the text inside its trimmed ends. False when the
    // text is not NFC (it goes through Transform as a string).
    private bool TryCleanUtf8(ReadOnlyMemory<byte> utf8, out ReadOnlyMemory<byte> result)
    {
        var text = utf8.Span;
        var trimmable = TrimEnds(text, _options, out var start, out var length);
        var finding = trimmable
            ? Utf8CleanScanner.Scan(text.Slice(start, length), _options, _options.Nfc)
            : !_options.Nfc || Nfc.IsTriviallyNormalized(text) ? Utf8CleanScanner.Finding.NeedsCleaning : Utf8CleanScanner.Finding.NotTriviallyNfc;
        if (finding == Utf8CleanScanner.Finding.NotTriviallyNfc)
        {
            if (!IsNfcSlow(text))
            {
                result = default;
                return false;
            }
            finding = trimmable ? Utf8CleanScanner.Scan(text.Slice(start, length), _options, checkNfc: false) : Utf8CleanScanner.Finding.NeedsCleaning;
        }
        if (finding == Utf8CleanScanner.Finding.Clean)
        {
            result = utf8.Slice(start, length);
            return true;
        }
        var cleaned = new byte[utf8.Length];
        result = cleaned.AsMemory(0, CleanInto(text, cleaned, _options));
        return true;
    }

    // Text the byte-level test cannot vouch for is decoded into a pooled buffer for the platform's check.
    private static bool IsNfcSlow(ReadOnlySpan<byte> utf8)
    {
        var chars = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            var count = System.Text.Encoding.UTF8.GetChars(utf8, chars);
            return chars.AsSpan(0, count).IsNormalized(System.Text.NormalizationForm.FormC);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    // CleanInto on UTF-8: the same rules, character for character; the output is never longer than the input. Runs of
    // ordinary characters, single spaces between them included, are copied whole; only where something may change is the
    // text taken character by character.
    private static int CleanInto(ReadOnlySpan<byte> text, Span<byte> output, NormalizeOptions options)
    {
        var length = 0;
        var pendingSpace = false;
        var pendingNewlines = 0;
        var i = 0;
        while (i < text.Length)
        {
            var run = Utf8CleanScanner.NextStop(text, i) - i;
            if (run != 0)
            {
                Flush(output, ref length, ref pendingNewlines, ref pendingSpace, options);
                text.Slice(i, run).CopyTo(output[length..]);
                length += run;
                i += run;
                continue;
            }
            var b = text[i];
            var size = 1;
            if (b < 0x80)
            {
                var c = (char)b;
                if (c == '\r')
                {
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                        continue;
                    }
                    c = '\n';
                }
                if (c == '\n')
                {
                    pendingSpace = false; // trims spaces at line ends
                    pendingNewlines++;
                    i++;
                    continue;
                }
                if (options.RemoveControlCharacters && (c < 0x20 && c != '\t' || c == '\u007F'))
                {
                    i++;
                    continue;
                }
                if (options.CollapseSpaces && (c == ' ' || c == '\t'))
                {
                    pendingSpace = true;
                    i++;
                    continue;
                }
            }
            else
            {
                System.Text.Rune.DecodeFromUtf8(text[i..], out var rune, out size);
                if (rune.IsBmp)
                {
                    var c = (char)rune.Value;
                    if (options.RemoveControlCharacters && IsRemovable(c))
                    {
                        i += size;
                        continue;
                    }
                    if (options.CollapseSpaces && IsUnicodeSpace(c))
                    {
                        pendingSpace = true;
                        i += size;
                        continue;
                    }
                }
            }
            Flush(output, ref length, ref pendingNewlines, ref pendingSpace, options);
            text.Slice(i, size).CopyTo(output[length..]);
            length += size;
            i += size;
        }
        return length;
    }

    // Writes the line breaks and the space held back before the next kept character.
    private static void Flush(Span<byte> output, ref int length, ref int pendingNewlines, ref bool pendingSpace, NormalizeOptions options)
    {
        if (pendingNewlines > 0)
        {
            if (length > 0)
            {
                var keep = options.MaxConsecutiveNewlines > 0 ? Math.Min(pendingNewlines, options.MaxConsecutiveNewlines) : pendingNewlines;
                output.Slice(length, keep).Fill((byte)'\n');
                length += keep;
            }
            pendingNewlines = 0;
            pendingSpace = false; // spaces at the start of a line go too
        }
        if (pendingSpace)
        {
            if (length > 0 && output[length - 1] != '\n')
            {
                output[length++] = (byte)' ';
            }
            pendingSpace = false;
        }
    }

    /// <inheritdoc />
    protected override string Transform(Document document, StageStats stats)
    {
        var text = document.Text;
        if (_options.Nfc && !Nfc.IsNormalized(text))
        {
            text = text.Normalize(System.Text.NormalizationForm.FormC);
            stats.Increment("nfc.changed");
        }
        var cleaned = Clean(text, _options);
        if (!ReferenceEquals(cleaned, text) || !ReferenceEquals(text, document.Text))
        {
            stats.Increment("changed");
        }
        return cleaned;
    }

    /// <summary>Applies the white-space and control-character rules; returns <paramref name="text"/> itself when nothing changes.</summary>
    public static string Clean(string text, NormalizeOptions options)
    {
        if (!NeedsCleaning(text, options))
        {
            return text;
        }
        // Common case (every document of some corpora ends in a line break): only the ends need trimming.
        if (options.CollapseSpaces)
        {
            var start = 0;
            var end = text.Length;
            while (start < end && text[start] is ' ' or '\n' or '\t')
            {
                start++;
            }
            while (end > start && text[end - 1] is ' ' or '\n' or '\t')
            {
                end--;
            }
            if ((start > 0 || end < text.Length) && !NeedsCleaning(text.AsSpan(start, end - start), options))
            {
                return text[start..end];
            }
        }
        var buffer = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var length = CleanInto(text, buffer, options);
            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static bool IsWhiteSpace(ReadOnlySpan<byte> utf8)
    {
        while (!utf8.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf8(utf8, out var rune, out var length) != OperationStatus.Done || !System.Text.Rune.IsWhiteSpace(rune))
            {
                return false;
            }
            utf8 = utf8[length..];
        }
        return true;
    }

    /// <summary>
    /// The fast path for UTF-8 that is already NFC: true when <see cref="Clean"/> would at most trim its ends; the result
    /// is then <paramref name="utf8"/>[start..start+length]. False means "clean it byte by byte", not "the text is dirty".
    /// </summary>
    internal static bool TryTrimOnly(ReadOnlySpan<byte> utf8, NormalizeOptions options, out int start, out int length) =>
        TrimEnds(utf8, options, out start, out length)
        && Utf8CleanScanner.Scan(utf8.Slice(start, length), options, checkNfc: false) == Utf8CleanScanner.Finding.Clean;

    // The spaces, tabs and line breaks at both ends, which cleaning drops; false when they are there but must stay (no CollapseSpaces).
    private static bool TrimEnds(ReadOnlySpan<byte> utf8, NormalizeOptions options, out int start, out int length)
    {
        start = 0;
        length = utf8.Length;
        if (utf8.IsEmpty || !(utf8[0] is (byte)' ' or (byte)'\n' or (byte)'\t' || utf8[^1] is (byte)' ' or (byte)'\n' or (byte)'\t'))
        {
            return true;
        }
        if (!options.CollapseSpaces)
        {
            return false;
        }
        var end = utf8.Length;
        while (start < end && utf8[start] is (byte)' ' or (byte)'\n' or (byte)'\t')
        {
            start++;
        }
        while (end > start && utf8[end - 1] is (byte)' ' or (byte)'\n' or (byte)'\t')
        {
            end--;
        }
        length = end - start;
        return true;
    }

    // Characters that always need work: controls, DEL, C1, Unicode spaces, zero-width and direction marks, BOM.
    private static readonly SearchValues<char> Suspicious = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\t\u000B\u000C\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015" +
        "\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088" +
        "\u0089\u008A\u008B\u008C\u008D\u008E\u008F\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B" +
        "\u009C\u009D\u009E\u009F\u00A0\u00AD\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B" +
        "\u200E\u200F\u202F\u205F\u2060\u3000\uFEFF");

    // Only reads, with vectorised searches: most documents are already clean, so the copy is skipped.
    private static bool NeedsCleaning(ReadOnlySpan<char> text, NormalizeOptions options)
    {
        if (text.Length == 0)
        {
            return false;
        }
        // Without CollapseSpaces, a space or tab at an end stays, and the rest still has to be looked at.
        if ((text[0] is ' ' or '\n' or '\t' || text[^1] is ' ' or '\n' or '\t') && (options.CollapseSpaces || text[0] == '\n' || text[^1] == '\n'))
        {
            return true;
        }
        if (text.IndexOfAny(Suspicious) >= 0)
        {
            return true;
        }
        if (options.CollapseSpaces && (text.IndexOf("  ") >= 0 || text.IndexOf(" \n") >= 0 || text.IndexOf("\n ") >= 0))
        {
            return true;
        }
        return options.MaxConsecutiveNewlines > 0 && text.IndexOf(new string('\n', options.MaxConsecutiveNewlines + 1).AsSpan()) >= 0;
    }

    private static int CleanInto(ReadOnlySpan<char> text, Span<char> output, NormalizeOptions options)
    {
        var length = 0;
        var pendingSpace = false;
        var pendingNewlines = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    continue;
                }
                c = '\n';
            }
            if (c == '\n')
            {
                pendingSpace = false; // trims spaces at line ends
                pendingNewlines++;
                continue;
            }
            if (options.RemoveControlCharacters && (c < 0x20 && c != '\t' || c == '\u007F' || c > 0x7F && IsRemovable(c)))
            {
                continue;
            }
            if (options.CollapseSpaces && (c == ' ' || c == '\t' || (c > 0x7F && IsUnicodeSpace(c))))
            {
                pendingSpace = true;
                continue;
            }
            if (pendingNewlines > 0)
            {
                if (length > 0)
                {
                    var keep = options.MaxConsecutiveNewlines > 0 ? Math.Min(pendingNewlines, options.MaxConsecutiveNewlines) : pendingNewlines;
                    output.Slice(length, keep).Fill('\n');
                    length += keep;
                }
                pendingNewlines = 0;
                pendingSpace = false; // spaces at the start of a line go too
            }
            if (pendingSpace)
            {
                if (length > 0 && output[length - 1] != '\n')
                {
                    output[length++] = ' ';
                }
                pendingSpace = false;
            }
            output[length++] = c;
        }
        return length;
    }

    private static bool IsUnicodeSpace(char c) =>
        c is '\u00A0' or '\u1680' or (>= '\u2000' and <= '\u200A') or '\u202F' or '\u205F' or '\u3000' or '\u0085';

    // C1 controls, zero-width space/joiners used as invisible spam, word joiner, BOM, and the replacement-adjacent specials.
    private static bool IsRemovable(char c) =>
        (c >= '\u0080' && c <= '\u009F' && c != '\u0085') || c is '\u200B' or '\u2060' or '\uFEFF' or '\u00AD' or '\u200E' or '\u200F';
}
