"""locqa: localisation and content-quality pipeline for machine-translated Markdown."""

__version__ = "0.1.0"
