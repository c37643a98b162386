"""The record model and its formats: field order and vocabularies (`model`), canonical YAML and safe loading
(`yamltext`), cards (`cards`), reading import files (`ingest`) and the JSON Schemas built from the model
(`schemagen`), and the names of the formats each command offers
(`formatchoices`).

The bottom layer: may import `curate.errors` only.
"""
