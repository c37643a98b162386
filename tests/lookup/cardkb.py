"""A knowledge base as cards give it: the seed card's record, and others with only the
aliases a card lists (no extra spellings), so the resolver's stages are what answers."""

from __future__ import annotations

from pathlib import Path

from curate.records import cards
from curate.repo import store
from tests.conftest import SEED_CARD

BASE = {
    "type": "compound",
    "status": "unapproved",
    "evidence_level": "preclinical",
    "best_data_tier": "none",
}
# id: aliases. Invented records for the resolver's tests, not evidence.
RECORDS: dict[str, list[str]] = {
    "igf1_lr3": ["IGF-1 LR3", "Long R3 IGF-1"],
    "des_1_3_igf1": ["Des(1-3)-IGF-I"],
    "mgf_peptide": ["MGF", "mechano growth factor"],
    "leucine": ["L-leucine"],
    "isoleucine": [],
    "bcaa": ["branched-chain amino acids"],
    "whey_protein": ["vassleprotein"],
    "rapamycin": [],
    "zinc": ["zink"],
    "magnesium": [],
    "selenium": ["selen"],
    "dairy": ["milk", "dairy products"],
    "green_tea_polyphenols": ["green tea"],
    "intermittent_fasting": ["periodisk fasta", "alternate-day fasting"],
    "protein_cycling": [],
    "factor_x_a": ["Factor X", "Zeta"],
    "factor_x_b": ["factor-x", "Zeta"],
    "zentrabol": [],
    "zentrabal": [],
    "semaglutide_wegovy": ["Wegovy", "Ozempic"],
    "tirzepatide_mounjaro": ["Mounjaro"],
    "cjc_1295": ["CJC-1295 DAC"],
    "omega_3": ["omega-3 fatty acids", "fish oil"],
    "vitamin_d3": ["cholecalciferol", "vitamin D3"],
    "vitamin_b12": ["cobalamin", "vitamin B12"],
}


def build(root: Path) -> Path:
    """Write the card KB under `root` (the seed card's mecasermin_igf1 among them)."""
    for sub in ("compounds", "sources"):
        (root / "data" / sub).mkdir(parents=True, exist_ok=True)
    card = cards.parse_card(SEED_CARD.read_text()).compound
    store.write_record(root, "compound", {**card, "sources": []})
    for rid, aliases in RECORDS.items():
        store.write_record(root, "compound", {"id": rid, "aliases": aliases, **BASE})
    return root
