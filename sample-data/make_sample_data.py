#!/usr/bin/python3
"""Regenerates DataPrep's sample-data/ files: docs.jsonl, bad-input.jsonl, docs-no-id.jsonl.

Every piece of text below was written for the DataPrep project; nothing is copied from the web,
Wikipedia or the corpora in ../shared/corpora. People, places, shops, e-mail addresses, phone
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
    """Illegal-gambling site ad, the commonest Korean web spam: keyword lines, a sign-up code and a tag line."""
    rng = random.Random(19)
    keys = ["토토사이트", "안전놀이터", "먹튀검증", "바카라", "카지노사이트", "슬롯사이트", "사설토토", "첫충 20%",
            "매충 10%", "가입코드", "무제한 환전", "24시간 상담", "신규 가입 이벤트", "실시간 배팅", "스포츠 중계"]
    lines = ["★★★ 메이저 토토사이트 추천 – 가입 즉시 첫충 20% ★★★"]
    for _ in range(6):
        lines.append(" ".join(rng.choice(keys) for _ in range(rng.randint(10, 16))) + "!!!")
    lines.append("가입코드 7777 입력 >>> https://bet.example.com/join?code=7777")
    lines.append("태그: " + ", ".join(keys))
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
    """The text cut at the first sentence end at or after `fraction` of its words (a scraper's cut copy)."""
    target = int(len(text.split()) * fraction)
    for i, ch in enumerate(text):
        if ch in " \n" and i > 0 and text[i - 1] in ".?!" and len(text[:i].split()) >= target:
            return text[:i]
    return text


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
        doc("q-spam-ad", spam_ad(), "https://bet.example.com/", "ko", "quality-spam-ad"),
        doc("q-cookie-policy", EN["cookie-policy"], "https://media.example.com/cookies", "en",
            "quality-boilerplate-cookie"),
        doc("q-ellipsis", KO["ellipsis"], "https://news.example.com/latest", "ko", "quality-ellipsis"),
    ]

    # 5. Dedup cases (originals are earlier in the file).
    light = KO["blog-02"]
    for old, new in [("요즘 주말마다", "요즘 토요일마다"), ("20분 가까이", "15분 가까이"), ("한 시간쯤", "두 시간쯤")]:
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


# ---------------------------------------------------------------------------------------------
# Self-check (printed only; not part of the files). Rough re-implementations of the usual rules,
# good enough to notice when an edit makes a "clean" document fail or a duplicate stop matching.
# ---------------------------------------------------------------------------------------------

EN_STOP = {"the", "be", "to", "of", "and", "that", "have", "with"}
KO_STOP = {"그리고", "하지만", "그러나", "또한", "때문에", "위해", "따라서", "그래서", "및", "등", "또는",
           "수", "것", "이", "그", "더", "또", "있다", "있는", "한다", "하는"}
TERMINAL = tuple('.!?"\'。！？…')


def rough_normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for c in text:
        o = ord(c)
        if (o < 0x20 and c not in "\t\n") or (0x80 <= o <= 0x9F and o != 0x85) or c in "\u200b\u2060\ufeff\u00ad\u200e\u200f":
            continue
        if c == "\t" or (o > 0x7F and unicodedata.category(c) == "Zs") or o == 0x85:
            c = " "
        out.append(c)
    lines = [" ".join(l.split()) for l in "".join(out).split("\n")]
    text = "\n".join(lines).strip("\n")
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text


def shingles(text: str, n: int = 5) -> set:
    w = text.split()
    return {" ".join(w[i:i + n]) for i in range(max(1, len(w) - n + 1))}


def jaccard(a: str, b: str) -> float:
    x, y = shingles(rough_normalize(a)), shingles(rough_normalize(b))
    return len(x & y) / len(x | y)


def top_ngram_frac(words: list, n: int) -> float:
    """Gopher: characters covered by the most frequent word n-gram / all characters."""
    from collections import Counter
    grams = Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    if not grams:
        return 0.0
    gram, count = grams.most_common(1)[0]
    return count * sum(len(w) for w in gram) / max(1, sum(len(w) for w in words)) if count > 1 else 0.0


def dup_ngram_frac(words: list, n: int) -> float:
    """Gopher: characters inside n-grams that occur more than once / all characters."""
    from collections import Counter
    grams = Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    covered = [False] * len(words)
    for i in range(len(words) - n + 1):
        if grams[tuple(words[i:i + n])] > 1:
            for j in range(i, i + n):
                covered[j] = True
    return sum(len(w) for w, c in zip(words, covered) if c) / max(1, sum(len(w) for w in words))


def metrics(text: str) -> dict:
    t = rough_normalize(text)
    words = t.split()
    lines = [l for l in t.split("\n") if l.strip()]
    n = max(1, len(words))
    m = {
        "words": len(words),
        "mean_len": sum(len(w) for w in words) / n,
        "symbol": (t.count("#") + t.count("...") + t.count("…")) / n,
        "bullet": sum(1 for l in lines if l.lstrip().startswith(("-", "*", "•", "·"))) / max(1, len(lines)),
        "ellipsis": sum(1 for l in lines if l.rstrip().endswith(("...", "…"))) / max(1, len(lines)),
        "stop": sum(1 for w in words if w.lower().strip(".,") in EN_STOP | KO_STOP),
        "punct_lines": sum(1 for l in lines if l.rstrip().endswith(TERMINAL)) / max(1, len(lines)),
        "short_lines": sum(1 for l in lines if len(l) <= 30) / max(1, len(lines)),
        "dup_lines": 1 - len(set(lines)) / max(1, len(lines)),
        "alpha": sum(1 for w in words if any(c.isalpha() for c in w)) / n,
        "curly": "{" in t,
        "top2": top_ngram_frac(words, 2), "top3": top_ngram_frac(words, 3), "top4": top_ngram_frac(words, 4),
        "dup5": dup_ngram_frac(words, 5), "dup10": dup_ngram_frac(words, 10),
        "lorem": "lorem ipsum" in t.lower(),
    }
    return m


def gopher_c4_problems(m: dict) -> list:
    p = []
    if m["words"] < 50: p.append("words<50")
    if not 3 <= m["mean_len"] <= 10: p.append(f"mean_len={m['mean_len']:.1f}")
    if m["symbol"] > 0.1: p.append(f"symbol={m['symbol']:.2f}")
    if m["bullet"] > 0.9: p.append("bullets")
    if m["ellipsis"] > 0.3: p.append("ellipsis")
    if m["stop"] < 2: p.append("stopwords")
    if m["alpha"] < 0.8: p.append("alpha")
    if m["punct_lines"] < 0.12: p.append("line_punct")
    if m["short_lines"] > 0.67: p.append("short_lines")
    if m["dup_lines"] > 0.3: p.append("dup_lines")
    if m["curly"]: p.append("curly")
    for key, limit in [("top2", 0.20), ("top3", 0.18), ("top4", 0.16), ("dup5", 0.15), ("dup10", 0.10)]:
        if m[key] > limit: p.append(f"{key}={m[key]:.2f}")
    if m["lorem"]: p.append("lorem")
    return p


def report(docs: list) -> None:
    by_id = {d["id"]: d for d in docs}
    survive = ("clean-", "pii-", "normalize-", "dedup-half-overlap-keep")
    bad = 0
    print(f"{'id':24} {'kind':28} {'words':>5} {'mlen':>5}  rough quality problems")
    for d in docs:
        m = metrics(d["text"])
        probs = gopher_c4_problems(m)
        expect_keep = d["kind"].startswith(survive)
        flag = ""
        if expect_keep and probs:
            flag = "  <-- expected to pass"
            bad += 1
        if d["kind"].startswith("quality-") and not probs:
            flag = "  (no rough rule fires; needs a specific detector)"
        print(f"{d['id']:24} {d['kind']:28} {m['words']:5d} {m['mean_len']:5.1f}  {','.join(probs) or '-'}{flag}")
        if d["kind"] == "clean-ko" and not 80 <= m["words"] <= 400:
            print(f"   !! {d['id']}: {m['words']} eojeol, outside 80..400"); bad += 1
        if d["kind"] == "clean-en" and not 100 <= m["words"] <= 400:
            print(f"   !! {d['id']}: {m['words']} words, outside 100..400"); bad += 1
    print("\nnear-duplicate similarity (Jaccard of word 5-gram shingles after rough normalisation):")
    for d in docs:
        other = d.get("dup_of") or d.get("overlaps")
        if other:
            print(f"  {d['id']:24} vs {other:14} J={jaccard(d['text'], by_id[other]['text']):.3f}"
                  f"  exact-after-normalize={rough_normalize(d['text']) == rough_normalize(by_id[other]['text'])}")
    print("\ndocs-no-id.jsonl and the two valid records of bad-input.jsonl (expected to pass):")
    for name, text in [("noid-1", KO["noid-1"]), ("noid-2", EN["noid-2"]), ("noid-3", KO["noid-3"]),
                       ("bad-01-valid", KO["bad-valid-1"]), ("bad-08-valid", EN["bad-valid-2"])]:
        m = metrics(text)
        probs = gopher_c4_problems(m)
        bad += bool(probs)
        print(f"  {name:14} {m['words']:4d} words  mean {m['mean_len']:.2f}  {','.join(probs) or '-'}")
    print(f"\n{len(docs)} documents, {bad} unexpected problems")


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
        report(docs)


