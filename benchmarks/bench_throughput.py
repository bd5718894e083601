"""Import + review throughput on the bundled samples (documents per second, one core).

Run with ``make bench``. Texts are read once; each round imports every sample from its text
(``load_text``: layout detection + parsing + target parsing) and reviews it (every document
rule; the collection rules once per round over the five documents, as in a batch). Reports
per-layout and overall throughput and the ratio to the goal of 1,000 sample-sized documents
per second per core. The batch figure is given as best-of (least disturbed by other load on a
shared host) and median. Timings vary with the machine; nothing here asserts.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from jixiao.ingest import load_text
from jixiao.review.runner import load_rules, review, review_document

GOAL_DOCS_PER_SECOND = 1000
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _time(fn: Callable[[], object], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30, help="timed rounds (default 30)")
    args = parser.parse_args()
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}
    load_rules()
    print(f"{'sample':45} {'import ms':>10} {'review ms':>10} {'docs/s':>9}")
    per_doc = []
    for name, text in texts.items():
        document = load_text(text, name)
        imp = statistics.median(_time(partial(load_text, text, name), args.rounds))
        rev = statistics.median(_time(partial(review_document, document), args.rounds))
        per_doc.append(imp + rev)
        print(f"{name:45} {imp * 1e3:10.3f} {rev * 1e3:10.3f} {1 / (imp + rev):9.0f}")

    def batch() -> None:
        review([load_text(t, n) for n, t in texts.items()])

    times = _time(batch, args.rounds)
    batch_time, median = min(times), statistics.median(times)
    rate = len(texts) / batch_time
    print(
        f"\nbatch of {len(texts)} (import + document and cross-document review): "
        f"best {batch_time * 1e3:.2f} ms → {rate:,.0f} documents/second on one core "
        f"(median {median * 1e3:.2f} ms → {len(texts) / median:,.0f}/s)"
    )
    print(
        f"ratio to the goal of {GOAL_DOCS_PER_SECOND:,} documents/second: {rate / GOAL_DOCS_PER_SECOND:.2f}"
    )
    lines = sum(t.count("\n") + 1 for t in texts.values())
    print(f"throughput in source lines: {lines / batch_time:,.0f} lines/second")


if __name__ == "__main__":
    main()
