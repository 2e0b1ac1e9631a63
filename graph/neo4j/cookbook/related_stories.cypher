// The stories related to a story (either direction of RELATED_TO), with their publishers.
// Parameters: $url (the story's canonical URL).
MATCH (a:Article {url: $url})-[:RELATED_TO]-(b:Article)
OPTIONAL MATCH (b)-[:PUBLISHED_BY]->(p:Publisher)
RETURN b.title AS title, b.url AS url, b.published AS published, p.name AS publisher
ORDER BY published, title
