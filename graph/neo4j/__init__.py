"""Neo4j: the client (push in UNWIND batches, queries, connection errors), every Cypher
string, and the records both stream."""
