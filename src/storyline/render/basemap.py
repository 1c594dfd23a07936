"""An offline map: country outlines and points drawn as inline SVG, no tiles, no network.

Outlines are Natural Earth's 1:110m countries (public domain, <https://www.naturalearthdata.com/>),
as the PyPI wheel of geopandas 0.14.4 carries them, shipped with storyline
(`render/data/`, 230 KB; see its README) and read with pyshp.
At 1:110m a country is a few dozen points: enough to say where a town lies, not to trace a
front line. Without the data the map still draws its points, on a plain background.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WIDTH = 800.0
MIN_SPAN = 1.0  # degrees: a map of one town still shows its surroundings


@dataclass(frozen=True)
class Outline:
    name: str
    box: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (lon, lat) points


@cache
def outlines() -> tuple[Outline, ...]:
    """The countries of Natural Earth 1:110m, or () when the data is not installed."""
    import shapefile  # pyshp

    path = Path(__file__).parent / "data" / "naturalearth_lowres.shp"
    if not path.exists():
        return ()
    found = []
    with shapefile.Reader(str(path)) as reader:
        names = [f[0] for f in reader.fields[1:]]
        for shape_record in reader.iterShapeRecords():
            shape, record = shape_record.shape, shape_record.record
            parts = [*shape.parts, len(shape.points)]
            rings = tuple(
                tuple((float(x), float(y)) for x, y in shape.points[a:b])
                for a, b in zip(parts, parts[1:], strict=False)
            )
            lon0, lat0, lon1, lat1 = shape.bbox
            name = str(record[names.index("name")])
            found.append(Outline(name, (lon0, lat0, lon1, lat1), rings))
    return tuple(found)


@dataclass(frozen=True)
class Frame:
    """An equirectangular view of a box, x stretched by cos(middle latitude)."""

    lon0: float
    lat0: float
    lon1: float
    lat1: float
    width: float
    height: float

    @classmethod
    def around(cls, points: list[tuple[float, float]]) -> Frame:
        """A frame holding every (lon, lat) point, with a margin."""
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        lon0, lon1, lat0, lat1 = min(lons), max(lons), min(lats), max(lats)
        pad_lon = max((lon1 - lon0) * 0.15, (MIN_SPAN - (lon1 - lon0)) / 2, 0.0)
        pad_lat = max((lat1 - lat0) * 0.15, (MIN_SPAN - (lat1 - lat0)) / 2, 0.0)
        lon0, lon1 = max(lon0 - pad_lon, -180.0), min(lon1 + pad_lon, 180.0)
        lat0, lat1 = max(lat0 - pad_lat, -85.0), min(lat1 + pad_lat, 85.0)
        stretch = math.cos(math.radians((lat0 + lat1) / 2))
        aspect = (lat1 - lat0) / max((lon1 - lon0) * stretch, 1e-9)
        height = min(max(WIDTH * aspect, 240.0), 640.0)
        return cls(lon0, lat0, lon1, lat1, WIDTH, height)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.lon0) / (self.lon1 - self.lon0) * self.width
        y = (self.lat1 - lat) / (self.lat1 - self.lat0) * self.height
        return round(x, 1), round(y, 1)

    @property
    def km_per_unit(self) -> float:
        """Kilometres an x unit spans at the frame's middle latitude."""
        middle = math.cos(math.radians((self.lat0 + self.lat1) / 2))
        return (self.lon1 - self.lon0) * 111.32 * middle / self.width

    def overlaps(self, box: tuple[float, float, float, float]) -> bool:
        lon0, lat0, lon1, lat1 = box
        return lon0 <= self.lon1 and lon1 >= self.lon0 and lat0 <= self.lat1 and lat1 >= self.lat0


def outline_paths(frame: Frame) -> list[tuple[str, str]]:
    """(country name, SVG path data) for the countries the frame shows."""
    out = []
    for outline in outlines():
        if not frame.overlaps(outline.box):
            continue
        parts = []
        for ring in outline.rings:
            points = [frame.xy(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
        out.append((outline.name, "".join(parts)))
    return out
