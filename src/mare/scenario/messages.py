"""A sheet becomes a partner message: the envelope the hub ingests (docs/formats.md).

The header carries what partners really set: their own message id, the hub
and sometimes partners on the route as recipients, the time sent, a subject
and text, a handling code (H3 with its restriction), a 4x4 evaluation that
depends on the kind of trace (an arrest is better graded than an online
post), the partner's case reference (its own operation name for the
network), attachments (metadata only), and a data-subject category for every
person.
"""

from __future__ import annotations

from typing import Any

from mare.scenario import dice
from mare.scenario.partners import HUB
from mare.scenario.sheet import Sheet

HANDLING = {"H0": 0.4, "H1": 0.25, "H2": 0.25, "H3": 0.1}
RESTRICTIONS = (
    "Not to be passed to third countries without the prior consent of {sender}.",
    "Use in judicial proceedings only with the authorisation of the investigating magistrate.",
    "For the analysis of the hub only; no dissemination to other partners.",
    "Do not contact the persons named before consulting {sender}: covert investigation.",
)
EVALUATION = {
    "landing": {"A1": 0.2, "A2": 0.3, "B2": 0.4, "B1": 0.1},
    "departure": {"A2": 0.3, "B2": 0.5, "B3": 0.2},
    "arrest": {"A1": 0.3, "A2": 0.3, "B2": 0.4},
    "raid": {"A1": 0.4, "A2": 0.3, "B2": 0.3},
    "document": {"A1": 0.6, "A2": 0.3, "B2": 0.1},
    "finance": {"A2": 0.3, "B2": 0.5, "B3": 0.2},
    "secondary": {"B2": 0.4, "B3": 0.3, "C3": 0.3},
    "intelligence": {"B3": 0.4, "C3": 0.3, "B2": 0.2, "C4": 0.1},
    "advert": {"B2": 0.3, "C3": 0.3, "X4": 0.2, "C4": 0.2},
    "mothership": {"A2": 0.4, "B2": 0.4, "B3": 0.2},
}
OPERATIONS = (
    "ALBATROS",
    "MISTRAL",
    "SIROCCO",
    "LIBECCIO",
    "TRAMONTANA",
    "GRECALE",
    "MEDUSA",
    "TRITONE",
    "ARGO",
    "NAUTILUS",
    "CORMORANO",
    "GABBIANO",
    "PELICAN",
    "HERON",
    "OSPREY",
    "KESTREL",
    "ORCA",
    "NARVAL",
    "POSEIDON",
    "HERMES",
    "ATLAS",
    "DELFIN",
    "ESTRELLA",
    "FARO",
    "LEVANTE",
    "PONIENTE",
    "BORA",
    "MELTEMI",
)
ATTACHMENTS = (
    ("phone-extraction.pdf", "application/pdf"),
    ("statements.zip", "application/zip"),
    ("photos.zip", "application/zip"),
    ("report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
)


def message_id(sheet: Sheet) -> str:
    counters = sheet.world.counters
    key = f"msg:{sheet.partner.id}"
    counters[key] = counters.get(key, 0) + 1
    return f"{sheet.partner.id}-{sheet.when.year}-{counters[key]:06d}"


def envelope(sheet: Sheet, msg_id: str, recipients: list[str]) -> dict[str, Any]:
    r = sheet.r
    handling = dice.pick(r, HANDLING)
    word = OPERATIONS[
        dice.number(sheet.world.seed, sheet.partner.id, sheet.network) % len(OPERATIONS)
    ]
    data: dict[str, Any] = {
        "message_id": msg_id,
        "sender": sheet.partner.id,
        "recipients": recipients,
        "sent_at": sheet.when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "subject": sheet.facts.get("subject", sheet.event),
        "text": sheet.facts.get("text", ""),
        "handling": handling,
        "evaluation": dice.pick(r, EVALUATION[sheet.event]),
        "case": f"{sheet.partner.id}/OP-{word}",
    }
    if handling == "H3":
        data["restriction"] = r.choice(RESTRICTIONS).format(sender=sheet.partner.id)
    attachments = []
    for name, media in dice.some(r, ATTACHMENTS, 0, 2):
        attachments.append(
            {
                "name": name,
                "sha256": dice.digest(msg_id, name, size=32),
                "size": r.randint(20_000, 9_000_000),
                "media_type": media,
            }
        )
    if attachments:
        data["attachments"] = attachments
    data["categories"] = dict(sheet.categories)
    data["entities"] = list(sheet.entities.values())
    return data


def recipients(sheet: Sheet, route_partners: list[str]) -> list[str]:
    r = sheet.r
    others = sorted(p for p in route_partners if p != sheet.partner.id)
    return [HUB, *dice.some(r, others, 0, 2)] if others and r.random() < 0.4 else [HUB]
