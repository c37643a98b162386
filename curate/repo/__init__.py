"""The curation root on disk: finding it, reading and atomically writing record files, all-or-nothing
batches (`journal`), change detection (`snapshot`), helper processes (`forking`), reading git (`gitio`) and
a new root (`scaffold`).

May import `curate.records` and `curate.errors` only.
"""
