"""The audit log: read and verify (supervisors)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from mare.api import pages
from mare.api.auth import CurrentPrincipal
from mare.api.errors import STANDARD_ERRORS, responses
from mare.api.schemas import AuditEntry, AuditVerdict
from mare.exchange import audit, verify
from mare.exchange.audit import Action
from mare.exchange.policy import Permission, require

router = APIRouter(tags=["audit"], responses=responses(*STANDARD_ERRORS))


@router.get("/audit", name="audit.list")
def list_entries(
    request: Request,
    principal: CurrentPrincipal,
    limit: pages.Limit = pages.DEFAULT_LIMIT,
    cursor: pages.SeqCursor = None,
) -> pages.Page[AuditEntry]:
    """Entries in chain order (oldest first); reading the log is itself logged."""
    require(principal, Permission.AUDIT_READ)
    after = int(cursor or 0)
    with request.app.state.runtime.hub.context(principal) as ctx:
        rows = audit.entries(ctx.conn, after=after, limit=limit + 1)
        ctx.audit(
            Action.CONSULTATION,
            "audit.list",
            object_type="audit",
            detail={"after": after, "returned": min(len(rows), limit)},
        )
    return pages.page(rows, limit, lambda r: str(r.seq), lambda r: AuditEntry(**audit.as_dict(r)))


@router.get("/audit/verify", name="audit.verify")
def verify_chain(request: Request, principal: CurrentPrincipal) -> AuditVerdict:
    """Walk the chain and check it against the signed head."""
    require(principal, Permission.AUDIT_VERIFY)
    with request.app.state.runtime.hub.context(principal) as ctx:
        verdict = verify.verify(ctx.conn, ctx.keys)
        ctx.audit(
            Action.CONSULTATION,
            "audit.verify",
            object_type="audit",
            detail={"ok": verdict.ok, "problem": verdict.problem, "seq": verdict.seq},
        )
    return AuditVerdict(
        ok=verdict.ok,
        entries=verdict.entries,
        first_seq=verdict.first_seq,
        head_seq=verdict.head_seq,
        head_hash=verdict.head_hash,
        problem=verdict.problem,
        seq=verdict.seq,
    )
