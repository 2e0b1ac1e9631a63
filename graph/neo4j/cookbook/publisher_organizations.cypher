// A publisher's most covered organizations.
// Parameters: $domain (the publisher's domain, e.g. "thedailybeast.com"), $limit (integer).
MATCH (p:Publisher {domain: $domain})<-[:PUBLISHED_BY]-(a:Article)-[:MENTIONS]->(o:Organization)
RETURN o.name AS organization, count(DISTINCT a) AS articles
ORDER BY articles DESC, organization
LIMIT $limit
