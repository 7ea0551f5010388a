"""Resolve stage: mentions across documents into one entity per real thing."""

import sys as _sys

from tahqiq.knowledge import gazetteer as _gazetteer

# Deprecated alias: the gazetteers moved to ``tahqiq.knowledge.gazetteer`` (issue #24); code
# written against ``tahqiq.resolve.gazetteer`` on parallel branches keeps importing the same
# module object (no copy: caches and monkeypatches are shared). Remove once nothing uses it.
# Stages below resolve must import the new path (tests/test_import_structure.py checks it).
_sys.modules.setdefault("tahqiq.resolve.gazetteer", _gazetteer)
gazetteer = _gazetteer
