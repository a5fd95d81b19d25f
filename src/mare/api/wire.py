"""The bodies of the exchange's messages, cases, hits and disclosures (pydantic)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from mare.api.schemas import ORG_ID, Entity, Statement, Strict
from mare.exchange.ids import pattern
from mare.model.codes import SubjectCategory

MESSAGE_ID = pattern("m")
CASE_ID = pattern("c")
HIT_ID = pattern("h")
SHA256 = r"^[0-9a-f]{64}$"
TEXT = 50_000
REASON = 2000

Handling = Literal["H0", "H1", "H2", "H3"]
Band = Literal["match", "review", "link"]


class AttachmentRef(Strict):
    name: str = Field(min_length=1, max_length=255)
    sha256: str = Field(pattern=SHA256, description="As `POST /attachments` answered")
    size: int = Field(ge=0)
    media_type: str = Field(min_length=1, max_length=100)


class MessageIn(Strict):
    """The message envelope of docs/formats.md."""

    message_id: str = Field(
        min_length=1,
        max_length=200,
        pattern=r"\S",
        description="Your own id: sending it again returns the same ack",
    )
    sender: str | None = Field(None, pattern=ORG_ID, description="Your organisation (default)")
    recipients: list[str] = Field(
        min_length=1, max_length=100, description="Organisation ids: the hub and/or partners"
    )
    sent_at: datetime | None = None
    subject: str = Field("", max_length=500)
    text: str | None = Field(None, max_length=TEXT)
    handling: Handling = "H0"
    restriction: str | None = Field(None, max_length=REASON, description="Required with H3")
    evaluation: str | None = Field(None, pattern=r"^[A-Fa-fXx][1-6]$", examples=["B2"])
    grading: Literal["4x4", "admiralty"] = "4x4"
    case: str | None = Field(None, max_length=100, description="A case reference")
    reply_to: str | None = Field(None, pattern=MESSAGE_ID, description="The hub id answered")
    attachments: list[AttachmentRef] = Field(default_factory=list, max_length=50)
    categories: dict[str, SubjectCategory] = Field(
        default_factory=dict, description="Entity id -> data-subject category"
    )
    entities: list[dict[str, Any]] = Field(
        default_factory=list, description="FtM entities (as many as the size limit allows)"
    )


class Reject(BaseModel):
    line: int | None = Field(description="The entity's 1-based position in `entities`")
    entity: str | None
    field: str | None
    reason: str


class HitView(BaseModel):
    """One hit: ``full`` shows the held entity and the reasons; ``hit_no_hit`` only the
    hit id, the owner and the band."""

    hit: str | None = Field(description="Hit id (hit/no-hit): grant, refusal and release")
    visibility: Literal["full", "hit_no_hit"]
    your_entity: str
    owner: str
    band: Band
    family: str
    entity: str | None
    score: float | None
    reasons: list[dict[str, Any]]
    status: str | None
    not_for_court: bool = Field(False, description="Drawn from H1 values")
    not_for_court_reason: str | None = None
    restrictions: list[str] = Field(
        default_factory=list, description="H3 restrictions of the values a full hit shows"
    )


class HitSummary(BaseModel):
    total: int
    match: int
    review: int
    link: int
    items: list[HitView]


class CaseLinked(BaseModel):
    reference: str
    case: str | None
    linked: bool
    reason: str | None = None


class Ack(BaseModel):
    """The acknowledgement of a message; the same message sent again gets the same one."""

    id: str = Field(description="The hub's message id")
    message_id: str
    sender: str
    received_at: datetime
    thread: str
    entities: int = Field(description="Entities stored")
    statements: int
    rejects: list[Reject]
    case: CaseLinked | None
    hits: HitSummary


class Attachment(BaseModel):
    sha256: str
    size: int
    media_type: str
    created_at: datetime


class MessageHeader(BaseModel):
    id: str
    message_id: str
    sender: str
    sent_by: str
    recipients: list[str]
    subject: str
    text: str | None
    handling: Handling
    restriction: str | None
    not_for_court: bool
    not_for_court_reason: str | None
    evaluation: str
    case: str | None
    reply_to: str | None
    thread: str
    attachments: list[AttachmentRef]
    received_at: datetime


class Message(MessageHeader):
    entities: list[Entity] = Field(description="Its entities, with the values you may read")


class CaseIn(Strict):
    reference: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/:-]{0,99}$", examples=["OP-SEAGULL"])
    title: str = Field(min_length=1, max_length=500, pattern=r"\S")
    participants: list[str] = Field(default_factory=list, max_length=100)


class Case(BaseModel):
    id: str
    reference: str
    title: str
    opener: str
    opened_by: str
    status: Literal["open", "suspended", "closed"]
    created_at: datetime
    updated_at: datetime
    participants: list[str]
    messages: list[str] = Field(description="Linked messages you may read")
    entities: list[str] = Field(description="Linked entities with values you may read")


class ParticipantIn(Strict):
    organisation: str = Field(pattern=ORG_ID)


class LinkMessageIn(Strict):
    message: str = Field(pattern=MESSAGE_ID)


class LinkEntityIn(Strict):
    entity: str = Field(min_length=1, max_length=255)


class CaseStatusIn(Strict):
    status: Literal["open", "suspended", "closed"]
    reason: str | None = Field(None, max_length=REASON)


class CaseChange(BaseModel):
    at: datetime
    actor_user: str
    actor_org: str
    change: str
    detail: dict[str, Any]


class CheckIn(Strict):
    entities: list[dict[str, Any]] = Field(
        min_length=1, description="FtM entities, not stored (at most 1000)"
    )


class ReasonIn(Strict):
    reason: str | None = Field(None, max_length=REASON)


class OverrideIn(Strict):
    reason: str = Field(
        min_length=1, max_length=REASON, pattern=r"\S", description="The imminent threat to life"
    )
    to: str | None = Field(
        None, pattern=ORG_ID, description="The organisation that got the hit (default), or the hub"
    )


class Disclosure(BaseModel):
    """A hit on data its requester could not read, as you may see it."""

    id: str
    side: Literal["owner", "requester", "supervisor"]
    status: Literal["pending", "granted", "refused", "overridden"]
    owner: str
    requester: str
    your_entity: str | None = Field(description="The requester's item (requester and owner)")
    band: Band
    family: str
    created_at: datetime
    requested_at: datetime | None
    request_reason: str | None
    decided_at: datetime | None
    decision_reason: str | None
    entity: str | None = Field(description="The owner's item, once you may read it")
    score: float | None
    reasons: list[dict[str, Any]]
    statements: list[Statement] = Field(description="The matched values you may read")
    query_item: dict[str, Any] | None = Field(description="The requester's item (owner only)")


class ErasureItem(BaseModel):
    entity: str
    owner: str


class Erasure(BaseModel):
    """What an erasure took: the items (the one named, and its owner's documents and
    relations of it) and how many entities went entirely."""

    items: list[ErasureItem]
    entities_gone: int
    values: int = Field(description="Values (statements) erased")


class RestrictionIn(Strict):
    restricted: bool = Field(description="True restricts your item, false lifts it")
    reason: str | None = Field(None, max_length=REASON)


class Restriction(BaseModel):
    """Your organisation's restriction of its item: held, but shown to and
    cross-checked for no one else while it stands."""

    entity: str
    owner: str
    restricted: bool
    reason: str | None = None
    restricted_by: str | None = None
    restricted_at: datetime | None = None


class DueItem(BaseModel):
    """An item (one owner's values of an entity) due for review."""

    entity: str
    owner: str
    schema_: str = Field(alias="schema", serialization_alias="schema")
    review_date: date | None = Field(description="The earliest review date of its values")
    values: int = Field(description="Its values due")


class ExtensionIn(Strict):
    reason: str = Field(
        min_length=1, max_length=REASON, pattern=r"\S", description="Why it is kept"
    )
    owner: str | None = Field(None, pattern=ORG_ID, description="One owner's item (default: each)")
    years: int | None = Field(None, ge=1, le=3, description="Kept this many years (default 3)")
    until: date | None = Field(None, description="Or: the next review (at most 3 years on)")


class Extension(BaseModel):
    entity: str
    owner: str
    review_was: date | None
    review_until: date
    reason: str
    decided_by: str
    decided_at: datetime