# =============================================================================================
# The texts. All written for DataPrep (see the module docstring); paragraphs are separated by a
# blank line. KO holds Korean (and the mixed Korean/English) texts, EN the English ones.
# =============================================================================================

KO = {}

KO["news-01"] = """
한빛시립도서관이 다음 달부터 평일 야간 개관 시간을 오후 10시까지 연장한다고 밝혔다. 지금까지는 오후 6시에 문을 닫아 직장인과 대학생들이 도서관을 이용하기 어렵다는 지적이 꾸준히 제기되었다.

도서관 측은 지난해 이용자 설문에서 응답자의 절반 이상이 저녁 시간대 이용을 희망한다고 답한 결과를 반영했다고 설명했다. 야간에는 종합자료실과 열람실만 운영하며, 어린이자료실은 기존과 같이 오후 6시에 닫는다. 늘어나는 운영 시간에는 사서 2명과 안전요원 1명이 추가로 근무한다.

시는 이번 조치를 위해 조명 및 냉난방 설비를 보수하고, 도서관 앞 정류장에 심야 버스 노선을 추가로 배치하기로 했다. 도서관장은 "퇴근 뒤에도 책을 빌리고 조용히 공부할 수 있는 공간이 필요하다는 목소리가 컸다"며 "이용 현황을 3개월 동안 살펴본 이후 주말 연장 여부도 검토하겠다"고 말했다.

한편 도서관은 야간 개관을 기념해 개관 첫 주간 저녁 7시마다 지역 작가와의 대화 프로그램을 진행한다. 참가 신청은 도서관 누리집에서 받으며, 자리가 남으면 현장 접수도 가능하다.
"""

KO["news-02"] = """
월요일인 오늘 아침 중부 내륙을 중심으로 올겨울 들어 가장 강한 추위가 찾아왔다. 서울의 아침 최저기온은 영하 12도까지 떨어졌고, 바람이 강하게 불면서 체감온도는 영하 20도 가까이 내려갔다.

이번 추위는 북쪽에서 내려온 차가운 공기가 한반도 상공에 머물면서 나타난 현상으로, 수요일 오후부터 차츰 누그러질 전망이다. 하지만 서해안과 제주도 산지에는 내일까지 많은 눈이 내릴 가능성이 있어 교통안전에 각별한 주의가 필요하다.

기상 당국은 수도관 동파를 막기 위해 외출할 때 수도꼭지를 조금 열어 두고, 계량기함 내부를 낡은 옷이나 보온재로 채워 달라고 당부했다. 또한 노약자와 심혈관 질환자는 이른 아침 야외 활동을 자제하고, 외출할 때에는 모자와 장갑으로 체온을 유지하는 것이 바람직하다고 밝혔다.

전국의 지방자치단체도 한파 쉼터를 늘리고 홀로 사는 어르신 가구에 안부 전화를 돌리는 등 대응에 나섰다. 일부 지역에서는 출근 시간에 맞춰 버스 배차 간격을 단축하고 주요 도로에 제설제를 사전에 살포하였다.
"""

KO["encyc-01"] = """
옹기는 진흙으로 빚어 높은 온도에서 구운 한국의 전통 그릇이다. 잿물을 입혀 구운 그릇을 일반적으로 옹기라 부르며, 잿물을 입히지 않고 낮은 온도에서 구운 질그릇과 구별하기도 한다. 주로 간장, 된장, 김치, 젓갈처럼 오랫동안 보관하며 먹는 음식을 담는 용도로 사용되었다.

옹기의 가장 중요한 특징은 그릇 벽에 미세한 틈이 있어 공기가 서서히 드나든다는 점이다. 이러한 구조 때문에 내부에 담긴 음식이 천천히 발효되고 쉽사리 상하지 않는다고 알려져 있다. 옛사람들은 이러한 성질을 두고 옹기가 숨을 쉰다고 표현하였다.

제작 방법은 지역마다 조금씩 다르지만, 대개 흙가래를 길게 늘여 차례차례 쌓아 올린 다음 안팎을 두드려 벽면을 다지는 방식을 사용한다. 형태를 완성하면 그늘에서 건조하고, 잿물을 입힌 다음 가마에 넣어 며칠에 걸쳐 굽는다. 그릇 겉면에 손가락으로 그린 풀잎이나 물결 무늬는 장인이 순식간에 그려 넣은 장식이다.

플라스틱과 스테인리스 그릇이 널리 보급되면서 옹기를 사용하는 가정은 급격히 줄었다. 그러나 최근에는 전통 발효음식에 대한 관심이 높아지면서 소형 옹기나 현대적인 디자인의 옹기 제품이 새롭게 만들어지고 있다.
"""

KO["encyc-02"] = """
갯벌은 밀물에는 바닷물에 잠기고 썰물에는 드러나는 평탄한 해안 지형이다. 강물이 운반해 온 고운 흙과 모래가 오랜 세월 동안 쌓여 만들어지며, 밀물과 썰물의 높이 차이가 크고 경사가 완만한 해안에서 넓게 발달한다. 한국의 서해안과 남해안은 이러한 조건을 두루 갖추고 있어 넓은 갯벌이 펼쳐져 있다.

갯벌은 퇴적 물질에 따라 펄갯벌, 모래갯벌, 그리고 두 가지가 섞인 혼합갯벌로 구분한다. 펄갯벌은 발이 푹푹 빠질 만큼 부드럽고, 모래갯벌은 비교적 단단해서 걷기가 수월하다. 각각의 갯벌에는 각자의 환경에 적응한 조개류, 갑각류, 갯지렁이 같은 생물이 모여 산다.

갯벌의 역할은 생각보다 다양하다. 육지에서 흘러든 오염 물질을 걸러 내고, 수많은 생물에게 먹이와 서식지를 제공하며, 장거리를 이동하는 철새들이 쉬어 가는 중간 기착지 역할도 한다. 또한 태풍이나 해일이 밀려오면 파도의 힘을 줄여 해안 마을을 보호하기도 한다.

한때는 갯벌을 쓸모없는 땅으로 여겨 넓은 면적을 매립하기도 했다. 그러나 갯벌의 생태적 가치가 알려지면서 지금은 보호구역을 지정하고, 이미 막았던 방조제를 일부 허물어 갯벌을 되살리려는 노력도 이어지고 있다.
"""

KO["encyc-03"] = """
온돌은 방바닥 아래에 만든 통로로 불기운을 흘려보내 방을 데우는 한국의 전통 난방 방식이다. 아궁이에서 불을 때면 뜨거운 연기가 바닥 밑의 고래를 지나면서 위에 깔린 구들장을 데우고, 마지막에는 굴뚝으로 빠져나간다.

구들장은 넓고 평평한 돌로, 한번 데워지면 열을 오랫동안 머금는다. 그래서 저녁에 불을 넉넉히 때면 이튿날 아침까지 방바닥이 따뜻하게 유지된다. 아궁이와 가까운 부분은 더욱 뜨겁기 때문에 이곳을 아랫목이라 부르고, 어른이나 손님에게 아랫목을 양보하는 풍습이 생겼다.

온돌은 부엌의 아궁이와 연결되는 경우가 많아서, 밥을 짓는 불로 방까지 데울 수 있다는 장점이 있었다. 바닥에 앉고 눕는 좌식 생활 문화도 이러한 난방 방식과 깊은 관계가 있다고 여겨진다.

오늘날 대부분의 주택은 보일러로 데운 물을 바닥 아래 배관으로 순환시키는 방식을 사용한다. 겉모습은 크게 달라졌지만, 바닥을 데워 실내 전체를 따뜻하게 만든다는 원리는 그대로 이어지고 있다.
"""

