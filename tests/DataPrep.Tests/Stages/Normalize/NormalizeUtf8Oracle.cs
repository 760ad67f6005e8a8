using System.Text;
using DataPrep.Stages.Normalize;

namespace DataPrep.Tests.Stages.Normalize;

/// <summary>
/// The stage's UTF-8 cleaning rules as they were before the vector scan (commit c815cba), kept in their plainest form as a
/// test oracle: every character decoded and judged on its own, no searches, no fast paths. For NFC input only.
/// </summary>
public static class NormalizeUtf8Oracle
{
    public static string Clean(string nfcText, NormalizeOptions options)
    {
        var text = Encoding.UTF8.GetBytes(nfcText);
        var output = new List<byte>(text.Length);
        var pendingSpace = false;
        var pendingNewlines = 0;
        var i = 0;
        while (i < text.Length)
        {
            var size = 1;
            if (text[i] < 0x80)
            {
                var c = (char)text[i];
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
                    pendingSpace = false;
                    pendingNewlines++;
                    i++;
                    continue;
                }
                if (options.RemoveControlCharacters && (c < 0x20 && c != '\t' || c == '\u007F'))
                {
                    i++;
                    continue;
                }
                if (options.CollapseSpaces && c is ' ' or '\t')
                {
                    pendingSpace = true;
                    i++;
                    continue;
                }
            }
            else
            {
                Rune.DecodeFromUtf8(text.AsSpan(i), out var rune, out size);
                if (rune.IsBmp)
                {
                    var c = (char)rune.Value;
                    var removable = c is >= '\u0080' and <= '\u009F' and not '\u0085' or '\u200B' or '\u2060' or '\uFEFF' or '\u00AD' or '\u200E' or '\u200F';
                    var space = c is '\u00A0' or '\u1680' or >= '\u2000' and <= '\u200A' or '\u202F' or '\u205F' or '\u3000' or '\u0085';
                    if (options.RemoveControlCharacters && removable || options.CollapseSpaces && space)
                    {
                        pendingSpace |= !(options.RemoveControlCharacters && removable);
                        i += size;
                        continue;
                    }
                }
            }
            if (pendingNewlines > 0)
            {
                if (output.Count > 0)
                {
                    var keep = options.MaxConsecutiveNewlines > 0 ? Math.Min(pendingNewlines, options.MaxConsecutiveNewlines) : pendingNewlines;
                    output.AddRange(Enumerable.Repeat((byte)'\n', keep));
                }
                pendingNewlines = 0;
                pendingSpace = false;
            }
            if (pendingSpace)
            {
                if (output.Count > 0 && output[^1] != '\n')
                {
                    output.Add((byte)' ');
                }
                pendingSpace = false;
            }
            output.AddRange(text.AsSpan(i, size));
            i += size;
        }
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
