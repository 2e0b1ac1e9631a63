// Organizations mentioned in the same articles as a given one, with how many articles.
// Parameters: $name (the organization's canonical name), $limit (integer).
MATCH (o:Organization {name: $name})-[r:CO_MENTIONED]-(other:Organization)
RETURN other.name AS organization, r.weight AS articles, r.first_seen AS first_seen,
       r.last_seen AS last_seen
ORDER BY articles DESC, organization
LIMIT $limit
