#!/usr/bin/python3
"""Regenerates DataPrep's sample-data/ files: docs.jsonl, bad-input.jsonl, docs-no-id.jsonl.

Every piece of text below was written for the DataPrep project; nothing is copied from the web,
Wikipedia or the corpora in /work/shared/corpora. People, places, shops, e-mail addresses, phone
numbers, identity numbers and keys are invented (test card numbers are the well-known 4111... kind).

Run:  /usr/bin/python3 sample-data/make_sample_data.py
The script is deterministic (fixed seeds, no clock, no environment): running it again must
reproduce the committed files byte for byte. After writing, it prints a check of every document
(word counts, rough Gopher/C4 numbers, near-duplicate similarities) to stdout.
"""
import base64
import json
import os
import random
import sys
import unicodedata

from texts_ko import KO
from texts_en import EN

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------------------------------------
# Identifier helpers (all numbers are computed, so the checksums are right by construction)
# ---------------------------------------------------------------------------------------------

def rrn(first12: str, dash: bool = True) -> str:
    """Korean resident registration number: 12 digits + check digit, weights 2..9,2..5."""
    weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    total = sum(int(d) * w for d, w in zip(first12, weights))
    check = (11 - total % 11) % 10
    digits = first12 + str(check)
    return digits[:6] + "-" + digits[6:] if dash else digits


def brn(first9: str) -> str:
    """Korean business registration number XXX-XX-XXXXX with its check digit."""
    weights = [1, 3, 7, 1, 3, 7, 1, 3, 5]
    total = sum(int(d) * w for d, w in zip(first9, weights))
    total += (int(first9[8]) * 5) // 10
    check = (10 - total % 10) % 10
    d = first9 + str(check)
    return f"{d[:3]}-{d[3:5]}-{d[5:]}"


def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def isbn13(first12: str) -> str:
    """ISBN-13 with its check digit, formatted 978-89-XXXX-XXXX-C style by the caller's grouping."""
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
UPPER_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
URLSAFE = ALNUM + "-_"


