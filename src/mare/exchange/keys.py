"""The server-side secrets: the token pepper, the audit signing key, the webhook key.

All are derived from one setting, ``MARE_SECRET_KEY``, with HMAC-SHA256 and a
label per use, so one secret can never be replayed as another. Without the
setting Mare runs on a fixed development key and says so (`Keys.insecure`):
fine for a walkthrough, never for a deployment, since anyone who can write the
database could then mint tokens and re-sign the audit head.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

from mare.settings import Settings

DEVELOPMENT_SECRET = "mare-development-secret-do-not-deploy"


def _derive(secret: str, label: str) -> bytes:
    return hmac.new(secret.encode("utf-8"), label.encode("ascii"), hashlib.sha256).digest()


@dataclass(frozen=True, slots=True)
class Keys:
    """Keys derived from the one secret; never stored, never logged."""

    token_pepper: bytes
    audit_key: bytes
    webhook_key: bytes
    insecure: bool = False

    @classmethod
    def from_secret(cls, secret: str) -> Keys:
        insecure = not secret
        secret = secret or DEVELOPMENT_SECRET
        return cls(
            _derive(secret, "mare/token-pepper/v1"),
            _derive(secret, "mare/audit/v1"),
            _derive(secret, "mare/webhook/v1"),
            insecure,
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> Keys:
        return cls.from_secret(settings.secret_key)

    def __repr__(self) -> str:
        return f"Keys(insecure={self.insecure})"

    def token_hash(self, token: str) -> str:
        """HMAC-SHA256 of a bearer token under the pepper (hex)."""
        return hmac.new(self.token_pepper, token.encode("utf-8"), hashlib.sha256).hexdigest()

    def sign(self, text: str) -> str:
        """HMAC-SHA256 of an audit mark (head or checkpoint) under the audit key (hex)."""
        return hmac.new(self.audit_key, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def signed(self, text: str, signature: str) -> bool:
        return hmac.compare_digest(self.sign(text), signature)

    def webhook_secret(self, subscription_id: str) -> str:
        """A webhook subscription's signing secret: derived from its id, never stored."""
        digest = hmac.new(self.webhook_key, subscription_id.encode("utf-8"), hashlib.sha256)
        return "whsec_" + base64.urlsafe_b64encode(digest.digest()).decode("ascii").rstrip("=")
