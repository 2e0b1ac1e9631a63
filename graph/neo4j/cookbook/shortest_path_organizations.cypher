// The shortest chain of articles and entities linking two organizations.
// Parameters: $from, $to (canonical organization names).
MATCH (a:Organization {name: $from}), (b:Organization {name: $to})
MATCH p = shortestPath((a)-[:MENTIONS|RELATED_TO*..10]-(b))
RETURN [n IN nodes(p) | coalesce(n.name, n.url)] AS path, length(p) AS hops