KO["petition-01"] = """
안녕하십니까. 저는 두 아이를 키우고 있는 학부모입니다. 아이들이 다니는 초등학교 앞 통학로의 안전 문제를 해결해 주십사 간곡히 청원합니다.

학교 정문에서 큰길까지 이어지는 300미터가량의 구간에는 보도가 따로 없습니다. 아침마다 아이들은 차와 오토바이가 오가는 좁은 도로 가장자리를 줄지어 걸어갑니다. 특히 비가 오는 날에는 우산 때문에 시야가 가려서 아찔한 장면을 여러 차례 목격했습니다.

지난달에는 같은 학급 아이가 후진하던 화물차에 부딪힐 뻔한 일도 있었습니다. 다행히 크게 다치지는 않았지만, 부모들은 언제 사고가 날지 몰라 매일 불안한 마음으로 아이를 보내고 있습니다.

그래서 다음과 같은 조치를 요청드립니다. 첫째, 해당 구간에 울타리가 있는 보도를 설치해 주십시오. 둘째, 등하교 시간에는 화물차 통행을 제한해 주십시오. 셋째, 과속 단속 카메라와 노란 발자국 표시를 늘려 주십시오.

아이들이 마음 놓고 학교에 다닐 수 있도록 관계 기관의 빠른 검토를 부탁드립니다. 끝까지 읽어 주셔서 감사합니다.
"""

KO["petition-02"] = """
저는 신도시 외곽 아파트 단지에 거주하는 주민입니다. 입주가 시작된 지 2년이 지났지만 아직도 시내로 가는 버스 노선이 하나뿐이라 불편이 이만저만이 아닙니다.

그 한 노선마저 배차 간격이 30분을 넘고, 출근 시간에는 앞 정류장에서 이미 만원이 되어 그냥 지나가는 일이 잦습니다. 결국 많은 주민이 택시를 타거나 지하철역까지 20분 넘게 걸어가야 합니다. 그리고 어르신과 어린 자녀를 둔 가정은 훨씬 심각한 어려움을 겪고 있습니다.

단지 주변에는 앞으로도 신축 아파트가 계속 들어설 예정이어서 교통 수요는 더욱 늘어날 것입니다. 지금 대책을 세우지 않으면 문제가 훨씬 커질 것이 분명합니다. 언제까지 주민들이 이런 불편을 참아야 합니까?

따라서 지하철역과 단지를 연결하는 마을버스 신설과 기존 노선의 증차를 요청합니다. 당장 노선을 만들기 어렵다면 출퇴근 시간만이라도 임시 셔틀버스를 운행해 주시기 바랍니다. 주민들의 목소리에 귀 기울여 주시기를 부탁드립니다.
"""

KO["blog-01"] = """
지난 주말에 처음으로 가족과 함께 캠핑을 다녀왔어요. 장비가 하나도 없어서 고민하다가 텐트와 침구가 모두 갖춰진 글램핑장을 골랐는데, 초보에게는 정말 좋은 선택이었어요.

도착하자마자 아이들은 근처 계곡으로 뛰어갔어요. 물이 생각보다 차가워서 발만 담갔는데도 깜짝 놀라더라고요. 저녁에는 숯불에 고기와 옥수수를 구워 먹었어요. 집에서 먹는 것과 똑같은 재료인데 밖에서 먹으니 훨씬 맛있게 느껴졌어요.

밤이 되니 기온이 뚝 떨어져서 챙겨 간 두꺼운 담요가 큰 도움이 됐어요. 산속이기 때문에 별이 정말 많이 보였는데, 아이들과 누워서 별자리 앱으로 하나씩 찾아보는 시간이 이번 여행에서 가장 기억에 남아요.

하지만 아쉬운 점도 있었어요. 화장실이 관리동에 하나뿐이라 밤에 다녀오기가 무서웠고, 주말이라 옆자리 소음이 상당했어요. 다음에는 평일에 조용한 곳으로 가 보려고 해요.

처음 캠핑을 고민하시는 분들이라면 장비를 사기 전에 이런 곳에서 먼저 경험해 보시길 추천해요. 생각보다 준비할 게 많지 않고, 아이들이 정말 좋아하더라고요.
"""

KO["blog-02"] = """
요즘 주말마다 집에서 식빵을 굽고 있어요. 처음에는 반죽이 손에 달라붙고 제대로 부풀지 않아서 여러 번이나 포기할까 생각했는데, 한 달쯤 지나니 제법 모양이 나오기 시작했어요.

제가 깨달은 가장 중요한 부분은 반죽 온도예요. 겨울철에는 부엌이 추워서 발효가 아주 느리게 진행되더라고요. 그래서 미지근한 물로 반죽하고, 오븐 안에 따뜻한 물그릇을 함께 넣어 발효시켰더니 훨씬 부드럽게 부풀었어요.

두 번째 비결은 반죽을 충분히 치대는 과정이에요. 반죽을 얇게 늘였을 때 빛이 비칠 정도가 되어야 빵 속살이 부드럽게 나와요. 손으로 반죽하면 20분 가까이 걸리지만, 반죽하는 시간이 은근히 마음을 차분하게 만들어 줘서 좋아요.

그리고 완성된 빵은 곧바로 자르지 말고 한 시간쯤 식혀야 해요. 뜨거운 상태에서 자르면 속이 눌려서 떡처럼 뭉치기 때문이에요. 저도 처음에는 고소한 냄새를 참지 못하고 곧바로 잘랐다가 여러 번 후회했어요.

다음에는 통밀가루를 섞어서 한층 구수한 빵에 도전해 보려고 해요. 과연 처음처럼 실패하게 될까요? 결과가 괜찮으면 블로그에 다시 기록으로 남길게요.
"""

KO["blog-03"] = """
올해 회사에서 맡았던 프로젝트를 마무리하면서 느낀 점을 정리해 보려고 합니다. 저는 사내 주문관리 시스템을 새로 만드는 팀에서 백엔드 개발을 담당했습니다.

가장 크게 배운 교훈은 작게 나누어 자주 배포하는 습관의 중요성이었습니다. 초반에는 기능을 한꺼번에 완성한 뒤 배포하려다 보니, 문제가 생겼을 때 원인을 찾는 데만 며칠씩 걸렸습니다. 중반부터는 기능을 잘게 쪼개 매일 배포하도록 바꾸었고, 덕분에 장애가 발생해도 금방 되돌릴 수 있었습니다.

두 번째로는 문서를 미리 작성하는 습관이 오히려 시간을 절약해 준다는 사실을 알게 되었습니다. 설계 문서를 먼저 쓰고 동료들과 검토하니, 코드를 완성한 뒤에야 발견했을 문제를 초기에 잡아낼 수 있었습니다.

아쉬웠던 점은 테스트를 충분히 작성하지 못했다는 사실입니다. 하지만 일정에 쫓기다 보니 테스트를 뒤로 미루었고, 결국 마지막 달에 작은 버그들을 고치느라 야근이 잦았습니다. 그래서 내년에는 처음부터 테스트를 함께 작성하는 것을 목표로 삼으려고 합니다.

올해 1년 동안 함께 고생한 팀원들에게 고마운 마음을 전하며 회고를 마칩니다.
"""

