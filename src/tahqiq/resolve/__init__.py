"""Resolve stage: mentions across documents into one entity per real thing."""