def rand_str(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def make_secrets() -> dict:
    """Fake but well-formed credentials (random, never issued by any service)."""
    rng = random.Random(20240501)
    s = {}
    s["aws_key"] = "AKIA" + rand_str(rng, UPPER_B32, 16)
    s["aws_secret"] = rand_str(rng, ALNUM + "/+", 40)
    s["github"] = "ghp_" + rand_str(rng, ALNUM, 36)
    s["slack"] = "xoxb-" + rand_str(rng, "0123456789", 12) + "-" + rand_str(rng, "0123456789", 13) + "-" + rand_str(rng, ALNUM, 24)
    s["openai"] = "sk-proj-" + rand_str(rng, URLSAFE, 74) + "T3BlbkFJ" + rand_str(rng, URLSAFE, 74)
    s["stripe"] = "sk_live_" + rand_str(rng, ALNUM, 24)
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = b64url(json.dumps({"sub": "user-4821", "name": "Dev Tester", "role": "admin",
                                 "iat": 1714550400, "exp": 1714554000}, separators=(",", ":")).encode())
    s["jwt"] = f"{header}.{payload}.{b64url(bytes(rng.getrandbits(8) for _ in range(32)))}"
    # RSA-looking PEM: a DER-like prefix (SEQUENCE, version 0, INTEGER) then random bytes.
    der = bytes([0x30, 0x82, 0x02, 0x5C, 0x02, 0x01, 0x00, 0x02, 0x81, 0x81, 0x00]) + bytes(rng.getrandbits(8) for _ in range(430))
    body = base64.b64encode(der).decode("ascii")
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    s["pem"] = "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END RSA PRIVATE KEY-----"
    s["git_hash"] = rand_str(rng, "0123456789abcdef", 40)
    return s


def sloppy_cp1252(text: str) -> str:
    """UTF-8 bytes read as Windows-1252 (bytes cp1252 leaves undefined are read as Latin-1): classic mojibake."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Junk generators (seeded)
# ---------------------------------------------------------------------------------------------

def jamo_spam() -> str:
    rng = random.Random(7)
    pieces = ["ㅋㅋㅋㅋ", "ㅋㅋㅋㅋㅋㅋㅋㅋ", "ㅋㅋ", "ㅎㅎ", "ㅎㅎㅎㅎ", "ㅠㅠ", "ㅠㅠㅠㅠㅠ", "ㅜㅜ", "ㄷㄷ", "ㅇㅇ",
              "ㄱㄱ", "ㅋ", "ㅎㅇ", "ㅂㅂ"]
    rare = ["진짜", "대박", "헐", "ㅋㅋㅋ미쳤다", "아"]
    lines = []
    for _ in range(14):
        n = rng.randint(6, 11)
        words = [rng.choice(pieces) if rng.random() > 0.12 else rng.choice(rare) for _ in range(n)]
        lines.append(" ".join(words))
    return "\n".join(lines)


def gibberish_en() -> str:
    rng = random.Random(11)
    letters = "abcdefghijklmnopqrstuvwxyz"
    paras = []
    for _ in range(3):
        words = []
        for _ in range(rng.randint(30, 38)):
            words.append(rand_str(rng, letters, rng.randint(2, 11)))
        text = ""
        for i, w in enumerate(words):
            text += w
            text += ". " if rng.random() < 0.12 else " "
        paras.append(text.strip().capitalize() + ".")
    return "\n\n".join(paras)


def gibberish_ko() -> str:
    rng = random.Random(13)
    paras = []
    for _ in range(3):
        words = []
        for _ in range(rng.randint(28, 34)):
            words.append("".join(chr(rng.randint(0xAC00, 0xD7A3)) for _ in range(rng.randint(1, 5))))
        paras.append(" ".join(words) + "다.")
    return "\n\n".join(paras)


LOREM_WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore "
               "et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip "
               "ex ea commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum fugiat nulla "
               "pariatur excepteur sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim "
               "id est laborum").split()


def lorem() -> str:
    rng = random.Random(17)
    paras = ["Lorem ipsum dolor sit amet, consectetur adipiscing elit."]
    for _ in range(3):
        sentences = []
        for _ in range(rng.randint(4, 6)):
            words = [rng.choice(LOREM_WORDS) for _ in range(rng.randint(7, 14))]
            sentences.append(" ".join(words).capitalize() + ".")
        paras.append(" ".join(sentences))
    paras[0] = paras[0] + " " + paras.pop(1)
    return "\n\n".join(paras)


def spam_ad() -> str:
    rng = random.Random(19)
    keys = ["다이어트", "다이어트 보조제", "최저가", "무료 배송", "특가", "100% 환불 보장", "지금 클릭", "살 빠지는 약",
            "한 달 10kg", "효과 보장", "당일 발송", "BEST PRICE", "SALE", "초특가", "할인 쿠폰"]
    lines = ["★★★ 최저가 다이어트 보조제 오늘만 특가 ★★★"]
    for _ in range(6):
        lines.append(" ".join(rng.choice(keys) for _ in range(rng.randint(10, 16))) + "!!!")
    lines.append("지금 바로 구매하기 >>> https://shop.example.com/diet?ref=spam")
    lines.append("태그: " + ", ".join(keys * 2))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Dedup variants
# ---------------------------------------------------------------------------------------------

def whitespace_footer_variant(text: str) -> str:
    """Same words with different spacing and blank lines, plus a copyright footer line."""
    paras = text.split("\n\n")
    out = []
    for i, p in enumerate(paras):
        words = p.split(" ")
        spaced = ""
        for j, w in enumerate(words):
            spaced += w
            if j < len(words) - 1:
                spaced += "  " if (j + i) % 5 == 0 else " "
        out.append(("  " if i % 2 == 0 else "") + spaced + (" " if i % 2 == 1 else ""))
    return "\n" + "\n\n\n".join(out) + "\n\n\nⓒ 한빛생활문화연구소 | 무단 전재 및 재배포 금지\n"


def truncate_words(text: str, fraction: float) -> str:
    """The text cut at the sentence end nearest to `fraction` of its words."""
    words = text.split(" ")
    target = int(len(words) * fraction)
    best = None
    count = 0
    pos = 0
    for i, ch in enumerate(text):
        if ch in " \n" and i > 0 and text[i - 1] in ".?!":
            n = len(text[:i].split())
            if best is None or abs(n - target) < abs(best[1] - target):
                best = (i, n)
    return text[:best[0]]


# ---------------------------------------------------------------------------------------------
# Normalize-case transforms
# ---------------------------------------------------------------------------------------------

def insert_zero_width(text: str) -> str:
    """Zero-width spaces inside words, a BOM at the start, a word joiner, a soft hyphen and an LRM."""
    out = []
    n = 0
    for ch in text:
        out.append(ch)
        if "\uac00" <= ch <= "\ud7a3":
            n += 1
            if n % 4 == 0:
                out.append("\u200b")
    s = "\ufeff" + "".join(out)
    s = s.replace("광고 글은", "광고\u2060 글은", 1).replace("메신저에서", "메신저\u00ad에서", 1)
    s = s.replace("정규화 단계", "\u200e정규화 단계", 1)
    return s


def unicode_spaces(text: str) -> str:
    """Some ASCII spaces become NBSP, ideographic, thin, narrow NBSP, en spaces."""
    kinds = ["\u00a0", "\u00a0", "\u3000", "\u2009", "\u202f", "\u2002", "\u00a0\u00a0"]
    out = []
    n = 0
    for ch in text:
        if ch == " ":
            n += 1
            if n % 3 == 0:
                out.append(kinds[(n // 3) % len(kinds)])
                continue
        out.append(ch)
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Document list
# ---------------------------------------------------------------------------------------------

def doc(id_, text, url, lang, kind, **extra):
    d = {"id": id_, "text": text, "url": url, "lang": lang, "kind": kind}
    d.update(extra)
    return d


def build_docs() -> list:
    S = make_secrets()
    docs = []
    # 1. Clean Korean prose.
    for key, style in [("news-01", "news"), ("news-02", "news"), ("encyc-01", "encyclopedia"),
                       ("encyc-02", "encyclopedia"), ("encyc-03", "encyclopedia"), ("petition-01", "petition"),
                       ("petition-02", "petition"), ("blog-01", "blog"), ("blog-02", "blog"), ("blog-03", "blog"),
                       ("essay-01", "essay"), ("notice-01", "notice"), ("howto-01", "howto"), ("qa-01", "qa")]:
        docs.append(doc(f"ko-{key}", KO[key], f"https://ko.example.org/{style}/{key}", "ko", "clean-ko"))
    docs.append(doc("ko-review-long-01", KO["review-long-01"], "https://review.example.com/ko/vacuum/3817",
                    "ko", "clean-ko-long-review"))
    # 2. Clean English prose.
    for key, style in [("news-01", "news"), ("news-02", "news"), ("encyc-01", "encyclopedia"),
                       ("encyc-02", "encyclopedia"), ("blog-01", "blog"), ("blog-02", "blog"),
                       ("howto-01", "howto"), ("essay-01", "essay"), ("review-01", "review"),
                       ("memo-01", "memo")]:
        docs.append(doc(f"en-{key}", EN[key], f"https://en.example.org/{style}/{key}", "en", "clean-en"))
    # 3. Mixed Korean/English technical text.
    docs.append(doc("mixed-tech-01", KO["mixed-tech-01"], "https://dev.example.com/ko/tokenizer-notes",
                    "mixed", "clean-mixed"))

    # 4. Quality junk.
    docs += [
        doc("q-too-short-ko", "지미 카터", "https://ko.example.org/wiki/stub-1", "ko", "quality-too-short"),
        doc("q-too-short-en", "Untitled document", "https://en.example.org/drafts/untitled", "en", "quality-too-short"),
        doc("q-jamo-spam", jamo_spam(), "https://forum.example.com/board/free/99812", "ko", "quality-jamo-spam"),
        doc("q-repeated-lines", "\n".join(["이 페이지는 현재 점검 중입니다. 잠시 후 다시 시도해 주세요."] * 20),
            "https://shop.example.com/maintenance", "ko", "quality-repeated-lines"),
        doc("q-nav-menu", KO["nav-menu"], "https://www.example.com/", "mixed", "quality-nav-menu"),
        doc("q-symbol-lines", KO["symbol-lines"], "https://blog.example.net/decor", "ko", "quality-symbol-lines"),
        doc("q-lorem-ipsum", lorem(), "https://template.example.com/page", "en", "quality-lorem-ipsum"),
        doc("q-code-js", EN["code-js"], "https://www.example.com/static/menu.js", "en", "quality-code"),
        doc("q-code-css", EN["code-css"], "https://www.example.com/static/site.css", "en", "quality-code"),
        doc("q-mojibake-ko", sloppy_cp1252(KO["mojibake-src"]), "https://old.example.net/board/1024",
            "ko", "quality-mojibake"),
        doc("q-gibberish-en", gibberish_en(), "https://spam.example.net/p/xq7", "en", "quality-gibberish"),
        doc("q-gibberish-ko", gibberish_ko(), "https://spam.example.net/p/kr3", "ko", "quality-gibberish"),
        doc("q-spam-ad", spam_ad(), "https://shop.example.com/diet", "ko", "quality-spam-ad"),
        doc("q-cookie-policy", EN["cookie-policy"], "https://media.example.com/cookies", "en",
            "quality-boilerplate-cookie"),
        doc("q-ellipsis", KO["ellipsis"], "https://news.example.com/latest", "ko", "quality-ellipsis"),
    ]

    # 5. Dedup cases (originals are earlier in the file).
    light = KO["blog-02"]
    for old, new in [("한 달쯤", "두 달쯤"), ("20분 가까이", "15분 가까이"), ("한 시간쯤", "두 시간쯤")]:
        assert light.count(old) == 1, old
        light = light.replace(old, new)
    docs += [
        doc("dup-exact-ko", KO["news-01"], "https://mirror.example.net/news/library-night", "ko",
            "dedup-exact", dup_of="ko-news-01"),
        doc("dup-exact-en", EN["news-01"], "https://mirror.example.net/en/repair-cafe", "en",
            "dedup-exact", dup_of="en-news-01"),
        doc("dup-ws-footer-ko", whitespace_footer_variant(KO["encyc-01"]), "https://copy.example.com/onggi",
            "ko", "dedup-whitespace-footer", dup_of="ko-encyc-01"),
        doc("dup-truncated-en", truncate_words(EN["encyc-01"], 0.85), "https://scrape.example.net/tides",
            "en", "dedup-truncated", dup_of="en-encyc-01"),
        doc("dup-light-edit-ko", light, "https://blog.example.net/bread-repost", "ko",
            "dedup-light-edit", dup_of="ko-blog-02"),
        doc("near-half-overlap-en", EN["howto-01-half"], "https://garden.example.org/repot-and-feed",
            "en", "dedup-half-overlap-keep", overlaps="en-howto-01"),
    ]

    # 6. PII and secrets.
    r1 = rrn("900315123456")
    r2 = rrn("851102204817", dash=False)
    b1, b2 = brn("123456789"), brn("214860037")
    ko_ids = KO["pii-ids"].format(RRN1=r1, RRN2=r2, BRN1=b1, BRN2=b2)
    cards = ["4111 1111 1111 1111", "5555-5555-5555-4444", "378282246310005"]
    assert all(luhn_ok(c) for c in cards)
    isbn_ko = isbn13("978891234567")
    isbn_en = isbn13("979118012345")
    for n in (isbn_ko, isbn_en):
        assert not luhn_ok(n), n
    isbn_ko_f = f"{isbn_ko[:3]}-{isbn_ko[3:5]}-{isbn_ko[5:8]}-{isbn_ko[8:12]}-{isbn_ko[12]}"
    isbn_en_f = f"{isbn_en[:3]}-{isbn_en[3:5]}-{isbn_en[5:9]}-{isbn_en[9:12]}-{isbn_en[12]}"
    docs += [
        doc("pii-ko-contact", KO["pii-contact"], "https://club.example.org/notice/41", "ko", "pii-contact"),
        doc("pii-ko-ids", ko_ids, "https://insure.example.com/qna/5521", "ko", "pii-national-id"),
        doc("pii-en-payment", EN["pii-payment"].format(C1=cards[0], C2=cards[1], C3=cards[2]),
            "https://support.example.com/tickets/88213", "en", "pii-payment-card"),
        doc("pii-en-network", EN["pii-network"], "https://ops.example.com/reports/weekend-logins", "en",
            "pii-network"),
        doc("pii-secrets-keys", EN["pii-secrets"].format(**S), "https://wiki.example.com/incidents/2024-17",
            "en", "pii-secrets-api-keys"),
        doc("pii-secrets-pem", EN["pii-pem"].format(PEM=S["pem"]), "https://wiki.example.com/incidents/2024-21",
            "en", "pii-secrets-pem"),
        doc("pii-lookalike-ko", KO["lookalike"].format(ISBN=isbn_ko_f), "https://books.example.com/order/confirm",
            "ko", "pii-lookalike-keep"),
        doc("pii-lookalike-en", EN["lookalike"].format(HASH=S["git_hash"], SHORT=S["git_hash"][:7], ISBN=isbn_en_f),
            "https://app.example.com/releases/1.2.3", "en", "pii-lookalike-keep"),
    ]

    # 7. Normalize cases.
    crlf = EN["norm-crlf"].replace("\n", "\r\n").replace("written.\r\n\r\n", "written.\r\r", 1)
    ctrl = EN["norm-control"]
    for marker, ch in [("<BEL>", "\u0007"), ("<ESC>", "\u001b"), ("<BS>", "\u0008"), ("<FF>", "\u000c"),
                       ("<VT>", "\u000b"), ("<C1>", "\u0090"), ("<CSI>", "\u009b")]:
        assert marker in ctrl, marker
        ctrl = ctrl.replace(marker, ch)
    trailing = EN["norm-trailing"]
    docs += [
        doc("norm-nfd-ko", unicodedata.normalize("NFD", KO["norm-nfd"]), "https://files.example.com/mac/hangul.txt",
            "ko", "normalize-nfd"),
        doc("norm-crlf-en", crlf, "https://files.example.com/win/notes.txt", "en", "normalize-crlf"),
        doc("norm-tabs-ko", KO["norm-tabs"], "https://ko.example.org/market", "ko", "normalize-tabs"),
        doc("norm-zero-width-ko", insert_zero_width(KO["norm-zero-width"]), "https://ko.example.org/hidden-chars",
            "ko", "normalize-zero-width"),
        doc("norm-control-en", ctrl, "https://files.example.com/logs/session.txt", "en", "normalize-control-chars"),
        doc("norm-nbsp-ko", unicode_spaces(KO["norm-nbsp"]), "https://ko.example.org/exhibition", "ko",
            "normalize-nbsp"),
        doc("norm-trailing-en", trailing, "https://choir.example.org/join", "en", "normalize-trailing-spaces"),
    ]

    # 8. Social post with emoji.
    docs.append(doc("social-emoji-ko", KO["social-emoji"], "https://social.example.com/p/771203", "ko",
                    "social-emoji"))
    return docs


NO_ID_DOCS = [
    {"text": None, "url": "https://ko.example.org/local/cherry-walk", "lang": "ko", "kind": "clean-no-id",
     "meta": {"author": {"name": "한빛동네소식", "team": "주민기자단"}, "license": "CC0-1.0",
              "crawl": {"date": "2024-04-02", "shard": 3}},
     "tags": ["지역", "봄", "산책"], "scores": [0.91, 0.87], "reviewed": True, "notes": None},
    {"text": None, "url": "https://en.example.org/local/half-price-bread", "lang": "en", "kind": "clean-no-id",
     "meta": {"author": {"name": "Corner Street Journal", "team": "volunteers"}, "license": "CC0-1.0",
              "crawl": {"date": "2024-04-09", "shard": 7}},
     "tags": ["food", "waste", "local"], "scores": [0.88, 0.93], "reviewed": False, "notes": "second draft"},
    {"text": None, "url": "https://ko.example.org/food/noodle-lunch", "lang": "ko", "kind": "clean-no-id",
     "meta": {"author": {"name": "점심탐방", "team": None}, "license": "CC0-1.0",
              "crawl": {"date": "2024-04-16", "shard": 3}},
     "tags": ["맛집", "점심"], "scores": [0.79], "reviewed": True, "notes": None},
]


def build_no_id() -> list:
    out = []
    for rec, key in zip(NO_ID_DOCS, ["noid-1", "noid-2", "noid-3"]):
        r = dict(rec)
        r["text"] = (KO if key != "noid-2" else EN)[key]
        out.append(r)
    return out


def bad_input_lines() -> list:
    """Raw byte lines of bad-input.jsonl (written in binary so invalid UTF-8 stays invalid)."""
    def j(obj):
        return json.dumps(obj, ensure_ascii=False).encode("utf-8")
    return [
        j({"id": "bad-01-valid", "text": KO["bad-valid-1"], "lang": "ko"}),
        b'{"id": "bad-02-broken-json", "text": "' + "닫는 중괄호가 빠진 줄입니다.".encode("utf-8") + b'", "lang": "ko"',
        b'{"id": "bad-03-invalid-utf8", "text": "broken bytes \xff\xfe here and a cut Hangul syllable \xea\xb0 too", "lang": "en"}',
        j({"id": "bad-04-no-text", "title": "본문 필드가 없는 레코드", "lang": "ko"}),
        j({"id": "bad-05-text-number", "text": 12345, "lang": "en"}),
        b"",
        j(["bad-07-array", "배열은 문서가 아닙니다."]),
        j({"id": "bad-08-valid", "text": EN["bad-valid-2"], "lang": "en"}),
    ]


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

def to_line(obj) -> str:
    """Compact-ish JSON with raw Hangul; C1 controls, DEL and U+2028/2029 are escaped so no
    line splitter (Python, .NET, editors) can mistake them for line ends."""
    s = json.dumps(obj, ensure_ascii=False)
    return "".join(f"\\u{ord(c):04x}" if (0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029") else c for c in s)


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(to_line(r) + "\n")


def main():
    docs = build_docs()
    ids = [d["id"] for d in docs]
    assert len(ids) == len(set(ids)), "duplicate ids"
    write_jsonl(os.path.join(HERE, "docs.jsonl"), docs)
    write_jsonl(os.path.join(HERE, "docs-no-id.jsonl"), build_no_id())
    with open(os.path.join(HERE, "bad-input.jsonl"), "wb") as f:
        for line in bad_input_lines():
            f.write(line + b"\n")
    if "--quiet" not in sys.argv:
        import check_sample_data
        check_sample_data.report(docs)


if __name__ == "__main__":
    main()
