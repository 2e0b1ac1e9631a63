// Who fined whom: regulators and courts, the organizations and people they fined, newest
// first. Parameters: $limit (integer).
MATCH (regulator)-[r:FINES]->(fined)
RETURN regulator.name AS regulator, fined.name AS fined, labels(fined)[0] AS fined_kind,
       r.articles AS articles, r.first_seen AS first_seen, r.evidence_texts[0] AS evidence
ORDER BY coalesce(r.last_seen, '') DESC, regulator, fined
LIMIT $limit
