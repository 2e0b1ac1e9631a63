// What an organization acquires (or tried to): each deal with its latest status, when it
// was reported, and the first sentence that says so. Parameters: $name (organization).
MATCH (buyer:Organization {name: $name})-[r:ACQUIRES]->(target:Organization)
RETURN target.name AS target, r.status AS status, r.first_seen AS first_seen,
       r.last_seen AS last_seen, r.articles AS articles, r.evidence_texts[0] AS evidence
ORDER BY coalesce(r.first_seen, ''), target
