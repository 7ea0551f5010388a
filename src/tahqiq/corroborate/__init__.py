"""Corroborate stage: copied-text detection, independent sources per claim, contradictions."""
