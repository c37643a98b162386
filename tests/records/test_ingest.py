from __future__ import annotations

from curate.records import ingest

CSV = """kind,id,type,title,summary,authors,aliases
source,young_x,not_stated,A title,A summary.,Young JE; Martinez RA; La Spada AR,
compound,thing,compound,,,,Thing; THX
"""


def test_csv_cells_of_list_fields_become_lists_for_sources_as_for_compounds() -> None:
    items, errors = ingest.read("in.csv", "csv", CSV)
    assert errors == []
    by_id = {item.record["id"]: item.record for item in items}
    assert by_id["young_x"]["authors"] == ["Young JE", "Martinez RA", "La Spada AR"]
    assert by_id["thing"]["aliases"] == ["Thing", "THX"]
