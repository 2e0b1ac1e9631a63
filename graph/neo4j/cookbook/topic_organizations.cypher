// The organizations of a topic: those mentioned by the topic's articles, most covered first.
// Parameters: $topic (topic name, case-insensitive), $limit (integer).
MATCH (t:Topic)<-[:HAS_TOPIC]-(a:Article)-[:MENTIONS]->(o:Organization)
WHERE toLower(t.name) = toLower($topic)
RETURN o.name AS organization, count(DISTINCT a) AS articles
ORDER BY articles DESC, organization
LIMIT $limit
