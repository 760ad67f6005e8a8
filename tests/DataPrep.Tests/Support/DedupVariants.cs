using System.Text;

namespace DataPrep.Tests.Support;

/// <summary>Makes the near-duplicate variants dedup must catch (and the half-shared text it must keep), deterministically.</summary>
public static class DedupVariants
{
    /// <summary>Doubles some spaces, turns some into line breaks and (for Korean-style spacing drift) drops others.</summary>
    public static string Whitespace(string text)
    {
        var builder = new StringBuilder(text.Length + 64);
        var spaces = 0;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                spaces++;
                builder.Append((spaces % 7) switch { 0 => "  ", 3 => "\n", 5 => "", _ => " " });
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>Adds a header and footer line like a news site's byline and copyright notice.</summary>
    public static string Boilerplate(string text, bool korean) =>
        korean
            ? "(서울=연합뉴스) 김민수 기자 = \n" + text + "\n무단전재 및 재배포 금지. 저작권자 ⓒ 연합뉴스"
            : "By Staff Reporter | Updated 10:42 AM\n" + text + "\nCopyright 2024 Example News. All rights reserved.";

    /// <summary>Keeps the first <paramref name="fraction"/> of the words.</summary>
    public static string Truncate(string text, double fraction)
    {
        var words = text.Split(' ');
        return string.Join(' ', words.Take((int)(words.Length * fraction)));
    }

    /// <summary>Replaces one word in <paramref name="every"/> (every = 50 ≈ 2% of words) by a different word.</summary>
    public static string EditWords(string text, int every, bool korean)
    {
        var words = text.Split(' ');
        for (var i = every / 2; i < words.Length; i += every)
        {
            words[i] = korean ? "변경된단어" + (i % 10) : "altered" + (i % 10);
        }
        return string.Join(' ', words);
    }

    /// <summary>The first half of <paramref name="first"/>'s words followed by the second half of <paramref name="second"/>'s.</summary>
    public static string HalfShared(string first, string second)
    {
        var a = first.Split(' ');
        var b = second.Split(' ');
        return string.Join(' ', a.Take(a.Length / 2).Concat(b.Skip(b.Length / 2)));
    }
}
