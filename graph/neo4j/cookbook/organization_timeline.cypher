// An organization's timeline: articles mentioning it per month (UTC), undated ones left out.
// Parameters: $name (the organization's canonical name).
MATCH (o:Organization {name: $name})<-[:MENTIONS]-(a:Article)
WHERE a.published IS NOT NULL
WITH substring(a.published, 0, 7) AS month, count(DISTINCT a) AS articles
RETURN month, articles
ORDER BY month
