// Top organizations by the number of articles that mention them.
// Parameters: $limit (integer).
MATCH (o:Organization)<-[:MENTIONS]-(a:Article)
RETURN o.name AS organization, count(DISTINCT a) AS articles
ORDER BY articles DESC, organization
LIMIT $limit
