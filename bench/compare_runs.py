#!/usr/bin/env python3
"""Whether two DataPrep runs wrote the same result: kept parts (rank-*), rejects (rejected/*) and stats.json without
timings. Used by bench/resume.sh and bench/resume-in-file.sh to check a killed and resumed run against an uninterrupted
one. Prints one line, "WHAT: yes" or "WHAT: NO" (with --left, also how many hidden files ACTUAL still holds); the
exit code is 0 either way, the line is the verdict.

  bench/compare_runs.py EXPECTED ACTUAL --what TEXT [--kept raw|decompressed] [--rejects raw|decompressed]
                        [--nonempty] [--left GLOB --left-name TEXT]

--kept/--rejects: compare bytes as written (raw, the default) or gzip-decompressed; --nonempty: a file set that is
empty in both runs counts as different (the run wrote nothing); --left: count files matching GLOB anywhere under ACTUAL.
"""
import argparse
import glob
import gzip
import json
import os

TIMINGS = ("wall_seconds", "seconds")


def files(root, pattern):
    return sorted(os.path.relpath(p, root) for p in glob.glob(os.path.join(root, pattern)))


def strip(node):
    """stats.json without what depends on the clock."""
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in TIMINGS}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def raw(path):
    with open(path, "rb") as f:
        return f.read()


def decompressed(path):
    with gzip.open(path) as f:
        return f.read()


def same_files(a, b, pattern, read, nonempty):
    fa, fb = files(a, pattern), files(b, pattern)
    if nonempty and not fa:
        return False
    return fa == fb and all(read(os.path.join(a, f)) == read(os.path.join(b, f)) for f in fa)


def stats(root):
    with open(os.path.join(root, "stats.json"), encoding="utf-8") as f:
        return strip(json.load(f))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("expected")
    parser.add_argument("actual")
    parser.add_argument("--what", required=True, help="the sentence the verdict answers")
    readers = {"raw": raw, "decompressed": decompressed}
    parser.add_argument("--kept", choices=readers, default="raw")
    parser.add_argument("--rejects", choices=readers, default="raw")
    parser.add_argument("--nonempty", action="store_true")
    parser.add_argument("--left", help="glob of leftover files to count under ACTUAL, e.g. '.*.tmp'")
    parser.add_argument("--left-name", default="hidden files")
    args = parser.parse_args()

    a, b = args.expected, args.actual
    same = (same_files(a, b, "rank-*", readers[args.kept], args.nonempty)
            and same_files(a, b, "rejected/*", readers[args.rejects], args.nonempty)
            and stats(a) == stats(b))
    line = f"{args.what}: {'yes' if same else 'NO'}"
    if args.left:
        left = glob.glob(os.path.join(b, "**", args.left), recursive=True)
        line += f"; {args.left_name} left: {len(left)}"
    print(line)


if __name__ == "__main__":
    main()
