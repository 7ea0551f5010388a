"""Evaluation against gold files: ``gold`` (end to end) and ``ner`` (CoNLL NER)."""
