using System.Text;
using DataPrep.Stages.Pii;

namespace DataPrep.Tests.Support;

/// <summary>Generates realistic PII values (valid checksums, real prefixes, varied formats and sentence frames) and
/// harmless look-alikes (dates, times, prices, versions, ISBNs, git hashes, order/case/tracking numbers), and plants
/// them between the sentences of real corpus documents.</summary>
public sealed class PiiPlanter(int seed)
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly Random _random = new(seed);

    public sealed record Plant(PiiType? Type, string Value);

    /// <summary>Inserts each sentence at a random sentence boundary of the original text (after ". ", "? ", "! " or a
    /// line break; the start or the end when there is none), so planted values never split each other or a host number.</summary>
    public string PlantInto(string text, IReadOnlyList<string> sentences)
    {
        var boundaries = new List<int> { 0, text.Length };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] is '.' or '?' or '!' && i + 1 < text.Length && text[i + 1] == ' '))
            {
                boundaries.Add(i + 1);
            }
        }
        var positions = sentences.Select(s => (At: boundaries[_random.Next(boundaries.Count)], Sentence: s))
            .OrderByDescending(p => p.At).ToList();
        var builder = new StringBuilder(text);
        foreach (var (at, sentence) in positions)
        {
            builder.Insert(at, " " + sentence + " ");
        }
        return builder.ToString();
    }

    public (string Sentence, Plant Plant) Pii(PiiType type)
    {
        var (value, frames) = type switch
        {
            PiiType.Email => (Email(), new[] { "문의는 {0}로 주세요.", "Email me at {0}.", "이메일: {0}", "({0})", "작성자 {0}" }),
            PiiType.Phone => (Phone(), ["연락처 {0}", "{0}로 연락 바랍니다.", "전화번호는 {0}입니다.", "call {0} today.", "{0}"]),
            PiiType.Rrn => (Rrn(foreigner: false), ["주민등록번호 {0}", "{0}", "본인 확인 {0} 입니다.", "주민번호:{0}"]),
            PiiType.Frn => (Rrn(foreigner: true), ["외국인등록번호 {0}", "{0}", "등록 {0} 확인"]),
            PiiType.Brn => (Brn(), ["사업자등록번호: {0}", "{0}", "사업자 {0} 대표 홍길동"]),
            PiiType.Card => (Card(), ["카드번호 {0}", "{0}", "card {0} exp 12/27", "결제카드({0})"]),
            PiiType.Ip => (Ip(), ["접속 IP {0}", "from {0}", "{0}에서 접속", "서버 {0}"]),
            PiiType.Key => (Key(), ["{0}", "config: {0}", "키 {0} 노출"]),
            PiiType.Passport => (Passport(), ["여권번호 {0}", "passport no. {0}", "여권: {0}"]),
            PiiType.DriverLicense => (License(), ["운전면허번호 {0}", "운전면허 {0}", "driver's license {0}"]),
            PiiType.BankAccount => (Account(), ["입금 계좌: {0}", "계좌번호 {0} (예금주 홍길동)", "{0} 으로 송금"]),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
        // Key generators return the full assignment; the value to look for is after the last separator.
        var shown = value;
        var secret = value.Contains(" = ", StringComparison.Ordinal) ? value[(value.IndexOf(" = ", StringComparison.Ordinal) + 3)..].Trim('"') : value;
        if (type == PiiType.BankAccount)
        {
            secret = value[(value.IndexOf(' ') + 1)..];
        }
        return (string.Format(frames[_random.Next(frames.Length)], shown), new Plant(type, secret));
    }

    public (string Sentence, Plant Plant) LookAlike()
    {
        var value = _random.Next(14) switch
        {
            0 => $"{_random.Next(1990, 2026)}-{_random.Next(1, 13):D2}-{_random.Next(1, 29):D2}",
            1 => $"{_random.Next(1990, 2026)}.{_random.Next(1, 13)}.{_random.Next(1, 29)}.",
            2 => $"{_random.Next(1990, 2026)}{_random.Next(1, 13):D2}{_random.Next(1, 29):D2}",
            3 => $"{_random.Next(0, 24):D2}:{_random.Next(0, 60):D2}:{_random.Next(0, 60):D2}",
            4 => $"{_random.Next(1, 999):N0},{_random.Next(0, 1000):D3}원",
            5 => $"${_random.Next(1, 9999)}.{_random.Next(0, 100):D2}",
            6 => $"v{_random.Next(0, 20)}.{_random.Next(0, 20)}.{_random.Next(0, 50)}",
            7 => $"{_random.Next(1, 12)}.{_random.Next(0, 10)}.{_random.Next(1000, 40000)}.{_random.Next(100, 9999)}",
            8 => Isbn(),
            9 => Hex(_random.Next(2) == 0 ? 40 : 7),
            10 => $"주문번호 {_random.Next(2019, 2026)}{_random.Next(1, 13):D2}{_random.Next(1, 29):D2}{Digits(8)}",
            11 => $"{_random.Next(2000, 2026)}{(_random.Next(2) == 0 ? "가합" : "고단")}{_random.Next(100, 99999)}",
            12 => $"{Digits(3)}-{Digits(7)}-{Digits(7)}",
            _ => $"{_random.Next(1900, 2000)}-{_random.Next(2000, 2026)}",
        };
        string[] frames = ["{0}", "기준일 {0} 입니다.", "({0})", "as of {0},", "값은 {0}이다."];
        return (string.Format(frames[_random.Next(frames.Length)], value), new Plant(null, value));
    }

    private string Digits(int n)
    {
        var chars = new char[n];
        for (var i = 0; i < n; i++)
        {
            chars[i] = (char)('0' + _random.Next(10));
        }
        return new string(chars);
    }

    private string Chars(string alphabet, int n)
    {
        var chars = new char[n];
        for (var i = 0; i < n; i++)
        {
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        }
        return new string(chars);
    }

    private string Hex(int n) => Chars("0123456789abcdef", n);

    private string Email()
    {
        string[] domains = ["naver.com", "gmail.com", "daum.net", "hanmail.net", "company.co.kr", "snu.ac.kr", "example.org", "mail.kakao.com"];
        var local = Chars("abcdefghijklmnopqrstuvwxyz", _random.Next(3, 8)) + (_random.Next(2) == 0 ? "." + Chars("abcdefghijklmnopqrstuvwxyz", 4) : Digits(_random.Next(0, 4)));
        return local + "@" + domains[_random.Next(domains.Length)];
    }

    private string Phone()
    {
        string[] areas = ["02", "031", "032", "033", "041", "042", "043", "044", "051", "052", "053", "054", "055", "061", "062", "063", "064"];
        return _random.Next(10) switch
        {
            0 => $"010-{Digits(4)}-{Digits(4)}",
            1 => $"010{Digits(8)}",
            2 => $"010 {Digits(4)} {Digits(4)}",
            3 => $"010.{Digits(4)}.{Digits(4)}",
            4 => $"{areas[_random.Next(areas.Length)]}-{Digits(_random.Next(3, 5))}-{Digits(4)}",
            5 => $"070-{Digits(4)}-{Digits(4)}",
            6 => $"+82 10-{Digits(4)}-{Digits(4)}",
            7 => $"+82-2-{Digits(4)}-{Digits(4)}",
            8 => $"+1 {_random.Next(201, 990)} {_random.Next(200, 999)} {Digits(4)}",
            _ => $"({areas[_random.Next(areas.Length)]}) {Digits(3)}-{Digits(4)}",
        };
    }

    private string Rrn(bool foreigner)
    {
        var post2000 = _random.Next(3) == 0;
        var year = post2000 ? _random.Next(2000, 2020) : _random.Next(1940, 2000);
        var date = new DateTime(year, 1, 1).AddDays(_random.Next(365));
        var g = (post2000 ? 3 : 1) + _random.Next(2) + (foreigner ? 4 : 0);
        var first12 = $"{date:yyMMdd}{g}{Digits(5)}";
        ReadOnlySpan<int> weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (first12[i] - '0') * weights[i];
        }
        var number = first12 + (11 - sum % 11) % 10;
        return _random.Next(4) == 0 ? number : number[..6] + "-" + number[6..];
    }

    private string Brn()
    {
        var d = Digits(9);
        int[] keys = [1, 3, 7, 1, 3, 7, 1, 3, 5];
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (d[i] - '0') * keys[i];
        }
        sum += (d[8] - '0') * 5 / 10;
        var n = d + (10 - sum % 10) % 10;
        return $"{n[..3]}-{n[3..5]}-{n[5..]}";
    }

    private string Card()
    {
        string[] prefixes = ["4", "51", "53", "55", "2221", "6011", "65", "35", "9410"];
        var prefix = prefixes[_random.Next(prefixes.Length)];
        var body = prefix + Digits(15 - prefix.Length);
        Span<byte> digits = stackalloc byte[16];
        for (var check = 0; check < 10; check++)
        {
            var candidate = body + check;
            for (var i = 0; i < 16; i++)
            {
                digits[i] = (byte)(candidate[i] - '0');
            }
            if (CardLuhn(digits))
            {
                return _random.Next(3) switch
                {
                    0 => candidate,
                    1 => $"{candidate[..4]}-{candidate[4..8]}-{candidate[8..12]}-{candidate[12..]}",
                    _ => $"{candidate[..4]} {candidate[4..8]} {candidate[8..12]} {candidate[12..]}",
                };
            }
        }
        throw new InvalidOperationException("unreachable");
    }

    private static bool CardLuhn(ReadOnlySpan<byte> d)
    {
        var sum = 0;
        for (var i = 0; i < d.Length; i++)
        {
            var v = d[d.Length - 1 - i];
            if (i % 2 == 1)
            {
                v = (byte)(v * 2 > 9 ? v * 2 - 9 : v * 2);
            }
            sum += v;
        }
        return sum % 10 == 0;
    }

    private string Ip()
    {
        if (_random.Next(4) == 0)
        {
            return $"2a0{_random.Next(1, 10)}:{Hex(4)}:{Hex(4)}::{Hex(3)}:{Hex(4)}";
        }
        int a;
        do
        {
            a = _random.Next(11, 223);
        }
        while (a is 100 or 127 or 169 or 172 or 192 or 198 or 203);
        return $"{a}.{_random.Next(0, 256)}.{_random.Next(0, 256)}.{_random.Next(1, 255)}";
    }

    private string Key()
    {
        const string base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        return _random.Next(11) switch
        {
            0 => "AKIA" + Chars(base32, 16),
            1 => "ghp_" + Chars(Alnum, 36),
            2 => $"xoxb-{Digits(12)}-{Digits(13)}-{Chars(Alnum, 24)}",
            3 => "AIza" + Chars(Alnum + "_-", 35),
            4 => "sk-" + Chars(Alnum, 20) + "T3BlbkFJ" + Chars(Alnum, 20),
            5 => "sk-ant-api03-" + Chars(Alnum + "_-", 93) + "AA",
            6 => "sk_live_" + Chars(Alnum, 24),
            7 => Jwt(),
            8 => "-----BEGIN PRIVATE KEY-----\n" + Chars(Alnum + "+/", 64) + "\n" + Chars(Alnum + "+/", 40) + "=\n-----END PRIVATE KEY-----",
            9 => $"DB_PASSWORD = \"{Chars("abcdefghijklmnopqrstuvwxyz", 6)}{Digits(3)}!{Chars("ABCDEFGHJK", 2)}\"",
            _ => $"api_key = \"{Chars(Alnum, 32)}\"",
        };
    }

    private string Jwt()
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + B64($"{{\"sub\":\"{Digits(10)}\",\"name\":\"user{Digits(3)}\"}}") + "." + Chars(Alnum + "_-", 43);
    }

    private string Passport() =>
        _random.Next(2) == 0 ? "M" + Digits(8) : "M" + Digits(3) + (char)('A' + _random.Next(26)) + Digits(4);

    private string License() => $"{_random.Next(11, 27)}-{Digits(2)}-{Digits(6)}-{Digits(2)}";

    private string Account() => _random.Next(3) switch
    {
        0 => $"국민은행 {Digits(6)}-{Digits(2)}-{Digits(6)}",
        1 => $"신한은행 110-{Digits(3)}-{Digits(6)}",
        _ => $"카카오뱅크 3333-{Digits(2)}-{Digits(7)}",
    };

    private string Isbn()
    {
        var body = "97889" + Digits(7);
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (body[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }
        var n = body + (10 - sum % 10) % 10;
        return $"ISBN {n[..3]}-{n[3..5]}-{n[5..9]}-{n[9..12]}-{n[12]}";
    }
}