KO["essay-01"] = """
어린 시절 살던 동네에는 좁고 구불구불한 골목이 많았다. 해가 저물 무렵이면 골목마다 저녁밥 짓는 냄새가 퍼졌고, 아이들은 어머니가 이름을 부를 때까지 돌아갈 생각을 하지 않았다.

그 골목에서 우리는 구슬치기와 사방치기를 하며 하루를 보냈다. 놀이의 규칙은 누가 정했는지 모르지만 모두가 알고 있었고, 다툼이 생기면 가장 나이 많은 형이 판결을 내렸다. 지금 생각하면 조그만 골목이 우리에게는 하나의 세상이었던 셈이다.

얼마 전 오랜만에 옛 동네를 찾아갔다. 그러나 골목은 넓은 도로로 바뀌었고, 낮은 집들이 있던 자리에는 높은 아파트가 들어서 있었다. 익숙한 풍경이 하나도 남아 있지 않아 한참을 서성이다가, 모퉁이에 그대로 남아 있는 오래된 전봇대를 발견했다.

전봇대에 손을 얹고 있으니 이상하게도 마음이 편안해졌다. 장소는 사라져도 그곳에서 보낸 시간은 사라지지 않는다는 사실을 그제야 깨달았다. 그리고 나는 한동안 그곳에 서서, 저녁마다 이름을 부르던 목소리를 떠올렸다.
"""

KO["notice-01"] = """
입주민 여러분께 알려 드립니다. 아파트 단지의 노후 수도관 교체 공사로 인해 다음 주 화요일 오전 9시부터 오후 5시까지 101동부터 104동까지 단수가 예정되어 있습니다.

공사 시간에는 수돗물 사용이 불가능하므로, 필요한 만큼의 생활용수를 미리 받아 두시기 바랍니다. 공사가 끝난 직후에는 배관 안의 녹물이 나올 수 있으니, 사용 초기에는 물을 충분히 흘려보낸 다음 사용하시기 바랍니다.

공사 차량이 단지 안으로 들어오기 때문에 해당 동 앞쪽 주차장 일부가 통제됩니다. 차량을 미리 옮겨 주시면 원활한 공사 진행에 커다란 도움이 됩니다. 또한 어린이들이 공사 구역 가까이에서 놀지 않도록 보호자 여러분의 지도를 부탁드립니다.

공사 일정은 날씨에 따라 바뀔 수 있으며, 변경되는 경우 안내 방송과 게시판을 통해 다시 알려 드리겠습니다. 궁금한 점은 관리사무소로 문의해 주시기 바랍니다. 입주민 여러분의 양해와 협조에 감사드립니다.
"""

KO["howto-01"] = """
재활용 쓰레기를 올바르게 분리배출하는 일은 생각보다 간단하지만, 기본 원칙을 알아 두면 훨씬 효과적이다. 그렇다면 무엇부터 기억해야 할까? 핵심은 비우고, 헹구고, 분리하고, 섞지 않는 습관이다.

먼저 용기 안의 내용물을 깨끗이 비워야 한다. 음료나 양념이 남아 있으면 다른 재활용품까지 오염되어 결국 모두 일반 쓰레기로 처리될 가능성이 높다. 따라서 기름기가 많은 용기는 가볍게 헹군 다음 말려서 배출하는 것이 바람직하다.

다음으로 재질이 다른 부분은 분리해서 배출한다. 페트병의 비닐 라벨은 벗겨서 비닐류로, 뚜껑은 플라스틱류로 분리한다. 그리고 종이 상자에 붙은 테이프와 송장도 제거해야 종이로 재활용하기 쉽다.

헷갈리는 품목도 있다. 영수증처럼 코팅된 종이와 기름이 스며든 피자 상자는 종이로 재활용하기 어려워 일반 쓰레기로 배출해야 한다. 깨진 유리나 도자기 역시 유리병 수거함이 아니라 별도로 정해진 방법에 따라 처리해야 한다.

다소 번거롭게 느껴지겠지만, 이러한 습관이 모이면 버려지는 자원을 크게 줄일 수 있다. 오늘 저녁 쓰레기를 정리할 때 이러한 원칙을 확인해 보자.
"""

KO["qa-01"] = """
겨울이 되면 유난히 피부가 건조해진다고 느끼는 분들이 많습니다. 이유가 무엇일까요? 차가운 바깥 공기는 습도가 낮고, 실내에서는 난방 때문에 공기가 더욱 메마르기 때문입니다.

그렇다면 어떻게 관리하는 것이 좋을까요? 가장 기본적인 방법은 샤워 습관을 바꾸는 일입니다. 너무 뜨거운 물로 오랫동안 씻으면 피부를 보호하는 기름막까지 씻겨 나갑니다. 미지근한 물로 10분 이내로 씻으세요. 그리고 물기가 마르기 전에 보습제를 바르는 것이 좋습니다.

실내 습도도 중요합니다. 가습기를 쓰기 어렵다면 젖은 빨래를 실내에 널어 두거나 화분을 두는 것만으로도 도움이 됩니다. 물을 자주 마시는 습관도 잊지 마세요.

하지만 가려움이 심하거나 피부가 갈라져 피가 난다면 어떻게 해야 할까요? 이럴 때는 단순한 건조증이 아닐 수 있으므로 미루지 말고 피부과 진료를 받아 보시기 바랍니다. 증상이 가벼울 때 관리를 시작하는 것이 회복도 빠릅니다.
"""

KO["review-long-01"] = """
무선 청소기를 구매한 지 3개월이 지나서 솔직한 사용 후기를 남겨 보려고 해요. 구매하기 전에 다른 분들 후기를 정말 많이 찾아봤는데, 막상 사용해 보니 글만 읽어서는 알기 어려운 부분이 제법 있더라고요. 저처럼 고민하시는 분들께 조금이라도 도움이 됐으면 좋겠어요.

먼저 흡입력은 기대 이상이에요. 저희 집은 30평대 아파트이고 고양이 1마리를 키우는데, 바닥에 떨어진 털은 물론이고 러그 사이에 박힌 털까지 깔끔하게 빨아들여요. 강력 모드로 바꾸면 소음이 커지지만 필요한 곳에만 잠깐 사용하면 되니까 불편하지는 않았어요.

배터리는 일반 모드 기준으로 40분 정도 유지돼요. 집안 전체를 청소하는 데 25분쯤 걸리니까 충분한 편이에요. 다만 강력 모드를 자주 사용하면 15분도 버티지 못해요. 여분 배터리를 구매할까 고민했는데, 지금은 청소를 오전과 오후로 나눠서 해결하고 있어요.

무게는 조금 아쉬워요. 손목이 약한 편이라 높은 곳이나 천장 모서리를 청소할 때는 팔이 금방 아파요. 바닥을 청소할 때는 헤드가 알아서 앞으로 나아가서 괜찮은데, 들고 사용하는 작업이 많은 분들은 매장에서 직접 들어 보고 고르시길 추천해요.

먼지통 비우기는 정말 편리해요. 버튼 하나만 누르면 아래쪽 뚜껑이 열리면서 먼지가 쏟아지는 방식이라 손에 묻을 일이 거의 없어요. 필터는 매달 물로 세척해서 하루 동안 말리는데, 예비 필터가 함께 들어 있어서 번갈아 사용하기 좋았어요.

거치대도 만족스러워요. 벽에 구멍을 뚫지 않고 세워 두는 스탠드형이라 전셋집에서도 부담 없이 사용할 수 있어요. 충전도 거치대에 꽂아 두기만 하면 되니까 신경 쓸 필요가 없어요. 다만 거치대 받침이 좁아서 아이가 부딪히면 넘어질까 걱정돼서 벽면에 바짝 붙여 두었어요.

소음은 어떨까요? 일반 모드에서는 가족과 대화가 가능한 정도이고, 저녁 9시쯤 잠깐 사용해도 아랫집에서 항의가 들어온 적은 없어요. 하지만 강력 모드는 상당히 시끄러워서 늦은 시간에는 사용하지 않아요.

정리하자면, 가격이 비싼 편이지만 흡입력과 편의성을 생각하면 충분히 값어치를 한다고 생각해요. 반려동물을 키우시거나 카펫이 있는 집이라면 특히 만족하실 거예요. 반대로 손목이 약하시거나 강력 모드로 집안 전체를 청소하고 싶으신 분들은 가벼운 모델이나 배터리 교체형 제품을 함께 비교해 보세요.

궁금한 점이 있으시면 댓글로 남겨 주세요. 제가 아는 범위에서 성실하게 답변해 드릴게요.
"""

