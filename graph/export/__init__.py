"""The graph's outputs: node-link JSON, GraphML and GEXF files, the HTML view and the
files of Neo4j's bulk importer."""
