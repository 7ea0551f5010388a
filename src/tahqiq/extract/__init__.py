"""Extract stage: mentions (PER, LOC, ORG, NAT, ROLE, MONEY, DATE) and claims with evidence."""