KO["mixed-tech-01"] = """
대규모 언어 모델을 학습시키려면 먼저 텍스트를 token 단위로 나누어야 한다. 요즘 가장 널리 쓰이는 방식은 byte-level BPE(Byte Pair Encoding)로, 처음에는 모든 텍스트를 UTF-8 byte 열로 본 뒤 자주 함께 나타나는 byte 쌍을 하나의 새 token으로 합치는 merge 과정을 반복한다.

이 방식의 장점은 어떤 문자열이 들어와도 unknown token이 생기지 않는다는 점이다. 한글 음절은 UTF-8에서 3 byte를 차지하기 때문에, tokenizer 학습 데이터에 한국어가 적으면 음절 하나가 여러 token으로 쪼개진다. 그 결과 같은 의미의 문장이라도 한국어가 영어보다 훨씬 많은 token을 쓰게 되고, context window도 더 빨리 채워진다.

그래서 한국어 비중이 높은 모델을 만들 때는 tokenizer 학습 데이터에 한국어 문서를 충분히 넣고, vocabulary 크기를 넉넉하게 잡는 것이 일반적이다. 예를 들어 vocabulary를 32,000개에서 64,000개로 늘리면 자주 쓰는 어절과 조사 조합이 하나의 token으로 묶여 문서당 평균 token 수가 눈에 띄게 줄어든다.

전처리 단계도 tokenizer 품질에 영향을 준다. macOS에서 만든 파일처럼 NFD로 분해된 한글이 섞여 있으면 같은 글자가 서로 다른 byte 열로 표현되어 vocabulary가 낭비된다. 따라서 tokenization 전에 NFC normalization을 적용하고, zero-width space 같은 보이지 않는 문자를 제거해 두는 것이 좋다.

마지막으로 평가할 때는 fertility, 즉 어절 하나당 평균 token 수를 언어별로 따로 측정해 보기를 권한다. 이 값이 지나치게 크다면 vocabulary 크기나 학습 데이터의 언어 비율을 다시 검토할 필요가 있다.
"""

KO["nav-menu"] = """
- 홈
- 회사 소개
- 제품 안내
  - 신제품
  - 베스트셀러
  - 할인 상품
- 고객센터
- 공지사항
- 자주 묻는 질문
- 로그인
- 회원가입
* [English](https://www.example.com/en)
* [日本語](https://www.example.com/ja)
* [사이트맵](https://www.example.com/sitemap)
• 개인정보처리방침
• 이용약관
• 오시는 길
• 채용 정보
• 고객 문의
• 제휴 문의
| 홈 | 뉴스 | 스포츠 | 연예 | 날씨 |
« 이전 | 1 | 2 | 3 | 4 | 5 | 다음 »
맨 위로
"""

KO["symbol-lines"] = """
########################################
#### 공지 ####
****************************************
========================================
★★★★★★★★★★★★★★★★★★★★
#####
*** *** *** *** ***
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
# # # # # # # # # #
>>>>>>>>>>>>>>>>>>>>>>>>>>
◆◇◆◇◆◇◆◇◆◇◆◇◆◇◆◇
----------------------------------------
#### 끝 ####
########################################
"""

KO["ellipsis"] = """
[속보] 오늘 오후 도심 한복판에서 갑자기...
주말 날씨, 전국 대체로 맑다가 밤부터...
"이것만 알면 됩니다" 전문가가 밝힌 비결은...
아파트 값 다시 오를까, 시장에서는 벌써...
유명 가수 깜짝 결혼 발표, 상대는 바로…
올해 연말정산에서 꼭 챙겨야 할 공제 항목…
더 보기...
댓글 1,024개...
관련 기사 더 보기…
지금 가장 많이 본 뉴스는...
아이 성적 올리는 공부법, 부모가 알아야 할...
퇴근길 지하철 고장으로 승객들이...
"""

KO["mojibake-src"] = """
안녕하세요. 이 글은 원래 UTF-8로 저장된 한국어 게시물이었습니다. 그런데 오래된 게시판 프로그램이 이 글을 서유럽 문자 인코딩으로 잘못 읽어 들이면서 모든 한글이 알아볼 수 없는 기호로 바뀌어 버렸습니다.

이렇게 깨진 글은 사람이 읽을 수 없을 뿐 아니라 학습 데이터에 들어가면 모델이 이상한 문자 조합을 배우게 됩니다. 그러므로 품질 필터 단계에서 반드시 걸러 내야 합니다.
"""

KO["pii-contact"] = """
다음 달 둘째 주 토요일에 열리는 동네 사진 동호회 정기 모임을 안내합니다. 이번 모임은 한빛천 산책로에서 가을 풍경을 함께 찍습니다. 그리고 오후에는 근처 카페에서 각자 찍은 사진을 보며 이야기를 나눕니다.

참가를 원하시는 분은 이번 주 금요일까지 총무 김민지 씨에게 이메일(minji.kim@example.com) 또는 문자로 알려 주세요. 총무 휴대폰 번호는 010-1234-5678입니다. 회장님께 직접 연락하셔도 되는데, 번호는 010 9876 5432이고 메일 주소는 club.leader@hanbit-photo.example.org입니다.

당일 길을 잃으시면 부총무에게 01055557777로 전화하시거나, 해외에서 로밍 중인 회원은 +82-10-2468-1357로 연락해 주세요. 비가 오면 모임 장소는 주민센터 2층 회의실로 바뀌며, 주민센터 대표 번호는 02-123-4567, 팩스는 031-987-6543입니다.

준비물은 카메라나 휴대폰, 그리고 편한 신발입니다. 모임이 끝난 뒤 찍은 사진을 동호회 공유 폴더에 올려 주시면 다음 달 소식지에 함께 싣겠습니다. 많은 참여 부탁드립니다.
"""

KO["pii-ids"] = """
안녕하세요. 지난주 온라인으로 신청한 카드 가맹점 등록 서류에 잘못된 정보가 들어가 있어서 정정을 요청드립니다. 상담 전화가 계속 연결되지 않아 부득이하게 게시판에 글을 남깁니다.

신청서의 대표자 주민등록번호 칸에 {RRN1}이 적혀 있는데, 이 번호는 제 번호가 아니라 공동 대표인 동생의 번호입니다. 제 주민등록번호는 {RRN2}이고, 신분증 사본도 어제 다시 제출했습니다.

또 사업자등록번호가 {BRN1}로 되어 있는데, 이것은 몇 해 전에 문을 닫은 예전 가게의 번호입니다. 지금 운영하는 가게의 사업자등록번호는 {BRN2}입니다. 두 번호가 바뀌어 들어가는 바람에 심사가 멈춰 있다는 안내 문자를 받았습니다.

심사 과정에서 더 이상 문제가 생기지 않도록 빠른 확인 부탁드립니다. 처리 결과는 가입할 때 등록한 연락처로 알려 주시면 됩니다. 감사합니다.
"""

KO["lookalike"] = """
주문해 주셔서 감사합니다. 고객님의 주문 번호는 2024-0001234이며, 주문 일시는 2024-05-01 14:30입니다. 주문하신 상품은 『도시의 작은 정원』 개정판 한 권과 원두 커피 200g 두 봉지입니다.

도서의 ISBN은 {ISBN}이고 정가는 ₩12,000입니다. 커피는 봉지당 8,500원이며, 5만 원 이상 주문할 때 적용되는 무료 배송 조건에 해당하지 않아 배송비 3,000원이 더해졌습니다. 결제 금액은 모두 32,000원입니다.

상품은 영업일 기준으로 2~3일 안에 도착할 예정이며, 출고가 시작되면 배송 조회가 가능합니다. 반품과 교환은 상품을 받은 날로부터 7일 이내에 신청하실 수 있고, 2024년 5월 8일 오후 6시까지 접수된 요청은 그 주 안에 처리됩니다.

참고로 이번 달부터 주문 조회 화면이 새로 바뀌었습니다. 앱을 버전 1.2.3 이상으로 업데이트하시면 주문 내역과 배송 상태를 한 화면에서 확인하실 수 있습니다. 이용해 주셔서 감사합니다.
"""

KO["norm-nfd"] = """
맥에서 만든 파일을 다른 운영체제에서 열면 한글 자모가 풀어져 보이는 경우가 있다. 이러한 현상은 일부 파일시스템이 한글 음절을 초성, 중성, 종성으로 분해한 형태로 저장하기 때문이다. 눈으로 보기에는 동일한 글자라도 컴퓨터는 서로 다른 문자열로 처리하므로 검색이나 정렬이 제대로 동작하지 않는다.

이 문서는 그러한 상황을 재현하기 위해 모든 음절을 일부러 분해된 형태로 저장했다. 정규화 단계를 거치면 음절이 다시 하나의 글자로 합쳐져야 하며, 합쳐진 뒤의 내용은 원래 문장과 완전히 동일해야 한다. 글자 개수가 줄어드는 현상은 정상이고, 내용이 바뀌는 현상은 아니다.
"""

