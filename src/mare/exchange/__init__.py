"""The exchange: parties, identity, the audit log and the access rules.

Public namespace: `Principal` (who is asking), `Hub` and `Context` (one
transaction on behalf of one principal, with its one audit call), `Role` and
`OrgKind`, `Keys`, `Action` and `Outcome`. The modules ``parties``, ``tokens``,
``entities``, ``verify``, ``policy`` and ``notify`` hold the operations.
"""

from mare.exchange.audit import Action, Outcome
from mare.exchange.hub import Context, Hub
from mare.exchange.keys import Keys
from mare.exchange.principal import Principal
from mare.exchange.roles import OrgKind, Role

__all__ = ["Action", "Context", "Hub", "Keys", "OrgKind", "Outcome", "Principal", "Role"]
