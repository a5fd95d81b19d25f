"""Organisations and their users: the directory of the exchange."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.exc import IntegrityError

from mare.errors import Conflict, Forbidden, InvalidValue, NotFound
from mare.exchange.audit import Action
from mare.exchange.hub import Context
from mare.exchange.policy import Permission, require
from mare.exchange.principal import Principal
from mare.exchange.roles import OrgKind, Role, check_role
from mare.normalize.country import to_alpha3
from mare.store.tables import organisations, users

ORG_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
USER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
MAX_NAME = 200


def _name(text: str) -> str:
    name = " ".join(text.split())
    if not name or len(name) > MAX_NAME:
        raise InvalidValue(f"a name must be 1 to {MAX_NAME} characters", field="name")
    return name


def _country(text: str | None, kind: OrgKind) -> str | None:
    code = (text or "").strip().upper()
    if kind is OrgKind.HUB:
        if code:
            raise InvalidValue("the hub has no country", field="country")
        return None
    if len(code) != 2 or not code.isascii() or to_alpha3(code) is None:
        raise InvalidValue(
            f"a partner needs its ISO 3166 alpha-2 country, not {text!r}", field="country"
        )
    return code


def _check_id(pattern: re.Pattern[str], value: str, what: str) -> str:
    if not pattern.match(value):
        raise InvalidValue(
            f"{what} id {value!r} must be 1-64 letters, digits or . _ - (starting with a "
            "letter or digit)",
            field="id",
        )
    return value


# -- organisations -----------------------------------------------------------


def add_organisation(
    ctx: Context, org_id: str, name: str, country: str | None, kind: OrgKind
) -> Row[Any]:
    require(ctx.who, Permission.ORGANISATIONS_MANAGE)
    row = {
        "id": _check_id(ORG_ID, org_id, "an organisation"),
        "name": _name(name),
        "country": _country(country, kind),
        "kind": kind.value,
        "active": True,
        "created_at": datetime.now(UTC),
    }
    if ctx.conn.execute(select(organisations.c.id).where(organisations.c.id == org_id)).first():
        raise Conflict(f"organisation {org_id!r} exists already")
    try:
        ctx.conn.execute(organisations.insert().values(**row))
    except IntegrityError:
        raise Conflict(f"organisation {org_id!r} exists already") from None
    ctx.audit(
        Action.ADMINISTRATION,
        "organisation.create",
        object_type="organisation",
        object_ids=[org_id],
        detail={"name": row["name"], "country": row["country"], "kind": row["kind"]},
    )
    return _organisation(ctx, org_id)


def _organisation(ctx: Context, org_id: str) -> Row[Any]:
    row = ctx.conn.execute(select(organisations).where(organisations.c.id == org_id)).first()
    if row is None:
        raise NotFound(f"no organisation {org_id!r}")
    return row


def organisation(ctx: Context, org_id: str) -> Row[Any]:
    require(ctx.who, Permission.DIRECTORY_READ)
    row = _organisation(ctx, org_id)
    ctx.audit(
        Action.CONSULTATION, "organisation.read", object_type="organisation", object_ids=[org_id]
    )
    return row


def list_organisations(ctx: Context, *, after: str = "", limit: int = 100) -> list[Row[Any]]:
    require(ctx.who, Permission.DIRECTORY_READ)
    query = select(organisations).where(organisations.c.id > after).order_by(organisations.c.id)
    rows = list(ctx.conn.execute(query.limit(limit)))
    ctx.audit(
        Action.CONSULTATION,
        "organisation.list",
        object_type="organisation",
        detail={"after": after, "returned": len(rows)},
    )
    return rows


def set_organisation_active(ctx: Context, org_id: str, active: bool) -> Row[Any]:
    require(ctx.who, Permission.ORGANISATIONS_MANAGE)
    _organisation(ctx, org_id)
    ctx.conn.execute(
        organisations.update().where(organisations.c.id == org_id).values(active=active)
    )
    ctx.audit(
        Action.ADMINISTRATION,
        "organisation.activate" if active else "organisation.deactivate",
        object_type="organisation",
        object_ids=[org_id],
    )
    return _organisation(ctx, org_id)


# -- users -------------------------------------------------------------------


def add_user(ctx: Context, user_id: str, org_id: str, role: Role, name: str) -> Row[Any]:
    require(ctx.who, Permission.USERS_MANAGE)
    _check_id(USER_ID, user_id, "a user")
    org = ctx.conn.execute(select(organisations).where(organisations.c.id == org_id)).first()
    if org is None:
        raise InvalidValue(f"no organisation {org_id!r}", field="organisation")
    check_role(role, OrgKind(org.kind))
    if ctx.conn.execute(select(users.c.id).where(users.c.id == user_id)).first():
        raise Conflict(f"user {user_id!r} exists already")
    row = {
        "id": user_id,
        "organisation": org_id,
        "name": _name(name),
        "role": role.value,
        "active": True,
        "created_at": datetime.now(UTC),
    }
    try:
        ctx.conn.execute(users.insert().values(**row))
    except IntegrityError:
        raise Conflict(f"user {user_id!r} exists already") from None
    ctx.audit(
        Action.ADMINISTRATION,
        "user.create",
        object_type="user",
        object_ids=[user_id],
        detail={"organisation": org_id, "role": role.value, "name": row["name"]},
    )
    return _user(ctx, user_id)


def _user(ctx: Context, user_id: str) -> Row[Any]:
    row = ctx.conn.execute(select(users).where(users.c.id == user_id)).first()
    if row is None:
        raise NotFound(f"no user {user_id!r}")
    return row


def user(ctx: Context, user_id: str) -> Row[Any]:
    """A user's record: an administrator sees anyone, everyone else only themselves."""
    if user_id != ctx.who.user:
        require(ctx.who, Permission.USERS_READ)
    row = _user(ctx, user_id)
    ctx.audit(Action.CONSULTATION, "user.read", object_type="user", object_ids=[user_id])
    return row


