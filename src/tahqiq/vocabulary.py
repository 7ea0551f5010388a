"""The controlled vocabulary as data: entity types, predicates with their labels, the sections of a
case file, the predicate classes (movement, whereabouts, the graded ``went_to``), claim statuses,
and the typed shapes of a claim's object, an attribution, a review decision and a review candidate.

Every stage and view reads predicates from here; nothing else lists them. To add a predicate: add
a ``Predicate`` row (labels and section), list it in ``MOVEMENT`` / ``WHEREABOUTS`` if it places
its subject somewhere, then teach the extraction (``extract/claims.py``) to produce it.

Invariants (``tests/test_vocabulary.py``): every predicate has both labels and exactly one
section; the movement and whereabouts classes name only predicates. The types below describe
plain dicts and tuples (TypedDict, NamedTuple), so what is stored and exported is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, TypedDict

# ---- entity types ---------------------------------------------------------------------------
ENTITY_TYPES = ("PER", "LOC", "ORG", "NAT", "ROLE", "MONEY", "DATE")


# ---- predicates -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Predicate:
    name: str
    ar: str        # Arabic label (pages, dossier)
    en: str        # English label
    section: str   # the case-file section it is read in (``SECTIONS``)


# In the order of the contract (``model.PREDICATES``, spec/export-format.md).
PREDICATE_TABLE: tuple[Predicate, ...] = (
    Predicate("alias", "لقب أو كنية", "alias", "identity"),
    Predicate("role", "منصب", "role", "affiliation"),
    Predicate("origin", "ينحدر من", "origin", "identity"),
    Predicate("nationality", "الجنسية", "nationality", "identity"),
    Predicate("passport", "جواز سفر", "passport", "identity"),
    Predicate("age", "العمر", "age", "identity"),
    Predicate("member_of", "عضو في", "member of", "affiliation"),
    Predicate("fled_from", "فرّ من", "fled from", "movements"),
    Predicate("fled_to", "فرّ إلى", "fled to", "movements"),
    Predicate("arrived_in", "وصل إلى", "arrived in", "movements"),
    Predicate("traveled_to", "سافر إلى", "traveled to", "movements"),
    Predicate("resided_in", "أقام في", "resided in", "movements"),
    Predicate("arrested_in", "اعتُقل في", "arrested in", "outcome"),
    Predicate("arrested_by", "اعتقلته", "arrested by", "outcome"),
    Predicate("surrendered_to", "سلّم نفسه إلى", "surrendered to", "outcome"),
    Predicate("surrendered_at", "سلّم نفسه في", "surrendered at", "outcome"),
    Predicate("killed_in", "قُتل في", "killed in", "outcome"),
    Predicate("injured_in", "أُصيب في", "injured in", "outcome"),
    Predicate("defected_from", "انشق عن", "defected from", "affiliation"),
    Predicate("founded", "أسّس", "founded", "affiliation"),
    Predicate("paid", "دفع", "paid", "money"),
    Predicate("carried", "حمل معه", "carried", "money"),
)
PREDICATES: tuple[str, ...] = tuple(p.name for p in PREDICATE_TABLE)
# (Arabic label, English label) for each predicate.
PREDICATE_LABELS: dict[str, tuple[str, str]] = {p.name: (p.ar, p.en) for p in PREDICATE_TABLE}

# Reading order of a case file: who the person is, what they belonged to, where they went
# (chronologically), how it ended, then money. Within a section, the order listed here.
SECTION_TITLES: tuple[tuple[str, str], ...] = (
    ("identity", "الهوية"), ("affiliation", "الانتماء والمناصب"), ("movements", "التنقلات"),
    ("outcome", "الاعتقال والمصير"), ("money", "الأموال"),
)
_SECTION_ORDER: dict[str, tuple[str, ...]] = {
    "identity": ("alias", "nationality", "origin", "age", "passport"),
    "affiliation": ("role", "member_of", "founded", "defected_from"),
    "movements": ("resided_in", "fled_from", "traveled_to", "fled_to", "arrived_in"),
    "outcome": ("arrested_in", "arrested_by", "surrendered_to", "surrendered_at", "injured_in", "killed_in"),
    "money": ("paid", "carried"),
}
SECTIONS: list[tuple[str, str, tuple[str, ...]]] = [(key, title, _SECTION_ORDER[key])
                                                   for key, title in SECTION_TITLES]

# Predicates that place their subject at a point of a route, in the order they happen on one
# day (a movement's index breaks ties between equal dates on maps and routes).
MOVEMENT: tuple[str, ...] = ("origin", "resided_in", "fled_from", "traveled_to", "fled_to", "arrived_in",
                             "arrested_in", "surrendered_at", "injured_in", "killed_in")
# Predicates saying where the subject was at some time: two of them in different countries at
# the same date contradict each other (``corroborate/contradictions.py``).
WHEREABOUTS: tuple[str, ...] = ("arrived_in", "fled_to", "traveled_to", "resided_in", "arrested_in",
                                "surrendered_at", "killed_in", "injured_in")
# The graded class of "went somewhere": the gold's ``went_to`` and the predicates it covers.
WENT_TO: frozenset[str] = frozenset({"fled_to", "arrived_in", "traveled_to", "went_to"})


def predicate_class(p: str) -> str:
    """The class a predicate is scored in: the movement predicates form one class, ``went_to``."""
    return "went_to" if p in WENT_TO else p


def label(predicate: str) -> tuple[str, str]:
    """(Arabic, English) label; an unknown predicate is its own label."""
    return PREDICATE_LABELS.get(predicate, (predicate, predicate))


# ---- claim statuses -------------------------------------------------------------------------
STATUSES = ("corroborated", "single-source", "contested")
STATUS_LABELS = {"corroborated": "مؤكَّد من مصادر مستقلة", "single-source": "مصدر واحد",
                 "contested": "متنازع عليه"}


# ---- typed shapes (plain dicts and tuples on the wire) ----------------------------------------
class ClaimObject(TypedDict, total=False):
    """A claim's or assertion's object. Per document: ``mention`` (a mention id) and its
    ``text``; after resolution ``entity`` replaces ``mention``. A quantity has ``value``
    (and a money ``unit``); a country named only by a nationality has ``country``."""

    mention: str
    entity: str
    text: str
    value: float
    unit: str
    country: str


class Attribution(TypedDict, total=False):
    """Who a piece of evidence is attributed to ("قال مصدر أمني"): the words, whether they name
    someone, and for a named person or organisation the mention id and its type."""

    text: str
    named: bool
    entity: str
    type: str


class Decision(TypedDict):
    """A reviewer's decision as stored (``store.decisions()``): ``merge``, ``split``, ... of
    ``target`` (the mention, entity or claim ids it is about)."""

    id: int
    kind: str
    target: dict[str, Any]
    note: str | None
    user: str | None
    created: str


class Candidate(NamedTuple):
    """A pair of entities (or mentions) the resolver would not merge on its own but a reviewer
    may: a plain 4-tuple where stored."""

    a: str
    b: str
    score: float
    reason: str


def object_text(obj: Mapping[str, Any], name_of: Callable[[str], str]) -> str:
    """How a claim's object reads: the entity's name, a quantity with its unit, else its text."""
    if "entity" in obj:
        return name_of(obj["entity"])
    if "value" in obj:
        return f"{obj['value']} {obj.get('unit', '')}".strip()
    return str(obj.get("text", ""))
