using System.Text;

namespace DataPrep.Tests.Support;

/// <summary>
/// Synthetic junk documents built from rules (not copied from anywhere), one generator per kind of
/// junk a quality recipe must drop. Seeded, so every run builds the same set.
/// </summary>
public static class QualityJunk
{
    private static readonly string[] Products = ["pills", "watches", "loans", "casino", "followers", "bags", "shoes", "crypto"];
    private static readonly string[] MenuItems = ["Home", "About us", "Products", "Services", "Blog", "Contact", "Login", "Sign up", "Cart", "FAQ", "Careers", "Press", "홈", "회사소개", "고객센터", "로그인", "회원가입", "장바구니"];
    private static readonly string[] Lorem = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua"];
    private static readonly char[] Symbols = ['★', '☆', '=', '#', '-', '*', '~', '|', '+', '♥', '▶', '■'];
    private static readonly char[] Jamo = ['ㅋ', 'ㅎ', 'ㅠ', 'ㅜ', 'ㄷ', 'ㅇ'];

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Build(int perKind = 20)
    {
        var random = new Random(20261128);
        var kinds = new Dictionary<string, IReadOnlyList<string>>();
        kinds["spam"] = Make(perKind, i => Spam(random));
        kinds["menu"] = Make(perKind, i => Menu(random));
        kinds["repeated_lines"] = Make(perKind, i => RepeatedLines(random, i));
        kinds["jamo_spam"] = Make(perKind, i => JamoSpam(random));
        kinds["symbol_lines"] = Make(perKind, i => SymbolLines(random));
        kinds["lorem_ipsum"] = Make(perKind, i => LoremIpsum(random));
        kinds["code"] = Make(perKind, i => Code(random, i));
        kinds["mojibake"] = Make(perKind, i => Mojibake(random, i));
        kinds["gibberish_en"] = Make(perKind, i => GibberishLatin(random));
        kinds["gibberish_ko"] = Make(perKind, i => GibberishHangul(random));
        return kinds;
    }

    private static IReadOnlyList<string> Make(int count, Func<int, string> make) => Enumerable.Range(0, count).Select(make).ToList();

    private static string Spam(Random random)
    {
        var product = Products[random.Next(Products.Length)];
        var lines = new StringBuilder();
        var count = random.Next(8, 20);
        for (var i = 0; i < count; i++)
        {
            lines.Append($"Best {product} cheap {product} discount {product} buy {product} now").Append(random.Next(3) == 0 ? "!!!" : "").Append('\n');
        }
        return lines.ToString();
    }

    private static string Menu(Random random)
    {
        var items = MenuItems.OrderBy(_ => random.Next()).Take(random.Next(8, 16));
        return string.Join('\n', items) + "\nCopyright 2024 All rights reserved";
    }

    private static string RepeatedLines(Random random, int i)
    {
        var line = i % 2 == 0
            ? "Click the button below to subscribe to our newsletter and get updates."
            : "아래 버튼을 눌러 뉴스레터를 구독하시고 최신 소식을 받아보세요.";
        return string.Join('\n', Enumerable.Repeat(line, random.Next(5, 15))) + "\n" + QualityTexts.English.Split('\n')[i % 7];
    }

    private static string JamoSpam(Random random)
    {
        var text = new StringBuilder();
        var count = random.Next(10, 30);
        for (var i = 0; i < count; i++)
        {
            text.Append(Jamo[random.Next(Jamo.Length)], random.Next(3, 12));
            text.Append(random.Next(4) == 0 ? " 진짜 웃기다 " : " ");
        }
        return text.ToString();
    }

    private static string SymbolLines(Random random)
    {
        var lines = new StringBuilder();
        var count = random.Next(6, 20);
        for (var i = 0; i < count; i++)
        {
            lines.Append(Symbols[random.Next(Symbols.Length)], random.Next(10, 40));
            if (random.Next(3) == 0)
            {
                lines.Append(" SALE ").Append(Symbols[random.Next(Symbols.Length)], random.Next(5, 20));
            }
            lines.Append('\n');
        }
        return lines.ToString();
    }

    private static string LoremIpsum(Random random)
    {
        var text = new StringBuilder("Lorem ipsum dolor sit amet, ");
        var sentences = random.Next(6, 15);
        for (var s = 0; s < sentences; s++)
        {
            var words = random.Next(8, 16);
            for (var w = 0; w < words; w++)
            {
                var word = Lorem[random.Next(Lorem.Length)];
                text.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word).Append(w == words - 1 ? ". " : " ");
            }
        }
        return text.ToString();
    }

    private static string Code(Random random, int seed)
    {
        var text = new StringBuilder();
        var functions = random.Next(3, 8);
        for (var f = 0; f < functions; f++)
        {
            text.Append($"public static int Compute{f}{seed}(int value{f}, string name)\n{{\n");
            var statements = random.Next(3, 8);
            for (var s = 0; s < statements; s++)
            {
                text.Append($"    var item{s} = helper{s}.Process(value{f} + {random.Next(100)}, name);\n");
                text.Append($"    if (item{s} > {random.Next(1000)}) {{ return item{s}; }}\n");
            }
            text.Append("    return 0;\n}\n\n");
        }
        return text.ToString();
    }

    private static string Mojibake(Random random, int i)
    {
        var source = i % 2 == 0 ? QualityTexts.Korean : QualityTexts.Mixed;
        var lines = source.Split('\n').OrderBy(_ => random.Next());
        // UTF-8 bytes read back as Latin-1: what a reader with the wrong encoding produces.
        return Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
    }

    private static string GibberishLatin(Random random)
    {
        var text = new StringBuilder();
        var words = random.Next(60, 200);
        for (var w = 0; w < words; w++)
        {
            var length = random.Next(2, 10);
            for (var c = 0; c < length; c++)
            {
                text.Append((char)('a' + random.Next(26)));
            }
            text.Append(random.Next(12) == 0 ? ". " : " ");
        }
        return text.ToString();
    }

    private static string GibberishHangul(Random random)
    {
        var text = new StringBuilder();
        var words = random.Next(40, 150);
        for (var w = 0; w < words; w++)
        {
            var length = random.Next(1, 5);
            for (var c = 0; c < length; c++)
            {
                text.Append((char)(0xAC00 + random.Next(11172)));
            }
            text.Append(random.Next(10) == 0 ? ". " : " ");
        }
        return text.ToString();
    }
}
