from __future__ import annotations

from storyline.errors import Errors, NoUsableInput, StorylineError
from storyline.model import Skipped


def test_errors_codes_are_unique_and_well_formed() -> None:
    codes = [e.name for e in Errors]
    assert len(codes) == len(set(codes))
    assert all(c.startswith("S") and c[1:].isdigit() and len(c) == 4 for c in codes)
    messages = [e.value for e in Errors]
    assert len(messages) == len(set(messages))


def test_errors_describe_names_path_line_and_code() -> None:
    error = StorylineError(Errors.S007, path="feed.jsonl", line=12, reason="Expecting value")
    assert error.describe() == "feed.jsonl:12: S007 malformed JSON: Expecting value"
    assert StorylineError(Errors.S021).describe().startswith("S021 ")


def test_errors_no_usable_input_carries_the_skips() -> None:
    skip = Skipped(source="a.txt", code="S003", message="empty")
    error = NoUsableInput([skip])
    assert error.code is Errors.S020 and error.skipped == [skip]
    # nothing to read at all: no message pointing at reasons "printed above"
    empty = NoUsableInput([])
    assert empty.code is Errors.S064 and "above" not in empty.message
