"""curate: a command-line curation toolkit for an evidence knowledge base of compounds."""

__version__ = "0.1.0"
