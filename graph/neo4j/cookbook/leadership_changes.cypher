// Who has led an organization, over time: each person named as its CEO, chair, head or
// founder, from the first to the last report that says so. Parameters: $name.
MATCH (p:Person)-[r:LEADS]->(o:Organization {name: $name})
RETURN p.name AS person, r.first_seen AS first_seen, r.last_seen AS last_seen,
       r.articles AS articles, r.evidence_texts AS evidence
ORDER BY coalesce(r.first_seen, ''), person
