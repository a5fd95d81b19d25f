"""Attachments: uploaded before the message that cites them, stored once by SHA-256.

An upload is size-capped (``MARE_MAX_ATTACHMENT_BYTES``) and type-checked
against its content (`mare.exchange.media`). The same content uploaded again,
by anyone, is stored once; each organisation that uploaded it may cite it in
its messages. It can be downloaded by an organisation that uploaded it and by
anyone who may read a message citing it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, select

from mare.errors import InvalidValue, NotFound, TooLarge
from mare.exchange import holdings
from mare.exchange.audit import Action
from mare.exchange.hub import Context
from mare.exchange.media import media_type, problem
from mare.exchange.policy import Access, Permission, decide, require
from mare.store.exchange import attachment_uploads, attachments, messages
from mare.store.store import Writer


def upload(ctx: Context, content: bytes, declared: str | None, max_bytes: int) -> Row[Any]:
    """Store an attachment (once per content) for the caller's organisation."""
    require(ctx.who, Permission.MESSAGES_SEND)
    if len(content) > max_bytes:
        raise TooLarge(f"an attachment may be at most {max_bytes} bytes")
    kind = media_type(declared)
    why = problem(kind, content)
    if why:
        raise InvalidValue(why, field="body")
    digest = hashlib.sha256(content).hexdigest()
    now = datetime.now(UTC)
    writer = Writer(ctx.conn)
    held = ctx.conn.execute(
        select(attachments.c.media_type).where(attachments.c.sha256 == digest)
    ).scalar()
    if held is not None and held != kind:
        raise InvalidValue(f"this content is held as {held}, not {kind}", field="body")
    writer.insert_new(
        attachments,
        [
            {
                "sha256": digest,
                "size": len(content),
                "media_type": kind,
                "content": content,
                "created_at": now,
            }
        ],
    )
    writer.insert_new(
        attachment_uploads,
        [
            {
                "sha256": digest,
                "organisation": ctx.who.organisation,
                "uploaded_by": ctx.who.user,
                "uploaded_at": now,
            }
        ],
    )
    ctx.audit(
        Action.COLLECTION,
        "attachment.upload",
        object_type="attachment",
        object_ids=[digest],
        detail={"size": len(content), "media_type": kind, "new": held is None},
    )
    return _meta(ctx, digest)


def _meta(ctx: Context, digest: str) -> Row[Any]:
    query: Any = select(
        attachments.c.sha256,
        attachments.c.size,
        attachments.c.media_type,
        attachments.c.created_at,
    ).where(attachments.c.sha256 == digest)
    row = ctx.conn.execute(query).first()
    if row is None:
        raise NotFound(f"no attachment {digest}")
    return row


def check_cited(ctx: Context, cited: Sequence[dict[str, Any]]) -> None:
    """Each attachment a message cites was uploaded by its sender, with that size and type."""
    for index, ref in enumerate(cited, start=1):
        where = f"body.attachments.{index - 1}"
        query = (
            select(attachments.c.size, attachments.c.media_type)
            .join(attachment_uploads, attachment_uploads.c.sha256 == attachments.c.sha256)
            .where(
                attachments.c.sha256 == ref["sha256"],
                attachment_uploads.c.organisation == ctx.who.organisation,
            )
        )
        row = ctx.conn.execute(query).first()
        if row is None:
            raise InvalidValue(
                f"attachment {ref['sha256']} was not uploaded by {ctx.who.organisation}: "
                "POST /attachments first",
                field=where,
            )
        if row.size != ref["size"] or row.media_type != media_type(ref["media_type"]):
            raise InvalidValue(
                f"attachment {ref['sha256']} is {row.size} bytes of {row.media_type}",
                field=where,
            )


def download(ctx: Context, digest: str) -> tuple[Row[Any], bytes]:
    """An attachment's content, for its uploaders and the readers of a message citing it."""
    require(ctx.who, Permission.MESSAGES_READ)
    uploaded = ctx.conn.execute(
        select(attachment_uploads.c.organisation).where(
            attachment_uploads.c.sha256 == digest,
            attachment_uploads.c.organisation == ctx.who.organisation,
        )
    ).first()
    via: list[str] = []
    if uploaded is None:
        citing = list(
            ctx.conn.execute(
                select(messages).where(
                    messages.c.status == "received",
                    messages.c.attachments.contains(digest),
                )
            )
        )
        kept = holdings.for_messages(ctx.conn, citing)
        via = [
            m.id
            for m, h in zip(citing, kept, strict=True)
            if decide(ctx.who, Access.READ, h).allowed
        ]
    if uploaded is None and not via:  # the error handler records the denial
        raise NotFound(f"no attachment {digest} that you may read")
    ctx.audit(
        Action.CONSULTATION,
        "attachment.read",
        object_type="attachment",
        object_ids=[digest],
        recipients=[ctx.who.organisation],
        detail={"uploader": uploaded is not None, "messages": via[:20]},
    )
    meta = _meta(ctx, digest)
    content = ctx.conn.execute(
        select(attachments.c.content).where(attachments.c.sha256 == digest)
    ).scalar_one()
    return meta, bytes(content)
