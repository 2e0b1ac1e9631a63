"""From entities to the knowledge graph and its outputs (JSON, GraphML, Neo4j, HTML)."""
