"""Rewrite tests/fixtures/expected/*.json from the importer. Check the diff by hand!"""

import json
from pathlib import Path

from jixiao.ingest import load
from tests.ingest.projection import project

ROOT = Path(__file__).resolve().parents[2]

for sample in sorted((ROOT / "samples").glob("*.txt")):
    out = ROOT / "tests" / "fixtures" / "expected" / f"{sample.stem}.json"
    data = project(load(sample))
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print("wrote", out)
