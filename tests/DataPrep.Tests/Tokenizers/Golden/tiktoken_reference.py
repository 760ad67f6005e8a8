#!/usr/bin/python3
"""An independent reference for OpenAI's tiktoken encodings (r50k_base, gpt2, cl100k_base, o200k_base).

tiktoken itself cannot be installed here (no PyPI). This script re-implements what it does, written from the algorithm
(no tiktoken code), with the pieces that decide its ids taken from their sources:

  * ranks: the `.tiktoken` rank files of the Microsoft.ML.Tokenizers.Data.* 2.0.1 NuGet packages (the vocabularies
    DataPrep ships with), read straight out of the packages' DLLs in ~/.nuget/packages (one deflate-compressed manifest
    resource each: "Capacity: N" then one base64 token per line, the line number being the rank). Nothing is copied
    into the repository;
  * pre-tokenisation: tiktoken's regexes for each encoding, run by the `regex` module, which like tiktoken's Rust
    engine (fancy-regex over the regex crate) sees code points, not UTF-16 units: `\\p{L}` matches 𝐀, `\\s` is Unicode
    White_Space, `(?i)` uses simple case folding (so `'ſ` is a contraction, as `'S` is);
  * special tokens: each encoding's specials, matched in the text as `encode(text, allowed_special="all")` does
    (DataPrep turns special-token text into the special id, as Microsoft.ML.Tokenizers does);
  * byte-pair merge: a piece that is itself a token is that token; otherwise its bytes start as one part each and the
    adjacent pair whose joined bytes have the lowest rank is merged (the leftmost on ties) until no joined pair is a
    token;
  * text with lone surrogates: tiktoken re-decodes such text with replacement, so each becomes U+FFFD.

Needs Debian's python3-regex (apt-get install -y python3-regex; run with /usr/bin/python3). Run from this folder:

    /usr/bin/python3 tiktoken_reference.py golden            # rewrites tiktoken-*.json from texts.json, and
                                                             # tiktoken-adversarial.json (600 seeded random strings)
    /usr/bin/python3 tiktoken_reference.py corpus ENC OUT    # TSV per corpus text: file, line, field, count, sha256(int32le ids)
    /usr/bin/python3 tiktoken_reference.py pieces ENC TEXT   # the regex pieces and ids of one text (JSON escapes allowed)
    /usr/bin/python3 tiktoken_reference.py selfcheck         # published ids; current vs older pattern forms give equal ids
"""
import base64
import glob
import gzip
import hashlib
import json
import os
import random
import struct
import sys
import zlib

import regex

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared"))
NUGET = os.environ.get("NUGET_PACKAGES", os.path.expanduser("~/.nuget/packages"))
PACKAGE_VERSION = "2.0.1"

# tiktoken's patterns (openai_public.py, current form with possessive quantifiers). `$` is only reached after `\s++`
# has taken the whole whitespace run, so Python's "or before a final newline" never differs from Rust's end of text.
R50K_PATTERN = r"""'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s"""
CL100K_PATTERN = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)
O200K_PATTERN = "|".join([
    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
    r"""\p{N}{1,3}""",
    r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
    r"""\s*[\r\n]+""",
    r"""\s+(?!\S)""",
    r"""\s+""",
])

# The older published forms (before possessive quantifiers, still used by Microsoft.ML.Tokenizers); `selfcheck` shows
# they give the same ids on every probe (cl100k's pieces differ only on a trailing whitespace run with a line break).
LEGACY_PATTERNS = {
    "r50k_base": r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""",
    "cl100k_base": r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+""",
}

ENCODINGS = {
    # name: (data package, pattern, special tokens)
    "r50k_base": ("R50kBase", R50K_PATTERN, {"<|endoftext|>": 50256}),
    "gpt2": ("Gpt2", R50K_PATTERN, {"<|endoftext|>": 50256}),
    "cl100k_base": ("Cl100kBase", CL100K_PATTERN, {
        "<|endoftext|>": 100257, "<|fim_prefix|>": 100258, "<|fim_middle|>": 100259, "<|fim_suffix|>": 100260,
        "<|endofprompt|>": 100276,
    }),
    "o200k_base": ("O200kBase", O200K_PATTERN, {"<|endoftext|>": 199999, "<|endofprompt|>": 200018}),
}

# Fields holding text in the shared corpora (text; the parallel news' English side; the labelled pairs' two sides).
TEXT_FIELDS = ("text", "text_en", "text_a", "text_b")