KO["norm-tabs"] = (
    "\t우리 동네 장터는 매달 첫째 주 토요일에 열린다.\t올해부터는 장이 서는 시간이 오전 10시부터 오후 4시까지로 늘어났다.\n\n"
    "\t\t장터에는\t채소와 과일을 판매하는 농가,\t직접 만든 잼과 빵을 판매하는 가게,\t그리고 헌책을 모아 온 동네 책방이 함께 자리를 잡는다.\t"
    "사람들은 장바구니를 들고 천천히 골목을 돌아다니며 물건을 고른다.\n\n"
    "품목\t\t가격\t\t비고\n"
    "햇감자 1봉지는\t3,000원이고\t오전에 매진된다.\n"
    "딸기잼 1병은\t5,000원이며\t시식도 가능하다.\n\n"
    "\t장터를 준비하는 주민 모임은 \t 쓰레기를 줄이기 위해 장바구니와 다회용 그릇을 가져오는 손님에게 소액 할인을 제공한다.\t 덕분에 일회용 봉투 사용량이 눈에 띄게 줄었다고 한다.\t"
)

KO["norm-zero-width"] = """
요즘 일부 광고 글은 검색 필터를 피하려고 글자 사이에 보이지 않는 문자를 끼워 넣는다. 화면에서는 평범한 문장처럼 보이지만, 실제로는 단어 중간마다 폭이 없는 공백이 숨어 있기 때문에 동일한 단어로 인식되지 않는다.

이러한 문자는 복사하여 붙여넣는 과정에서도 빈번하게 섞여 들어온다. 웹페이지에서 문장을 가져오거나 메신저에서 대화 내용을 옮길 때 함께 딸려 오는 경우가 많다. 그리고 정규화 단계에서 이러한 문자를 지우면 원래의 단어가 온전히 드러나고, 중복 제거와 품질 검사도 제대로 동작한다.
"""

KO["norm-nbsp"] = """
이번 주말 시립미술관에서는 지역 청소년들이 만든 작품을 모은 전시회가 열린다. 전시에는 회화와 조각, 사진 등 모두 120점의 작품이 출품되며 입장은 무료다.

전시를 기획한 미술 교사는 학생들이 재료 구입부터 작품 설명까지 모든 과정을 직접 담당했다고 설명했다. 관람객은 전시장 입구에서 배포하는 투표 용지로 가장 마음에 드는 작품을 선택할 수 있고, 최다 득표 작품은 내달 시청 로비에 추가로 전시된다.

미술관은 주말 동안 오전 10시부터 오후 6시까지 개방한다. 그리고 토요일 오후에는 학생 작가들이 직접 작품을 설명하는 시간도 마련했다.
"""

KO["social-emoji"] = "오늘 드디어 제주 도착 🛬🌴 바다 색깔 실화냐고요 😍😍😍 친구들이랑 흑돼지 먹으러 갑니다 🐷🔥🔥 다음 달엔 가족 여행 👨\u200d👩\u200d👧\u200d👦 날씨 최고 ☀\ufe0f👍🏽 1\ufe0f\u20e3등 맛집 인정 🇰🇷 #제주 #여행 #맛집"

KO["noid-1"] = """
봄이 찾아오면 동네 하천 산책로를 따라 벚나무가 길게 꽃을 피운다. 해마다 이맘때면 주민들이 돗자리를 들고 나와 점심을 먹고, 아이들은 떨어진 꽃잎을 모으며 즐겁게 논다.

올해는 구청이 산책로 중간에 쉼터와 음수대를 새로 설치했기 때문에 더 많은 방문객이 찾아올 것으로 보인다. 다만 밤늦게까지 머무는 사람이 늘면서 쓰레기 문제가 생길 우려가 있어, 자기 쓰레기는 반드시 되가져가 달라는 안내문이 곳곳에 붙었다. 그리고 구청은 주말마다 자원봉사자와 함께 산책로 정화 활동을 진행할 계획이다.
"""

KO["noid-3"] = """
회사 근처에 새로 생긴 국숫집에 점심을 먹으러 다녀왔어요. 메뉴는 잔치국수와 비빔국수, 그리고 겨울에만 판매하는 칼국수까지 세 가지뿐이라 고르기가 쉬웠어요.

저는 잔치국수를 주문했는데, 멸치 육수가 진하고 면발이 적당히 쫄깃해서 마지막 국물까지 남김없이 마셨어요. 점심시간에는 대기 줄이 길기 때문에 조금 일찍 방문하시는 걸 추천해요. 가격도 한 그릇에 7,000원으로 부담스럽지 않았어요. 다음에는 동료들과 함께 비빔국수도 먹어 보려고 해요.
"""

KO["bad-valid-1"] = """
이 레코드는 형식이 올바른 문서입니다. 같은 파일의 다른 줄에는 깨진 JSON, 잘못된 UTF-8 바이트, 본문 필드가 없는 레코드, 숫자로 된 본문, 빈 줄, 그리고 배열이 들어 있습니다. 읽기 단계는 그러한 레코드를 만나더라도 멈추지 말고 각각의 이유와 위치를 기록한 뒤 이어지는 레코드로 넘어가야 합니다. 따라서 이 문서와 마지막 레코드의 영어 문서는 끝까지 살아남아 다음 단계로 전달되어야 합니다.
"""

for _k in list(KO):
    if isinstance(KO[_k], str) and _k not in ("norm-tabs", "social-emoji"):
        KO[_k] = KO[_k].strip("\n")


EN = {}

EN["news-01"] = """
Residents of the river town of Millbrook gathered on Saturday for the opening of the town's first repair café, a monthly event where volunteers help people fix broken household items instead of throwing them away.

More than forty people arrived in the first two hours, carrying everything from toasters and table lamps to torn jackets and wobbly chairs. Volunteers, many of them retired electricians and tailors, worked at long tables in the community hall while visitors watched and asked questions.

Organizers said the goal is not only to reduce waste but also to share practical skills. "People are often surprised that a lamp only needs a new switch, or that a zipper can be replaced in twenty minutes," said one of the coordinators. "Once they see how it is done, many of them want to try the next repair themselves."

By the end of the day, the team had logged sixty-three repairs, with roughly three out of four items working again. Items that could not be fixed were sorted so that their parts could be recycled.

The café will run on the first Saturday of every month. Organizers are looking for more volunteers, especially people with experience repairing bicycles and small electronics.
"""

EN["news-02"] = """
The regional water authority announced on Tuesday that it will ease the watering restrictions that have been in place since early summer, after two weeks of steady rain raised reservoir levels well above the seasonal average.

Under the new rules, households may water gardens and lawns on any day of the week, but only before nine in the morning or after six in the evening. The ban on filling private swimming pools from the mains supply has also been lifted, although the authority asked residents to use covers to reduce evaporation.

Officials cautioned that the region is not yet out of danger. Groundwater levels, which respond more slowly than surface reservoirs, remain below normal in several districts. A spokesperson said that a dry autumn could bring the restrictions back before the end of the year.

Farmers welcomed the announcement but said that the summer had already taken a toll. Several growers reported smaller harvests of beans and tomatoes, and some had to buy feed for their animals because pastures dried out weeks earlier than usual.

The authority said it would review the situation again at the end of next month and publish updated reservoir figures every Friday.
"""

EN["encyc-01"] = """
A tide is the regular rise and fall of the sea surface caused mainly by the gravitational pull of the Moon and, to a lesser extent, the Sun. Because the Moon pulls more strongly on the side of the Earth that faces it, the oceans bulge slightly toward the Moon. A second bulge forms on the opposite side, so most coastlines experience two high tides and two low tides in a little more than a day.

The size of a tide depends on the relative positions of the Sun and the Moon. When they line up, at new moon and full moon, their effects combine to produce spring tides, which have an especially large range. When they are at right angles to each other, the effects partly cancel and the result is a neap tide with a smaller range.

Local geography also matters a great deal. In the open ocean the difference between high and low water may be less than a metre, while in long, narrowing bays the water can pile up and produce a range of many metres. Some coasts have only one high tide a day because of the shape of their basins.

Tides have practical importance for shipping, fishing and coastal engineering. Harbour pilots plan the movements of large ships around them. Engineers must allow for the highest expected water when they build sea walls. Tides also shape ecosystems such as salt marshes and mudflats, where plants and animals are adapted to being covered and uncovered twice a day.
"""

