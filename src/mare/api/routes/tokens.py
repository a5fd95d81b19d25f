"""API tokens: one's own (anyone), anyone's (administrators)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from mare.api import pages
from mare.api.auth import CurrentPrincipal
from mare.api.errors import STANDARD_ERRORS, responses
from mare.api.routes import views
from mare.api.schemas import TOKEN_ID, USER_ID, NewToken, Token, TokenIn
from mare.exchange import tokens

router = APIRouter(tags=["tokens"], responses=responses(*STANDARD_ERRORS))

TokenId = Annotated[str, Path(pattern=TOKEN_ID)]


@router.get("/tokens", name="token.list")
def list_tokens(
    request: Request,
    principal: CurrentPrincipal,
    user: Annotated[str | None, Query(pattern=USER_ID)] = None,
    limit: pages.Limit = pages.DEFAULT_LIMIT,
    cursor: pages.TokenCursor = None,
) -> pages.Page[Token]:
    """Your tokens (administrators: anyone's, or one ``user``'s); never their secrets."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        rows = tokens.list_tokens(ctx, user=user, after=cursor or "", limit=limit + 1)
    return pages.page(rows, limit, lambda r: r.id, views.token)


@router.post("/tokens", name="token.create", status_code=201, responses=responses(413))
def create_token(request: Request, principal: CurrentPrincipal, body: TokenIn) -> NewToken:
    """A new token for you (administrators: for anyone); the secret is shown this once."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        secret, row = tokens.create_token(ctx, body.user or principal.user, body.expires_days)
    return NewToken(token=secret, **views.token_fields(row))


@router.delete("/tokens/{token_id}", name="token.revoke")
def revoke_token(request: Request, principal: CurrentPrincipal, token_id: TokenId) -> Token:
    """Revoke a token (yours; administrators: anyone's). It stops working at once."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        return views.token(tokens.revoke_token(ctx, token_id))
