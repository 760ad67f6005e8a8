using System.Buffers;
using System.Text;
using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Stats;

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
    protected override string Transform(Document document, StageStats stats)
    {
        var text = document.Text;
        if (_options.Nfc && !text.IsNormalized(NormalizationForm.FormC))
        {
            text = text.Normalize(NormalizationForm.FormC);
            stats.Increment("nfc.changed");
        }
        var cleaned = Clean(text, _options);
        if (!ReferenceEquals(cleaned, text) || !ReferenceEquals(text, document.Text))
        {
            stats.Increment("docs.changed");
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

    // One pass that only reads: most documents are already clean, so the copy is skipped.
    private static bool NeedsCleaning(ReadOnlySpan<char> text, NormalizeOptions options)
    {
        if (text.Length == 0)
        {
            return false;
        }
        if (options.CollapseSpaces && (text[0] == ' ' || text[^1] == ' ' || text[^1] == '\n' || text[0] == '\n'))
        {
            return true;
        }
        var newlines = 0;
        var previous = '\0';
        foreach (var c in text)
        {
            if (c == '\n')
            {
                newlines++;
                if (options.CollapseSpaces && previous == ' ')
                {
                    return true;
                }
                if (options.MaxConsecutiveNewlines > 0 && newlines > options.MaxConsecutiveNewlines)
                {
                    return true;
                }
            }
            else
            {
                newlines = 0;
                if (c == '\r' || (c < 0x20 && c != '\t' && options.RemoveControlCharacters))
                {
                    return true;
                }
                if (options.CollapseSpaces && (c == '\t' || (c == ' ' && previous == ' ') || (c > 0x7F && IsUnicodeSpace(c))))
                {
                    return true;
                }
                if (options.RemoveControlCharacters && c > 0x7F && IsRemovable(c))
                {
                    return true;
                }
            }
            previous = c;
        }
        return false;
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
            if (options.RemoveControlCharacters && (c < 0x20 && c != '\t' || c > 0x7F && IsRemovable(c)))
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
