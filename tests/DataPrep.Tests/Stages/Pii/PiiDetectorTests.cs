using DataPrep.Stages.Pii;

namespace DataPrep.Tests.Stages.Pii;

public sealed class PiiDetectorTests
{
    private static readonly PiiScanner Scanner = new(PiiScanner.DefaultDetectors());

    private static IReadOnlyList<(string Type, string Value)> Find(string text) =>
        Scanner.Scan(text).Select(m => (PiiTypes.Name(m.Type), text.Substring(m.Start, m.Length))).ToList();

    [Theory]
    // e-mail, with Hangul glued on either side
    [InlineData("메일은abc.def@naver.com으로 보내 주세요", "email", "abc.def@naver.com")]
    [InlineData("Contact: John.O'Neil+news@mail.example.co.kr.", "email", "John.O'Neil+news@mail.example.co.kr")]
    [InlineData("user@xn--80ak6aa92e.com 입니다", "email", "user@xn--80ak6aa92e.com")]
    // Korean phones: particles, separators, +82, 0082, parentheses, full-width
    [InlineData("연락처 010-1234-5678로 전화", "phone", "010-1234-5678")]
    [InlineData("전화010.9876.5432입니다", "phone", "010.9876.5432")]
    [InlineData("번호는 01098765432 이에요", "phone", "01098765432")]
    [InlineData("010 2345 6789", "phone", "010 2345 6789")]
    [InlineData("서울 02-123-4567번", "phone", "02-123-4567")]
    [InlineData("(031)987-6543 경기", "phone", "(031)987-6543")]
    [InlineData("fax : 02) 3456-7890 관리", "phone", "02) 3456-7890")]
    [InlineData("인터넷전화 070-1234-5678", "phone", "070-1234-5678")]
    [InlineData("안심번호 0505-123-4567", "phone", "0505-123-4567")]
    [InlineData("call +82 10-1234-5678 now", "phone", "+82 10-1234-5678")]
    [InlineData("국제 0082-10-1234-5678", "phone", "0082-10-1234-5678")]
    [InlineData("고객센터 1588-1234 로 문의", "phone", "1588-1234")]
    [InlineData("전화 ０１０－１２３４－５６７８ 로", "phone", "０１０－１２３４－５６７８")]
    [InlineData("UK office +44 (20) 7123 4567.", "phone", "+44 (20) 7123 4567")]
    [InlineData("US: (415) 555-0132", "phone", "(415) 555-0132")]
    [InlineData("US: 415-555-0132", "phone", "415-555-0132")]
    // RRN / FRN: checksum, post-2020 random tail, context keyword
    [InlineData("주민번호850315-1234566입니다", "rrn", "850315-1234566")]
    [InlineData("8503151234566", "rrn", "8503151234566")]
    [InlineData("아이 번호 210315-4123450", "rrn", "210315-4123450")]
    [InlineData("주민등록번호: 850315-1234560", "rrn", "850315-1234560")]
    [InlineData("외국인등록번호 881225-5123455", "frn", "881225-5123455")]
    // BRN, cards, IPs
    [InlineData("사업자등록번호 120-81-47521 ㈜", "brn", "120-81-47521")]
    [InlineData("사업자번호: 2148600511", "brn", "2148600511")]
    [InlineData("카드 4532-0151-1283-0366 결제", "card", "4532-0151-1283-0366")]
    [InlineData("amex 3714 496353 98431", "card", "3714 496353 98431")]
    [InlineData("카드번호9410123456789010로", "card", "9410123456789010")]
    [InlineData("접속 IP 211.234.56.78에서", "ip", "211.234.56.78")]
    [InlineData("block 8.8.8.8 dns", "ip", "8.8.8.8")]
    [InlineData("route 203.0.114.0/24 via", "ip", "203.0.114.0/24")]
    [InlineData("server at 2400:c401::5054:ff:fe1b:b031.", "ip", "2400:c401::5054:ff:fe1b:b031")]
    // secrets
    [InlineData("aws_access_key_id=AKIAQ3EGRT7LMN4XW2PZ", "key", "AKIAQ3EGRT7LMN4XW2PZ")]
    [InlineData("token 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 end", "key", "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")]
    [InlineData("\"bot\": \"xoxb-781236542736-2364535789652-GkwFDQoHqzXDVsC6GzqYUypD\"", "key", "xoxb-781236542736-2364535789652-GkwFDQoHqzXDVsC6GzqYUypD")]
    [InlineData("key: AIzaSyNHxIf32IQ1a1yjl3ZJIqKZqzLAK1XhDk-", "key", "AIzaSyNHxIf32IQ1a1yjl3ZJIqKZqzLAK1XhDk-")]
    [InlineData("OPENAI=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", "key", "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")]
    [InlineData("stripe sk_live_ReTllpYQYfIZu2Jnf2lAPFjD", "key", "sk_live_ReTllpYQYfIZu2Jnf2lAPFjD")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VybmFtZTpib2IifQ.HcfCW67Uda-0gz54ZWTqmtgJnZeNem0Q757eTa9EZuw", "key",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VybmFtZTpib2IifQ.HcfCW67Uda-0gz54ZWTqmtgJnZeNem0Q757eTa9EZuw")]
    [InlineData("DB_PASSWORD=\"s3cr3tP4ss!\"", "key", "s3cr3tP4ss!")]
    [InlineData("비밀번호: qwer1234!@", "key", "qwer1234!@")]
    [InlineData("its secret key, HfBwohrHaZyHOdW7YIIFf+dSbz64tuZVspI8HfcO. It", "key", "HfBwohrHaZyHOdW7YIIFf+dSbz64tuZVspI8HfcO")]
    [InlineData("\"client_secret\" : \"6da89121079f83b2eb6acccf8219ea982c3d79bccc3e9c6a85856480661f8fde\",", "key",
        "6da89121079f83b2eb6acccf8219ea982c3d79bccc3e9c6a85856480661f8fde")]
    // context-gated identifiers
    [InlineData("여권번호는 M123A4567입니다", "passport", "M123A4567")]
    [InlineData("passport no. M12345678", "passport", "M12345678")]
    [InlineData("운전면허번호 11-22-123456-12", "driver_license", "11-22-123456-12")]
    [InlineData("입금 계좌: 신한 110-123-456789 (홍길동)", "bank_account", "110-123-456789")]
    public void ValueIsFoundWithItsTypeAndExactSpan(string text, string type, string value)
    {
        Assert.Contains((type, value), Find(text));
    }

    [Fact]
    public void PrivateKeyBlockIsFoundWhole()
    {
        var block = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpQIBAAKCAQEAn6/O8li+SX4m98LLYt/PKSzEmQ++ZBD7Loh9P13f4yQ92EF3\n"
            + "yxR5MsXFu9PRsrYQA7/4UTPHiC4y2sAVCBg4C2yyBpUEtMQjyCESi6Y=\n-----END RSA PRIVATE KEY-----";
        Assert.Equal([("key", block)], Find($"config:\n{block}\nend"));
    }

    [Theory]
    // dates, times, prices, quantities
    [InlineData("2024-01-15 14:30:00에 접수")]
    [InlineData("2019.04.15. 오전 10:20")]
    [InlineData("20240115 기준")]
    [InlineData("가격은 1,500,000원, 할인가 ₩1,299,000")]
    [InlineData("$1,299.99 or 15000000원")]
    [InlineData("1999-2004년, 1800-1850 period")]
    // versions, ISBN, hashes, ids
    [InlineData("version 1.2.3.4 and v2.10.0.1 released")]
    [InlineData("Python 3.11.4, .NET 10.0.100, 4.0.30319.42000")]
    [InlineData("ISBN 978-89-546-2984-5 and ISBN 0-306-40615-2")]
    [InlineData("commit 3f9a1c2b7d4e5f60718293a4b5c6d7e8f9012345 merged")]
    [InlineData("sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("주문번호 2024011512345678 배송")]
    [InlineData("사건번호 2019가합12345, 2023고단1234")]
    [InlineData("운송장 6012-3456-7890 조회")]
    [InlineData("모델 1588-2024 출시")]
    [InlineData("uuid 123e4567-e89b-12d3-a456-426614174000")]
    // near misses of the real formats
    [InlineData("850315-1234560 (no keyword, bad checksum)")]
    [InlineData("104-86-56658")]
    [InlineData("4012-8888-8888-1882")]
    [InlineData("private 192.168.0.1, 10.0.0.1, 127.0.0.1 and doc 2001:db8::1")]
    [InlineData("std::cout << MyClass::toString; Time 12:34:56; aa:bb:cc:dd:ee:ff")]
    [InlineData("pip install python@2.7 icon@2x.png react@18.2.0 @Override")]
    [InlineData("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx and AKIAXXXXXXXXXXXXXXXX")]
    [InlineData("password = os.environ[\"DB_PASSWORD\"]; token: ${TOKEN}; 비밀번호: 관리자에게 문의")]
    [InlineData("암호화 키=abcdefgh1234 설정")]
    [InlineData("M123A4567 부품 코드")]
    [InlineData("12345678901 주문")]
    public void LookAlikeIsNotFound(string text)
    {
        Assert.Empty(Find(text));
    }

    [Fact]
    public void OverlapsResolveToTheStrongerMatch()
    {
        // A checksum-valid card also looks like other numbers; the card wins and is reported once.
        var found = Find("카드 4532015112830366");
        Assert.Equal([("card", "4532015112830366")], found);
    }

    [Fact]
    public void KoreanChecksumsMatchPublishedExamples()
    {
        // stdnum's documented RRN example and Kakao's BRN (korean.md §1.2, §1.4).
        Assert.Contains(("rrn", "971013-9019902"), Find("주민등록번호 971013-9019902"));
        Assert.Contains(("brn", "120-81-47521"), Find("120-81-47521"));
    }
}
