"""The briefing's places as a GeoJSON FeatureCollection (RFC 7946), for a map.

One Point Feature per place, coordinates `[lon, lat]` as RFC 7946 orders them;
the properties say what the place is and which articles name it. Names that
could not be placed have no point and are left out (they are in the JSON briefing).
"""

from __future__ import annotations

import json
from typing import Any

from storyline.model import Briefing, Place


def to_geojson(briefing: Briefing) -> str:
    """A FeatureCollection with one Point Feature per place, in the briefing's order."""
    collection = {
        "type": "FeatureCollection",
        "features": [_feature(place) for place in briefing.places],
    }
    return json.dumps(collection, indent=2, ensure_ascii=False) + "\n"


def _feature(place: Place) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "name": place.name,
            "feature": place.feature,
            "country_code": place.country_code,
            "admin1": place.admin1,
            "geonames_id": place.geonames_id,
            "gazetteer_name": place.gazetteer_name,
            "within": place.within,
            "confidence": place.confidence,
            "note": place.note,
            "mentions": len(place.mentions),
            "articles": sorted({m.article for m in place.mentions}),
        },
    }
