#!/usr/bin/env bash
# Regenerates README.md's stage reference (between the stages:begin/end markers) from `dataprep stages --markdown`,
# so the documented options, defaults and rejection codes are the ones in the code.
set -euo pipefail
cd "$(dirname "$0")/.."
reference=$(dotnet run -c Release --project src/DataPrep.Cli -- stages --markdown)
python3 - "$reference" <<'PY'
import re, sys
readme = open("README.md", encoding="utf-8").read()
begin, end = "<!-- stages:begin -->", "<!-- stages:end -->"
head, rest = readme.split(begin, 1)
_, tail = rest.split(end, 1)
open("README.md", "w", encoding="utf-8").write(head + begin + "\n" + sys.argv[1].strip() + "\n" + end + tail)
PY
