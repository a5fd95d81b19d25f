"""The API's request and response bodies (pydantic), as the OpenAPI spec shows them."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from mare.exchange.roles import OrgKind, Role
from mare.normalize.country import to_alpha3

ORG_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
USER_ID = r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$"
TOKEN_ID = r"^[0-9a-f]{12}$"
NAME = r"\S"


def _countries() -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [a + b for a in letters for b in letters if to_alpha3(a + b) is not None]


# ISO 3166 alpha-2 codes (as the country normaliser knows them), upper case.
Country = Enum("Country", {code: code for code in _countries()}, type=str)  # type: ignore[misc]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(BaseModel):
    field: str | None = Field(None, description="Where the fault is (`body.name`, `query.limit`)")
    message: str


class ErrorInfo(BaseModel):
    code: str = Field(description="Stable machine-readable code: `not_found`, `forbidden`, ...")
    message: str
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorBody(BaseModel):
    """The one shape of every error the API returns."""

    error: ErrorInfo


class Health(BaseModel):
    status: Literal["ok"]
    version: str


class Me(BaseModel):
    user: str
    name: str
    organisation: str
    organisation_kind: OrgKind
    role: Role
    token: str | None = Field(description="Id of the token this request came with")
    purpose: str | None


class Organisation(BaseModel):
    id: str
    name: str
    country: str | None = Field(description="ISO 3166 alpha-2; none for the hub")
    kind: OrgKind
    active: bool
    created_at: datetime


class OrganisationIn(Strict):
    id: str = Field(pattern=ORG_ID, examples=["DE-BKA"])
    name: str = Field(min_length=1, max_length=200, pattern=NAME, examples=["Bundeskriminalamt"])
    country: Country | None = Field(None, description="ISO 3166 alpha-2 (partners only)")
    kind: OrgKind = OrgKind.PARTNER


class ActiveIn(Strict):
    active: bool


class User(BaseModel):
    id: str
    organisation: str
    name: str
    role: Role
    active: bool
    created_at: datetime


class UserIn(Strict):
    id: str = Field(pattern=USER_ID, examples=["de-mueller"])
    organisation: str = Field(pattern=ORG_ID, examples=["DE-BKA"])
    role: Role
    name: str = Field(min_length=1, max_length=200, pattern=NAME)


class Token(BaseModel):
    id: str
    user: str
    organisation: str
    state: Literal["active", "revoked", "expired"]
    created_at: datetime
    created_by: str
    expires_at: datetime | None
    revoked_at: datetime | None
    revoked_by: str | None
    last_used_at: datetime | None


class NewToken(Token):
    token: str = Field(description="The bearer token: shown this once, never again")


class TokenIn(Strict):
    user: str | None = Field(
        None, pattern=USER_ID, description="Whose token (default: yours; others: admin only)"
    )
    expires_days: int | None = Field(None, ge=1, le=3650)


class AuditEntry(BaseModel):
    seq: int
    at: datetime
    actor_user: str | None
    actor_org: str | None
    actor_role: str | None
    action: str
    operation: str
    purpose: str | None
    object_type: str | None
    object_ids: list[str]
    recipients: list[str]
    outcome: Literal["allowed", "denied", "error"]
    detail: dict[str, Any]
    keep_until: date
    prev_hash: str
    hash: str


class AuditVerdict(BaseModel):
    ok: bool
    entries: int = Field(description="Entries checked")
    first_seq: int = Field(description="Where the kept chain starts (after a purge checkpoint)")
    head_seq: int
    head_hash: str
    problem: str | None = Field(description="The first fault found, if any")
    seq: int | None = Field(description="The entry where it was found")


class Statement(BaseModel):
    id: str
    prop: str
    value: str
    norm: str | None
    valid: bool
    reason: str | None
    source: str
    owner: str
    handling: str
    restriction: str | None
    evaluation: str
    category: str | None
    first_seen: datetime
    last_seen: datetime
    review_date: date | None
    not_for_court: bool = Field(description="H1: not for judicial proceedings without permission")
    not_for_court_reason: str | None


class Entity(BaseModel):
    id: str
    schema_: str = Field(alias="schema", serialization_alias="schema")
    first_seen: datetime
    last_seen: datetime
    statements: list[Statement]

    model_config = ConfigDict(populate_by_name=True)