def list_users(
    ctx: Context, *, organisation: str | None = None, after: str = "", limit: int = 100
) -> list[Row[Any]]:
    require(ctx.who, Permission.USERS_READ)
    query = select(users).where(users.c.id > after)
    if organisation is not None:
        query = query.where(users.c.organisation == organisation)
    rows = list(ctx.conn.execute(query.order_by(users.c.id).limit(limit)))
    ctx.audit(
        Action.CONSULTATION,
        "user.list",
        object_type="user",
        detail={"organisation": organisation, "after": after, "returned": len(rows)},
    )
    return rows


def set_user_active(ctx: Context, user_id: str, active: bool) -> Row[Any]:
    require(ctx.who, Permission.USERS_MANAGE)
    _user(ctx, user_id)
    ctx.conn.execute(users.update().where(users.c.id == user_id).values(active=active))
    ctx.audit(
        Action.ADMINISTRATION,
        "user.activate" if active else "user.deactivate",
        object_type="user",
        object_ids=[user_id],
    )
    return _user(ctx, user_id)


def me(ctx: Context) -> Row[Any]:
    """The principal's own user record (anyone may read their own)."""
    row = _user(ctx, ctx.who.user)
    ctx.audit(Action.CONSULTATION, "me.read", object_type="user", object_ids=[row.id])
    return row


def acting_as(ctx: Context, user_id: str, purpose: str | None = None) -> Principal:
    """The principal of an active user of an active organisation, for the command line
    (``--as``, ``--by``): the operator acts as that user, with that user's role, so the
    role's rules apply to the act. Recorded in the audit log."""
    require(ctx.who, Permission.USERS_READ)
    row = _user(ctx, user_id)
    org = _organisation(ctx, row.organisation)
    if not row.active or not org.active:
        raise Forbidden(f"user {user_id!r} or its organisation is deactivated")
    ctx.audit(
        Action.ADMINISTRATION,
        "user.act_as",
        object_type="user",
        object_ids=[user_id],
        detail={"purpose": purpose},
    )
    return Principal(
        user=row.id,
        organisation=row.organisation,
        role=Role(row.role),
        kind=OrgKind(org.kind),
        via="cli",
    ).for_purpose(purpose)
