#!/usr/bin/python3
"""Makes the SentencePiece golden files for DataPrep's tokenization tests.

Reference: Debian's python3-sentencepiece (apt-get install -y python3-sentencepiece; run with /usr/bin/python3),
which is Google's SentencePiece C++ library. Run from this folder:

    /usr/bin/python3 make_golden.py

Writes:
  texts.json                      the probe strings (Korean, English, mixed, emoji, NFD, punctuation runs, spaces)
  sentencepiece-llama2.json       ids of every probe string under ../shared/tokenizers/llama2-sentencepiece/tokenizer.model
  sentencepiece-llama2-corpus.tsv for every document of ko-petitions + en-web-cc: id, token count, sha256 of the ids
                                  (int32 little-endian), so a test can check all 3,741 documents without storing ids.
The tiktoken and Hugging Face goldens (tiktoken-*.json, hf-*.json) are written by the .NET test
TokenizerGoldenTests when DATAPREP_WRITE_GOLDEN=1 (see docs/tokenization.md for why).
"""
import gzip
import hashlib
import json
import os
import struct
import sys
import unicodedata

import sentencepiece as spm

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared"))
MODEL = os.path.join(SHARED, "tokenizers", "llama2-sentencepiece", "tokenizer.model")

TEXTS = [
    ("ko", "대한민국의 수도는 서울입니다."),
    ("ko", "안녕하세요, 반갑습니다! 오늘 날씨가 정말 좋네요."),
    ("ko", "ㅋㅋㅋㅋ 진짜 웃기다 ㅠㅠ"),
    ("ko-hanja", "大韓民國 헌법 제1조"),
    ("en", "The quick brown fox jumps over the lazy dog."),
    ("en", "Tokenizers split text into sub-word units; fertility measures tokens per word."),
    ("mixed", "GPT-4o는 한국어를 잘 처리합니다 (2024년 5월, OpenAI)."),
    ("mixed", "서울 Seoul 부산 Busan 123,456원 https://example.com/경로?q=한국"),
    ("emoji", "좋아요 👍😀🇰🇷 great! ❤️"),
    ("emoji", "👨‍👩‍👧‍👦 family 🏳️‍🌈"),
    ("nfd", unicodedata.normalize("NFD", "한국어 텍스트는 NFC로 정규화해야 합니다.")),
    ("nfd", unicodedata.normalize("NFD", "각 닭 읽다 값")),
    ("punct", "...."),
    ("punct", "Wait.... what*** ==== ,,,, !!! ----"),
    ("punct", "***"),
    ("punct", "===="),
    ("punct", ",,,"),
    ("punct", "......................................"),
    ("punct", "=============== 제목 ==============="),
    ("punct", "*** 공지 *** .... ,,,,,, ;;;; ~~~~~ ????"),
    ("punct", "....."),
    ("punct", "a......"),
    ("punct", "****"),
    ("punct", "====="),
    ("punct", ",,,,"),
    ("punct", "------ ???? ######"),
    ("space", "  two leading spaces"),
    ("space", "tabs\tand\nnewlines\n\nparagraph"),
    ("space", "trailing spaces   "),
    ("space", " "),
    ("space", ""),
    ("ja", "東京は日本の首都です。"),
    ("special", "literal <s> and </s> and <unk> in text"),
    # Characters outside the BMP next to letters and digits: tiktoken's regex sees one code point where .NET's sees
    # two UTF-16 units (see tiktoken_reference.py and docs/tokenization.md).
    ("supplementary", "😀abc"),
    ("supplementary", "ㅋㅋ😂😂 진짜ㅋㅋ😂"),
    ("supplementary", "𝐀bc 𝟏𝟐𝟑 𝐇𝐞𝐥𝐥𝐨"),
    ("supplementary", "a😀1 x😀y 2😀"),
    ("supplementary", "👍🏻좋아요 최고👍"),
    ("supplementary", "🇰🇷대한민국 🇰🇷 🇺🇸USA"),
    ("supplementary", "👨‍👩‍👧가족 👨‍👩‍👧‍👦 family"),
    ("supplementary", "𠀀𠀁가 CJK Ext-B 𠀀abc"),
    ("supplementary", "영화 진짜 재밌어요😍😍 강추!!👍👍"),
    ("longs", "it'ſ 'ſ 'S IT'S"),
]


def corpus_docs(name):
    with gzip.open(os.path.join(SHARED, "corpora", name), "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            text = record.get("text")
            if isinstance(text, str):
                yield record["id"], text


def main():
    sp = spm.SentencePieceProcessor(model_file=MODEL)
    with open(os.path.join(HERE, "texts.json"), "w", encoding="utf-8") as f:
        json.dump([{"kind": k, "text": t} for k, t in TEXTS], f, ensure_ascii=True, indent=1)
        f.write("\n")
    golden = {
        "reference": f"python3-sentencepiece {spm.__version__} (Debian), SentencePieceProcessor.encode(text)",
        "model": "llama2-sentencepiece/tokenizer.model",
        "cases": [{"text": t, "ids": sp.encode(t)} for _, t in TEXTS],
    }
    with open(os.path.join(HERE, "sentencepiece-llama2.json"), "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=True, indent=1)
        f.write("\n")
    rows = 0
    with open(os.path.join(HERE, "sentencepiece-llama2-corpus.tsv"), "w", encoding="utf-8") as f:
        f.write("# id\ttokens\tsha256(int32le ids); reference python3-sentencepiece %s\n" % spm.__version__)
        for corpus in ("ko-petitions.jsonl.gz", "en-web-cc.jsonl.gz"):
            for doc_id, text in corpus_docs(corpus):
                ids = sp.encode(text)
                digest = hashlib.sha256(struct.pack("<%di" % len(ids), *ids)).hexdigest()
                f.write(f"{doc_id}\t{len(ids)}\t{digest}\n")
                rows += 1
    print(f"{len(TEXTS)} probe strings, {rows} corpus documents", file=sys.stderr)


if __name__ == "__main__":
    main()
