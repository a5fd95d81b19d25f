"""``mare match``: hits against the store, nothing stored."""

from __future__ import annotations

from pathlib import Path

from mare.ingest import Defaults, Ingestor
from mare.match.check import check_file
from mare.store import Store
from tests.conftest import EXAMPLES


def test_hits_without_storing(store: Store, tmp_path: Path) -> None:
    Ingestor(store).ingest(EXAMPLES / "persons.ftm.jsonl", Defaults(owner="GR-HP"))
    before = store.counts()
    query = tmp_path / "query.jsonl"
    query.write_text(
        '{"id": "q1", "schema": "Person", "properties": {"name": ["Muhammad Abd al-Rahman"],'
        ' "birthDate": ["1987-05-12"]}}\n'
        '{"id": "q2", "schema": "Person", "properties": {"name": ["Nobody Known"]}}\n'
        '{"id": "q3", "schema": "Passport", "properties": {"holder": ["q2"],'
        ' "number": ["A12345678"], "country": ["Egypt"]}}\n'
        '{"id": "q4", "schema": "Persn", "properties": {}}\n',
        encoding="utf-8",
    )
    hits, errors = check_file(store, query)
    assert store.counts() == before
    assert [e.line for e in errors] == [4]
    found = {(h.left.id, h.right.id): h for h in hits}
    assert found[("q1", "gr-hp-p-001")].band == "match"  # Latin record
    assert found[("q1", "gr-hp-p-002")].band == "match"  # Arabic-script record
    fraud = found[("q2", "gr-hp-p-001")]  # the same passport under another name
    assert fraud.band == "link"
    assert fraud.result.reasons[0].feature == "identifier:document"
    assert not any(q == "q2" and h != "gr-hp-p-001" for q, h in found)


def test_a_benign_identifier_is_no_link(store: Store, tmp_path: Path) -> None:
    from mare.match.benign import BenignList

    Ingestor(store).ingest(EXAMPLES / "persons.ftm.jsonl", Defaults(owner="GR-HP"))
    query = tmp_path / "query.jsonl"
    query.write_text(
        '{"id": "q9", "schema": "Person", "properties": {"name": ["Omar Said"],'
        ' "phone": ["+218 91 234 5678"]}}\n',
        encoding="utf-8",
    )
    hits, _ = check_file(store, query)
    assert {h.right.id for h in hits} == {"gr-hp-p-001", "gr-hp-p-002"}  # shared phone: links
    listed = tmp_path / "benign.csv"
    listed.write_text("value,kind,reason\n+218912345678,phone,hotline\n", encoding="utf-8")
    hits, _ = check_file(store, query, BenignList.load(listed))
    assert hits == []


def test_a_contacts_label_on_either_side(store: Store, tmp_path: Path) -> None:
    """A number saved as "Mohammed Tobruk" (a contact: a name and a number) is
    the holder's, whether the contact is held or checked; the same name given
    as a person's name is another identity on the number."""
    held = tmp_path / "held.jsonl"
    held.write_text(
        '{"id": "h1", "schema": "Person", "properties": {"name": ["Mohammed Naser Awad"],'
        ' "birthDate": ["1974-08-22"], "phone": ["+218925215728"]}}\n',
        encoding="utf-8",
    )
    saved = tmp_path / "saved.jsonl"
    saved.write_text(
        '{"id": "s1", "schema": "Person", "properties": {"name": ["Mohammed Tobruk"],'
        ' "phone": ["+218 92-5215728"]}}\n',
        encoding="utf-8",
    )
    Ingestor(store).ingest(held, Defaults(owner="GR-HP"))
    query = tmp_path / "query.jsonl"
    query.write_text(
        '{"id": "q1", "schema": "Person", "category": "contact", "properties":'
        ' {"name": ["Mohammed Tobruk"], "phone": ["+218925215728"]}}\n'
        '{"id": "q2", "schema": "Person", "properties":'
        ' {"name": ["Mohammed Tobruk"], "phone": ["+218925215728"]}}\n',
        encoding="utf-8",
    )
    hits, _ = check_file(store, query)
    assert {h.left.id: h.band for h in hits} == {"q1": "match", "q2": "link"}

    Ingestor(store).ingest(saved, Defaults(owner="MT-AFM", category="contact"))
    query.write_text(
        '{"id": "q3", "schema": "Person", "properties": {"name": ["Mohammed Awad"],'
        ' "birthDate": ["1974-08-22"], "phone": ["+218925215728"]}}\n',
        encoding="utf-8",
    )
    hits, _ = check_file(store, query)
    assert {h.right.id: h.band for h in hits} == {"h1": "match", "s1": "match"}
