"""Imported by the fork server of the NER processes, and only there: it loads the
pipeline that every process it forks inherits (:mod:`extract.forkserver`)."""

from extract.forkserver import preload

preload()