EN["encyc-02"] = """
Lichens are composite organisms formed by a partnership between a fungus and one or more partners that can photosynthesize, usually green algae or cyanobacteria. The fungus provides structure and protection, while the photosynthetic partner produces sugars from sunlight. Together they can live in places where neither could survive alone.

Lichens grow on rocks, tree bark, soil, old roofs and even on the shells of some animals. They are found from hot deserts to the polar regions, and in some tundra landscapes they are an important winter food for grazing animals. Their growth is usually very slow, and some patches on bare rock are thought to be hundreds of years old.

Scientists often describe lichens by their general shape. Crustose lichens form thin crusts that are tightly attached to the surface. Foliose lichens have leaf-like lobes that can be lifted at the edges, and fruticose lichens look like tiny shrubs or hanging strands.

Because many lichens absorb water and nutrients directly from the air, they are sensitive to pollution. For this reason they have been used as indicators of air quality. A city street with many kinds of lichen on its trees usually has cleaner air than one where the bark is bare.
"""

EN["blog-01"] = """
Last spring I could not run for more than two minutes without stopping. This autumn I finished my first ten-kilometre race, and I want to write down what helped, mostly for myself but also for anyone who is starting from the same place.

The most important change was slowing down. For years I thought running meant going as fast as I could until I ran out of breath. A friend suggested that I run slowly enough to hold a conversation, and at first it felt almost silly. But within a few weeks I could run for twenty minutes at that easy pace, which had seemed impossible before.

The second thing was consistency. I ran three times a week, on the same days, even when the runs were short. On tired days I told myself that I only had to put on my shoes and go outside for ten minutes. Most of the time, once I was out, I kept going.

I also learned to respect rest. Twice I tried to add distance too quickly and ended up with sore knees that kept me inside for a week. After that I followed a simple rule of increasing my weekly distance by no more than about ten percent.

Race day itself was a blur of nerves and cheering strangers. I was not fast, but I ran the whole way, and that was exactly what I had hoped for.
"""

EN["blog-02"] = """
Our community garden has thirty small plots, and this year I finally got one of my own after two years on the waiting list. I want to share a few lessons from my first season, because I made almost every beginner mistake that is possible.

I planted far too much in too little space. The packets said to leave a hand's width between the lettuce seedlings, but I could not bear to thin them, and the result was a crowded patch of small, bitter leaves. Next year I will be braver with the thinning.

Watering was another surprise. I assumed that a little water every evening would be best, but an older gardener two plots over explained that deep watering twice a week encourages roots to grow downward. Once I changed my routine, the tomatoes became much sturdier during the hot weeks of July.

The best part of the season was not the harvest but the people. Someone was always willing to lend a tool, trade seeds, or explain why my squash leaves had turned white. By August we were swapping extra courgettes and beans at the gate almost every weekend.

I ended the year with a notebook full of mistakes and ideas. If you have been thinking about joining a garden near you, I can only recommend it.
"""

EN["howto-01"] = """
Most houseplants need a larger pot every year or two, and repotting is easier than many people expect. The best time to do it is in spring, when the plant is starting to grow again and can recover quickly.

Start by choosing a new pot that is only slightly larger than the old one, usually two or three centimetres wider. A pot that is too big holds more wet soil than the roots can use, which can lead to rot. Make sure the new pot has a drainage hole at the bottom.

Water the plant a few hours before you begin, so that the root ball holds together. Turn the old pot on its side, support the base of the stems with one hand, and gently slide the plant out. If it is stuck, tap the sides of the pot or run a blunt knife around the inside edge.

Look at the roots before moving the plant into its new home. Healthy roots are firm and pale, while dark, soft roots should be trimmed away with clean scissors. If the roots circle tightly around the outside, loosen them with your fingers.

Put a layer of fresh potting mix in the new pot, set the plant at the same depth as before, and fill in around the sides. Water it well and keep it out of strong direct sun for about a week while it settles.
"""

# Shares its first three paragraphs with howto-01 and continues differently (about half the words).
EN["howto-01-half"] = """
Most houseplants need a larger pot every year or two, and repotting is easier than many people expect. The best time to do it is in spring, when the plant is starting to grow again and can recover quickly.

Start by choosing a new pot that is only slightly larger than the old one, usually two or three centimetres wider. A pot that is too big holds more wet soil than the roots can use, which can lead to rot. Make sure the new pot has a drainage hole at the bottom.

Water the plant a few hours before you begin, so that the root ball holds together. Turn the old pot on its side, support the base of the stems with one hand, and gently slide the plant out. If it is stuck, tap the sides of the pot or run a blunt knife around the inside edge.

Feeding is the other half of the job, and it is where most indoor gardeners go wrong. Fresh potting mix already contains enough nutrients for the first couple of months, so there is no need to add fertiliser straight after repotting.

From early summer, a diluted liquid feed every two or three weeks is plenty for most leafy plants. Flowering plants such as orchids or African violets prefer a feed with more potassium, which is usually sold under their name.

In autumn and winter, growth slows down and the plant uses far less food. Stop feeding until spring, water less often, and move pots away from cold windows and hot radiators.
"""

EN["essay-01"] = """
In the house where I grew up, almost everything important happened at the kitchen table. It was where we ate, of course, but also where homework was finished, bills were sorted, letters were written, and arguments were started and, eventually, settled.

The table itself was nothing special. It was made of pale wood, slightly uneven, with a burn mark near one corner from a pan that someone had put down too quickly. Over the years it collected small scratches and ink stains, and each of them seemed to belong to a particular evening.

What made the table matter was that it was the one place where everybody ended up. My father read the newspaper there in the morning, my mother did the accounts there at night, and my sister and I spread our schoolbooks across it in between. Nobody planned it that way, but the table became the centre of the house simply because it was always there.

When my parents moved to a smaller flat, the table was too large to take with them. I remember helping to carry it out to the van of a young couple who had bought it. I hope that it is now covered in someone else's homework and crumbs, and that it is still the place where the day is talked through.
"""

EN["review-01"] = """
I picked up the board game Harbor Lights after a friend recommended it for our monthly game night, and after five sessions I think it has earned a permanent place on our shelf.

The idea is simple. Each player runs a small fishing company in a coastal town, sending boats out to sea, selling the catch at the market, and slowly building up the harbour with warehouses and lighthouses. The clever part is the weather deck, which changes the conditions every round and forces you to decide whether a risky trip is worth it.

The rules take about fifteen minutes to explain, and new players usually understand the flow by the second round. A full game with four people lasts around an hour and a half, which feels right for the amount of strategy involved. The components are sturdy, and the illustrated map is lovely to look at.

There are a few weaknesses. The end of the game can drag if one player takes a long time to plan each move, and the two-player version feels less interesting because there is less competition for the best fishing spots.

Overall, this is a friendly and thoughtful game that works well for groups who enjoy planning without heavy conflict. I would recommend it to families with older children and to anyone looking for something a little deeper than the usual party games.
"""

EN["memo-01"] = """
Every few months someone in our office loses a day of work because a laptop fails or a file is overwritten by mistake. Most of these losses could be avoided with a simple backup routine, so here is a short explanation of the approach we recommend.

The basic rule is easy to remember: keep three copies of anything important, on two different kinds of storage, with one copy kept somewhere else. For most of us that means the working copy on a laptop, a second copy on an external drive, and a third copy in an online storage service.

Automatic backups are far more reliable than manual ones. If a backup depends on remembering to copy files every Friday, it will eventually be forgotten during a busy week. Most operating systems include a tool that can copy changed files every hour without any effort.

Finally, a backup is only useful if it can actually be restored. Once a quarter, pick a few files at random and try to recover them from each copy. It takes ten minutes, and it is the only way to be sure that the system works before you really need it.

If you would like help setting this up, drop by the support desk on any weekday afternoon.
"""

