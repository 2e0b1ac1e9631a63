// The biggest stories of a month: events by the number of articles that report them,
// with their outlets. Parameters: $month ("YYYY-MM"), $limit (integer).
MATCH (e:Event)<-[:REPORTS]-(a:Article)
WHERE e.first_published STARTS WITH $month
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(p:Publisher)
WITH e, count(DISTINCT a) AS articles, collect(DISTINCT p.name) AS outlets
RETURN e.name AS event, e.first_published AS first_published, articles,
       outlets
ORDER BY articles DESC, first_published, event
LIMIT $limit