def manifest_resource(dll_path):
    """The first manifest resource of a .NET assembly: PE sections -> CLI header -> resources (length-prefixed)."""
    with open(dll_path, "rb") as f:
        data = f.read()
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        raise ValueError(f"{dll_path}: not a PE file")
    sections = struct.unpack_from("<H", data, pe + 6)[0]
    optional_size = struct.unpack_from("<H", data, pe + 20)[0]
    optional = pe + 24
    directories = optional + (96 if struct.unpack_from("<H", data, optional)[0] == 0x10B else 112)
    table = []
    for i in range(sections):
        header = optional + optional_size + 40 * i
        virtual_size, virtual_address, raw_size, raw_pointer = struct.unpack_from("<IIII", data, header + 8)
        table.append((virtual_address, max(virtual_size, raw_size), raw_pointer))

    def offset(rva):
        for address, size, raw in table:
            if address <= rva < address + size:
                return rva - address + raw
        raise ValueError(f"{dll_path}: RVA {rva:#x} outside every section")

    cli = offset(struct.unpack_from("<I", data, directories + 14 * 8)[0])
    resources = offset(struct.unpack_from("<I", data, cli + 24)[0])
    length = struct.unpack_from("<I", data, resources)[0]
    return data[resources + 4:resources + 4 + length]


def load_ranks(package):
    pattern = os.path.join(NUGET, f"microsoft.ml.tokenizers.data.{package.lower()}", PACKAGE_VERSION, "lib", "*",
                           f"Microsoft.ML.Tokenizers.Data.{package}.dll")
    dlls = sorted(glob.glob(pattern))
    if not dlls:
        sys.exit(f"{pattern} not found: restore DataPrep once (dotnet restore) to fetch the NuGet packages")
    text = zlib.decompress(manifest_resource(dlls[0]), -15).decode("ascii")
    ranks = {}
    rank = 0
    for line in text.splitlines():
        if not line or line.startswith("Capacity:"):
            continue
        token, _, explicit = line.partition(" ")
        if explicit:
            rank = int(explicit)
        ranks[base64.b64decode(token)] = rank
        rank += 1
    return ranks


def byte_pair_merge(piece, ranks):
    """Merge the adjacent pair with the lowest rank (leftmost on ties) until no joined pair is a token."""
    parts = [piece[i:i + 1] for i in range(len(piece))]
    pair_ranks = [ranks.get(parts[i] + parts[i + 1]) for i in range(len(parts) - 1)]
    while pair_ranks:
        best = None
        at = -1
        for i, rank in enumerate(pair_ranks):
            if rank is not None and (best is None or rank < best):
                best, at = rank, i
        if best is None:
            break
        parts[at:at + 2] = [parts[at] + parts[at + 1]]
        del pair_ranks[at]
        if at < len(parts) - 1:
            pair_ranks[at] = ranks.get(parts[at] + parts[at + 1])
        if at > 0:
            pair_ranks[at - 1] = ranks.get(parts[at - 1] + parts[at])
    return [ranks[p] for p in parts]


class Encoding:
    def __init__(self, name, pattern=None):
        package, default_pattern, specials = ENCODINGS[name]
        self.name = name
        self.ranks = load_ranks(package)
        self.pattern = regex.compile(pattern or default_pattern)
        self.specials = specials
        self.special_pattern = regex.compile("|".join(regex.escape(s) for s in specials))
        self.cache = {}

    def pieces(self, text):
        return [m.group() for m in self.pattern.finditer(text)]

    def encode_ordinary(self, text, ids):
        for piece in self.pattern.finditer(text):
            piece = piece.group()
            cached = self.cache.get(piece)
            if cached is None:
                data = piece.encode("utf-8")
                whole = self.ranks.get(data)
                cached = [whole] if whole is not None else byte_pair_merge(data, self.ranks)
                if len(self.cache) >= 500_000:
                    self.cache.clear()
                self.cache[piece] = cached
            ids.extend(cached)

    def encode(self, text):
        """encode(text, allowed_special="all"): special-token text becomes the special id."""
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        ids = []
        start = 0
        while True:
            found = self.special_pattern.search(text, start)
            end = found.start() if found else len(text)
            self.encode_ordinary(text[start:end], ids)
            if not found:
                return ids
            ids.append(self.specials[found.group()])
            start = found.end()