EN["code-js"] = """
function initMenu() {
  const items = document.querySelectorAll('.menu-item');
  items.forEach((item) => {
    item.addEventListener('click', (event) => {
      event.preventDefault();
      item.classList.toggle('open');
    });
  });
}

window.addEventListener('load', initMenu);

var dataLayer = window.dataLayer || [];
function track(name, value) {
  dataLayer.push({ event: name, value: value, ts: Date.now() });
}
if (document.cookie.indexOf('seen_banner=1') === -1) {
  document.getElementById('banner').style.display = 'block';
}
"""

EN["code-css"] = """
body {
  margin: 0;
  font-family: 'Noto Sans KR', sans-serif;
  color: #222;
}

.header {
  display: flex;
  justify-content: space-between;
  padding: 12px 24px;
  background: #fafafa;
}

.menu-item.open > ul {
  display: block;
}

@media (max-width: 640px) {
  .header { flex-direction: column; }
}
"""

EN["cookie-policy"] = """
We value your privacy
We use cookies to make this site work and to understand how visitors use it. By continuing to browse, you agree to our use of cookies.
Accept all cookies
Reject non-essential cookies
Manage preferences
Privacy Policy
Cookie Policy
Terms of Use
Some cookies are strictly necessary and cannot be switched off. Others help us count visits, remember your settings and show content that may interest you. You can change your choice at any time from the link at the bottom of every page.
Necessary cookies: always on
Analytics cookies: on
Advertising cookies: off
© 2024 Example Media Group. All rights reserved.
Privacy Policy | Cookie Policy | Terms of Use | Contact
"""

EN["pii-payment"] = """
Hello, and thank you for contacting the Harbor Outfitters help desk. I am following up on the order you placed last week, which was charged twice because of a problem with our payment page.

According to our records, the first charge was made to the Visa card you gave us on the phone, {C1}, and the second one to the card {C2} that is saved in your account. An older card, {C3}, is also still listed on your profile, although it was not charged. We have already refunded the duplicate payment, and it should appear on your statement within five business days.

For your security, please do not send full card numbers by email in the future. If you need to update your billing details, you can do it from the account page, or ask our billing team for a callback. You can also reach our billing specialist directly at dana.whitfield@example.com, and copy our general address support@harbor-outfitters.example.net so that the rest of the team can follow the case.

If the refund has not arrived by the end of next week, reply to this message and include the reference shown on your receipt. We are sorry for the trouble and appreciate your patience.
"""

EN["pii-network"] = """
This is a summary of the login alerts from the weekend. Between Saturday night and Sunday morning our monitoring system recorded more than four hundred failed sign-in attempts against the staff portal, almost all of them aimed at the same three accounts.

Most of the traffic came from the address 121.165.42.17, with a smaller burst from 58.229.106.83 shortly after midnight. We also saw a handful of attempts over IPv6 from 2001:e60:8a31:4f00::1c2 and from the fully written address 2406:5900:2:1f3b:0:0:0:7a. The attempts stopped after the rate limiter blocked both IPv4 addresses for an hour.

None of the attempts succeeded, and the affected users have been asked to change their passwords as a precaution. One of them, who can be reached at j.moreno@example.org, confirmed that she had not tried to log in during that time.

We recommend turning on two-step verification for all staff accounts before the end of the month. The security team will present a short plan at the next operations meeting, and questions can be sent to the engineer on call in the meantime.
"""

EN["pii-secrets"] = """
Incident report: credentials exposed in a public repository. On Tuesday afternoon a developer pushed a configuration file to a public repository by mistake. The file was removed within forty minutes, but because automated scanners watch new commits continuously, we treated every value in it as compromised.

The file contained an AWS access key, {aws_key}, together with its secret key, {aws_secret}. It also held a GitHub personal access token, {github}, which had write access to two internal repositories, and a Slack bot token, {slack}, used by our deployment notifications.

Further down were the API key for the language model service, {openai}, and the live Stripe secret key {stripe}. Finally, a comment at the end of the file included a session token, {jwt}, that one of the developers had copied while debugging.

All of these credentials were revoked and replaced on the same day. We found no sign that any of them had been used by an outside party, but we are reviewing the access logs for the past week to make sure.

To prevent this from happening again, the team has enabled secret scanning on every repository and added a check that blocks commits containing anything that looks like a key. We will also move the remaining credentials into a managed secret store before the next release.
"""

EN["pii-pem"] = """
While reviewing an old backup of the build server, we found a private key that had been pasted directly into a shared notes file. The key was used years ago to sign deployment packages, and nobody could remember whether it had ever been retired.

The note looked like this, with the key copied in full:

{PEM}

We have since confirmed that the matching public key is still trusted by two older machines, so the key has been revoked and replaced on both of them. The notes file was deleted from the backup, and the backup itself was encrypted again with a new password.

Private keys should never be stored in documents, chat messages or tickets. If you need access to a system, ask the infrastructure team to create a separate key for you, and keep it in the password manager where it can be rotated and audited. Please check your own notes for anything similar and report it, so that we can replace it quietly before it becomes a problem.
"""

EN["lookalike"] = """
These are the release notes for version 1.2.3, published on 2024-05-01. This release focuses on stability and includes no changes to the file format, so existing projects can be opened without conversion.

The most important fix addresses a crash that happened when a project was saved at exactly midnight; the nightly build tagged at 14:30 on 2024-04-30 was the last one affected. The fix was merged in commit {HASH}, and the short hash {SHORT} appears in the About window so that support staff can identify the build.

Pricing has not changed. The single-user licence still costs $1,299.00 per year, and the Korean edition is available for ₩1,690,000. Customers who bought a licence before 2024-03-31 can upgrade for free; the upgrade code is printed on the invoice next to the order number, for example 2024-0001234.

The printed manual has also been revised. Its new ISBN is {ISBN}, and the previous edition will remain available until the end of the year. As always, we would like to hear about any problems, so please use the feedback form in the Help menu.
"""

EN["norm-crlf"] = """
This document was saved on a system that ends every line with a carriage return followed by a line feed. Most editors hide the difference, but a program that splits text on line feeds alone will see an extra invisible character at the end of each line.

The paragraph after this one is separated by two lone carriage returns, the way some very old programs used to end lines, and every other break uses the pair. All of them should become ordinary line feeds without losing a single word of what was written.

After normalization the paragraphs and sentences should be exactly the same as before.
Each line should still start where it started, and nothing should be joined together or split apart.
"""

EN["norm-control"] = """
The log file that this paragraph came from was copied out of a terminal session, and it still contains a few characters that should never appear in training text. <BEL>A bell character sits at the start of this sentence, and an escape character sits right here <ESC> between two spaces.

Some lines also contain a backspace <BS>or a form feed <FF>or a vertical tab <VT>next to ordinary words. Two control characters from the upper range are hidden <C1>here and <CSI>there as well. These characters are invisible in most editors, yet they change the length of the text and can confuse tokenizers.

The normalize stage removes them while keeping tabs and line breaks, so the remaining words and sentences stay exactly as they were written.
"""

EN["norm-trailing"] = (
    "   Our neighbourhood choir meets every Thursday evening in the hall behind the old post office.   \n"
    "New members are always welcome,  and no audition is needed.     \n"
    "\n\n\n\n"
    "We sing a mix of folk songs,   film music   and a few classical pieces, and we give two small concerts a year.  \n"
    "   Most of our members had never sung in a group before they joined, so nobody should feel nervous about coming along.    \n"
    "\n\n\n"
    "  If you would like to try a rehearsal, simply turn up at half past seven and introduce yourself to the conductor.      \n"
    "Tea and biscuits are served at the break, and the first month is free.   \n\n   "
)

EN["noid-2"] = """
The small bakery on the corner has started selling day-old bread at half price every evening after six. The owner says that she used to throw away several loaves a day, and that the new discount has cut her waste almost to nothing.

Regular customers seem delighted. Students from the nearby college now queue outside the shop just before closing time, and a local food bank collects whatever is left on Saturday nights.
"""

EN["bad-valid-2"] = """
This line is a well-formed document at the end of a file full of broken records. The reader should report every bad line above it with its line number and a reason, skip the empty line without complaint, and still deliver this document and the first one to the next stage. A single bad line must never stop a whole run.
"""

for _k in list(EN):
    if _k != "norm-trailing":
        EN[_k] = EN[_k].strip("\n")


if __name__ == "__main__":
    main()
