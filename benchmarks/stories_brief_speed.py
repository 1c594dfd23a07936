"""Briefing every story of a stream, against a bare spaCy pass over the same reports.

The stream is stories_scale.py's (dev-set texts, lightly perturbed, one year of dates);
every story is briefed, one report or more (`--min-reports 1`), so every report goes
through the full pipeline once. Baseline in the same run: the same spaCy model over
the same texts with `nlp.pipe(n_process=2)`, nothing else. Both use both cores.

Run:  .venv/bin/python benchmarks/stories_brief_speed.py [--size 1000]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from _common import git_state, table, write_json
from stories_scale import stream
from storyline.nlp import load_nlp
from storyline.settings import Settings
from storyline.stories.stream import brief_stories


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    args = parser.parse_args()
    settings = Settings.load()
    reports = stream(args.size)
    words = sum(len(r.text.split()) for r in reports)
    nlp = load_nlp(settings.nlp.model)
    started = time.perf_counter()
    for _ in nlp.pipe((r.text for r in reports), n_process=2, batch_size=32):
        pass
    bare = time.perf_counter() - started
    started = time.perf_counter()
    found = brief_stories(reports, settings=settings, min_reports=1)
    briefed = time.perf_counter() - started
    failed = [s.id for s in found if s.error]
    print(table(["reports", "words", "stories", "bare spaCy s", "briefing every story s",
                 "ratio"],
                [[f"{len(reports):,}", f"{words:,}", f"{len(found):,}", f"{bare:.1f}",
                  f"{briefed:.1f}", f"{briefed / bare:.2f}"]]))  # fmt: skip
    if failed:
        errors = Counter((s.error or "")[:120] for s in found if s.error)
        print(f"{len(failed)} stories' briefings failed; the commonest reasons:")
        for error, count in errors.most_common(3):
            print(f"  {count:,} x {error}")
    out = write_json("stories_brief_speed", {"git": git_state(), "reports": len(reports),
                                             "words": words, "stories": len(found),
                                             "bare_spacy_s": bare, "briefing_s": briefed,
                                             "failed": failed})  # fmt: skip
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