def corpus_texts():
    """(file, line, field, text) for every text field of every shared corpus, in file order."""
    for path in sorted(glob.glob(os.path.join(SHARED, "corpora", "*.jsonl.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                record = json.loads(line)
                for field in TEXT_FIELDS:
                    value = record.get(field)
                    if isinstance(value, str):
                        yield os.path.basename(path), number, field, value


def digest(ids):
    return hashlib.sha256(struct.pack("<%di" % len(ids), *ids)).hexdigest()


# A class-covering alphabet for seeded random strings: letters of every case class, marks, digits of several scripts,
# line breaks and other spaces, contractions, `/`, emoji and other characters outside the BMP (letters, digits,
# symbols, modifiers, flags, ZWJ sequences), `ſ`, special tokens.
ALPHABET = [
    "a", "B", "ǅ", "ʰ", "가", "\u0301", "1", "٣", "Ⅻ", " ", "  ", "\n", "\r", "\t", "'", "s", "S", "t", "re", "LL", "VE", "!", "/",
    ".", "😀", "𝐀", "𝐚", "𠀀", "𝟏", "🏻", "🇰🇷", "\u200d", "👨‍👩‍👧", "\U0001D165", "\u00a0", "\u3000", "-", "<|endoftext|>", "ſ", "\u0085",
]
ADVERSARIAL_COUNT = 600


def adversarial_strings():
    rng = random.Random(20261128)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 24))) for _ in range(ADVERSARIAL_COUNT)]


def write_goldens():
    with open(os.path.join(HERE, "texts.json"), encoding="utf-8") as f:
        texts = [case["text"] for case in json.load(f)]
    for name in ENCODINGS:
        encoding = Encoding(name)
        golden = {
            "reference": "tiktoken_reference.py (tiktoken's regex over code points, ranks of Microsoft.ML.Tokenizers.Data "
                         f"{PACKAGE_VERSION}, lowest-rank byte-pair merge, allowed_special=all)",
            "tokenizer": name,
            "cases": [{"text": t, "ids": encoding.encode(t)} for t in texts],
        }
        with open(os.path.join(HERE, f"tiktoken-{name}.json"), "w", encoding="utf-8") as f:
            json.dump(golden, f, ensure_ascii=True, indent=2)
            f.write("\n")
        print(f"tiktoken-{name}.json: {len(texts)} texts", file=sys.stderr)
    # Random strings, ids per encoding, one compact line per string: pins code-point splitting on text no probe covers.
    strings = adversarial_strings()
    # gpt2 has r50k_base's ranks and pattern (its probe goldens above cover it).
    encodings = {name: Encoding(name) for name in ENCODINGS if name != "gpt2"}
    with open(os.path.join(HERE, "tiktoken-adversarial.json"), "w", encoding="utf-8") as f:
        f.write('{\n "reference": "tiktoken_reference.py adversarial_strings() (seed 20261128), allowed_special=all",\n "cases": [\n')
        for k, text in enumerate(strings):
            case = {"text": text, "ids": {name: e.encode(text) for name, e in encodings.items()}}
            f.write("  " + json.dumps(case, ensure_ascii=True, separators=(",", ":")) + (",\n" if k + 1 < len(strings) else "\n"))
        f.write(" ]\n}\n")
    print(f"tiktoken-adversarial.json: {len(strings)} strings", file=sys.stderr)


def write_corpus(name, out_path):
    encoding = Encoding(name)
    count = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for file, number, field, text in corpus_texts():
            ids = encoding.encode(text)
            out.write(f"{file}\t{number}\t{field}\t{len(ids)}\t{digest(ids)}\n")
            count += 1
    print(f"{name}: {count} texts", file=sys.stderr)


def self_check():
    published = [("gpt2", "Hello world", [15496, 995]), ("r50k_base", "Hello world", [15496, 995]),
                 ("cl100k_base", "hello world", [15339, 1917]), ("o200k_base", "Hello world", [13225, 2375])]
    for name, text, expected in published:
        actual = Encoding(name).encode(text)
        print(name, repr(text), actual, "ok" if actual == expected else f"EXPECTED {expected}")
        assert actual == expected
    with open(os.path.join(HERE, "texts.json"), encoding="utf-8") as f:
        texts = [case["text"] for case in json.load(f)]
    probes = texts + adversarial_strings() + ["x  \n\n  y", "a \t\r\n", "it's 'S 'ſ 'LL", "  \n", "abc  ", "😀abc 𝐀bc"]
    for name, legacy in LEGACY_PATTERNS.items():
        # The forms split alike except cl100k's `\s++$` (a trailing whitespace run stays whole); the ids must agree.
        current, old = Encoding(name), Encoding(name, legacy)
        split = sum(current.pieces(text) != old.pieces(text) for text in probes)
        for text in probes:
            assert current.encode(text) == old.encode(text), (name, text)
        print(f"{name}: current and older pattern give the same ids on {len(probes)} probes ({split} split differently)")


def main(argv):
    command = argv[1] if len(argv) > 1 else "golden"
    if command == "golden":
        write_goldens()
    elif command == "corpus":
        write_corpus(argv[2], argv[3])
    elif command == "pieces":
        encoding = Encoding(argv[2])
        text = json.loads('"' + argv[3] + '"')
        print(json.dumps(encoding.pieces(text), ensure_ascii=False), encoding.encode(text))
    elif command == "selfcheck":
        self_check()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
